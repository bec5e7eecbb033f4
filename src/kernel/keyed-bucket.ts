// A bucket of a table index whose rows are found by id: a Map from row id to row, in insertion order. Adding, removing
// and replacing a row are O(1) whatever the bucket's size, where an ordered bucket searches and moves rows; positional
// reads (at, slice) walk the bucket, so this is for buckets that are read whole or counted (a user's tokens, revoked
// together), never paged.
import type { IndexRows } from './index-bucket.ts';

export class KeyedBucket<T extends { id: string }> implements IndexRows<T> {
  private readonly rows = new Map<string, T>();

  get length(): number { return this.rows.size; }

  at(i: number): T | undefined {
    const n = this.rows.size;
    if (i < 0) i += n;
    if (i < 0 || i >= n) return undefined;
    for (const row of this.rows.values()) if (i-- === 0) return row;
    return undefined;
  }

  slice(start = 0, end = this.rows.size): T[] { return [...this.rows.values()].slice(start, end); }
  [Symbol.iterator](): Iterator<T> { return this.rows.values(); }
  filter(predicate: (row: T) => boolean): T[] { const out: T[] = []; for (const r of this.rows.values()) if (predicate(r)) out.push(r); return out; }
  find(predicate: (row: T) => boolean): T | undefined { for (const r of this.rows.values()) if (predicate(r)) return r; return undefined; }
  some(predicate: (row: T) => boolean): boolean { return this.find(predicate) !== undefined; }
  map<U>(fn: (row: T) => U): U[] { const out: U[] = []; for (const r of this.rows.values()) out.push(fn(r)); return out; }

  /** Adds the row at the end, or replaces the row of its id where it stands. */
  put(row: T): void { this.rows.set(row.id, row); }
  /** Removes the row of this id; false when the bucket has none. */
  remove(id: string): boolean { return this.rows.delete(id); }
}
