// One bucket of a table index: rows in the index's order, as a double-ended array. A newest-first list receives each
// new row at its front; a plain array would move every row of the bucket to make room (a 100,000-order bucket is
// about 0.3 ms per insert, several buckets per order), so the bucket keeps two arrays back to back: `front`, stored
// reversed (its last element is the bucket's first row), and `back`, in order. Adding or removing at either end is
// O(1); an edit in the middle moves only the rows between it and the nearer end of its half.

/** What a list reads from an index bucket: a read-only sequence (page slices, counts, scans of small buckets). */
export interface IndexRows<T> extends Iterable<T> {
  readonly length: number;
  at(i: number): T | undefined;
  slice(start?: number, end?: number): T[];
  filter(predicate: (row: T) => boolean): T[];
  find(predicate: (row: T) => boolean): T | undefined;
  some(predicate: (row: T) => boolean): boolean;
  map<U>(fn: (row: T) => U): U[];
}

export class IndexBucket<T> implements IndexRows<T> {
  private front: T[] = [];
  private back: T[] = [];

  get length(): number { return this.front.length + this.back.length; }

  /** The row at position i (0 = first); negative counts from the end, like Array.prototype.at. */
  at(i: number): T | undefined {
    const n = this.length;
    if (i < 0) i += n;
    if (i < 0 || i >= n) return undefined;
    const f = this.front.length;
    return i < f ? this.front[f - 1 - i] : this.back[i - f];
  }

  /** Rows [start, end) as a new array: O(end - start). */
  slice(start = 0, end = this.length): T[] {
    const n = this.length;
    const from = Math.max(0, start < 0 ? start + n : Math.min(start, n));
    const to = Math.max(from, end < 0 ? end + n : Math.min(end, n));
    const out: T[] = new Array(to - from);
    for (let i = from; i < to; i++) out[i - from] = this.at(i)!;
    return out;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = this.front.length - 1; i >= 0; i--) yield this.front[i];
    yield* this.back;
  }

  filter(predicate: (row: T) => boolean): T[] { const out: T[] = []; for (const r of this) if (predicate(r)) out.push(r); return out; }
  find(predicate: (row: T) => boolean): T | undefined { for (const r of this) if (predicate(r)) return r; return undefined; }
  some(predicate: (row: T) => boolean): boolean { return this.find(predicate) !== undefined; }
  map<U>(fn: (row: T) => U): U[] { const out: U[] = []; for (const r of this) out.push(fn(r)); return out; }

  /** Puts `row` at position i (0 ≤ i ≤ length). */
  insert(i: number, row: T): void {
    const f = this.front.length;
    if (i === 0) this.front.push(row);
    else if (i === this.length) this.back.push(row);
    else if (i <= f) this.front.splice(f - i, 0, row); // stored reversed: position i is just after front[f - i]
    else this.back.splice(i - f, 0, row);
  }

  /** Removes the row at position i. */
  removeAt(i: number): void {
    // Removing at an end whose half is empty would shift every row of the other half (a bucket drained oldest first,
    // e.g. tokens pruned by expiry): split the rows into halves again first, which n/2 removals pay for.
    if ((i === 0 && !this.front.length) || (i === this.length - 1 && !this.back.length)) this.rebalance();
    const f = this.front.length;
    if (i < f) {
      if (i === 0) this.front.pop(); else this.front.splice(f - 1 - i, 1);
    } else if (i === this.length - 1) this.back.pop();
    else this.back.splice(i - f, 1);
  }

  /** Replaces the row at position i. */
  set(i: number, row: T): void {
    const f = this.front.length;
    if (i < f) this.front[f - 1 - i] = row; else this.back[i - f] = row;
  }

  /** Position of the row with this id (a scan: for buckets without an order, or a row not where its order says). */
  indexOfId(id: string): number {
    let i = 0;
    for (const r of this) { if ((r as { id: string }).id === id) return i; i++; }
    return -1;
  }

  /** The same rows in the same order, half in `front` and half in `back`. */
  private rebalance(): void {
    const rows = [...this.front.reverse(), ...this.back];
    const half = rows.length >> 1;
    this.front = rows.slice(0, half).reverse();
    this.back = rows.slice(half);
  }

  /** Rows added in bulk, unordered (an index build); `sort` puts them in order afterwards. */
  pushUnordered(row: T): void { this.back.push(row); }
  sort(order: (a: T, b: T) => number): void {
    this.back = [...this.front.reverse(), ...this.back].sort(order);
    this.front = [];
  }
}

/** The bucket of a key with no rows. */
export const EMPTY_ROWS: IndexRows<never> = new IndexBucket<never>();
