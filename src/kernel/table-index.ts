// Secondary indexes of a store table: each row sits in zero or more named buckets, and each bucket is a double-ended
// array (index-bucket.ts) kept sorted by the index's order. A list page is then a slice of one bucket (O(page size)), a lookup by key the bucket's
// first row, a count its length: no request scans a table. The table keeps its indexes in step on every insert, update,
// delete and journal rollback, and rebuilds them when its rows are loaded (restore, reset).

import { EMPTY_ROWS, IndexBucket, type IndexRows } from './index-bucket.ts';
import { KeyedBucket } from './keyed-bucket.ts';

export type { IndexRows } from './index-bucket.ts';

export interface IndexSpec<T> {
  /** Names the index in errors and profiles. */
  readonly name: string;
  /** The buckets a row belongs to; none for a row the index leaves out (e.g. a soft-deleted one). */
  keys(row: T): readonly string[];
  /**
   * Order inside a bucket (ties are broken by id, so the order is total). Without one, a bucket keeps the order rows
   * were inserted in (as a scan of the table would meet them); use that for small buckets only, since moving a row
   * in such a bucket searches it.
   */
  compare?(a: T, b: T): number;
  /**
   * Buckets keyed by row id (keyed-bucket.ts), in insertion order and without `compare`: adding and removing a row cost
   * the same in a bucket of millions as in one of one. For buckets read whole or counted, not paged (positional reads
   * walk the bucket).
   */
  readonly keyed?: boolean;
}

/** Spec helper: `index<OrderRow>('orders by customer', (o) => [o.customer_id], newestFirst)`. */
export function defineIndex<T>(name: string, keys: (row: T) => readonly string[], compare?: (a: T, b: T) => number): IndexSpec<T> {
  return { name, keys, compare };
}

/** Spec helper for an index of keyed buckets (see IndexSpec.keyed): `defineKeyedIndex<TokenRow>('tokens by user', (t) => [t.user_id])`. */
export function defineKeyedIndex<T>(name: string, keys: (row: T) => readonly string[]): IndexSpec<T> {
  return { name, keys, keyed: true };
}

const NONE: readonly never[] = Object.freeze([]);

export class TableIndex<T extends { id: string }> {
  private buckets = new Map<string, IndexBucket<T>>();
  private readonly order: ((a: T, b: T) => number) | null;
  /** The buckets of a keyed index (IndexSpec.keyed); `buckets` stays empty then. */
  private readonly keyed: Map<string, KeyedBucket<T>> | null;

  constructor(readonly spec: IndexSpec<T>, rows: Iterable<T>) {
    if (spec.keyed) {
      if (spec.compare) throw new Error(`index ${spec.name}: a keyed index keeps insertion order and takes no compare`);
      this.order = null;
      this.keyed = new Map();
      for (const row of rows) for (const key of spec.keys(row)) this.put(key, row);
      return;
    }
    this.keyed = null;
    const compare = spec.compare;
    this.order = compare ? (a, b) => compare(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : null;
    for (const row of rows) for (const key of spec.keys(row)) {
      let bucket = this.buckets.get(key);
      if (!bucket) this.buckets.set(key, (bucket = new IndexBucket<T>()));
      bucket.pushUnordered(row);
    }
    if (this.order) for (const bucket of this.buckets.values()) bucket.sort(this.order);
  }

  /** The bucket's rows in the index's order. Read-only: it is the index itself, not a copy. */
  rows(key: string): IndexRows<T> { return (this.keyed ?? this.buckets).get(key) ?? (EMPTY_ROWS as IndexRows<T>); }
  first(key: string): T | undefined { return (this.keyed ?? this.buckets).get(key)?.at(0); }
  count(key: string): number { return (this.keyed ?? this.buckets).get(key)?.length ?? 0; }
  /** Row slots over all buckets (what the index holds: references to the table's rows, never copies). */
  get entries(): number {
    let n = 0;
    for (const bucket of (this.keyed ?? this.buckets).values()) n += bucket.length;
    return n;
  }

  /** Moves a row from the buckets of `before` to those of `after` (either may be absent: insert, delete). */
  change(before: T | undefined, after: T | undefined): void {
    const oldKeys = before ? this.spec.keys(before) : NONE;
    const newKeys = after ? this.spec.keys(after) : NONE;
    if (this.keyed) {
      // a row that stays in a bucket keeps its place there (put replaces it where it stands)
      for (const key of oldKeys) if (!after || !newKeys.includes(key)) this.unput(key, before!.id);
      for (const key of newKeys) this.put(key, after!);
      return;
    }
    // A row that stays in a bucket keeps its place there: always in insertion order, and in an ordered index when its
    // sort key did not change (a status change of an old order), which otherwise cost a removal and an insertion in
    // the middle of a bucket that grows with the table.
    if (before && after && (!this.order || this.order(before, after) === 0)) {
      for (const key of oldKeys) if (newKeys.includes(key)) this.replace(key, before, after); else this.remove(key, before);
      for (const key of newKeys) if (!oldKeys.includes(key)) this.add(key, after);
      return;
    }
    if (before) for (const key of oldKeys) this.remove(key, before);
    if (after) for (const key of newKeys) this.add(key, after);
  }

  private put(key: string, row: T): void {
    const keyed = this.keyed!;
    let bucket = keyed.get(key);
    if (!bucket) keyed.set(key, (bucket = new KeyedBucket<T>()));
    bucket.put(row);
  }

  private unput(key: string, id: string): void {
    const bucket = this.keyed!.get(key);
    if (bucket?.remove(id) && !bucket.length) this.keyed!.delete(key);
  }

  private add(key: string, row: T): void {
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new IndexBucket<T>()));
    if (!this.order || !bucket.length) { bucket.insert(bucket.length, row); return; }
    // Rows mostly arrive at one end (new rows are the newest): check both ends before searching.
    if (this.order(bucket.at(-1)!, row) < 0) { bucket.insert(bucket.length, row); return; }
    if (this.order(row, bucket.at(0)!) < 0) { bucket.insert(0, row); return; }
    bucket.insert(this.position(bucket, row), row);
  }

  private remove(key: string, row: T): void {
    const bucket = this.buckets.get(key);
    if (!bucket) return;
    // Rows mostly leave from one end (the oldest or soonest first, the newest on a rollback): check both ends first.
    const last = bucket.length - 1;
    let i = bucket.at(last)!.id === row.id ? last : !this.order ? -1 : bucket.at(0)!.id === row.id ? 0 : this.position(bucket, row);
    if (bucket.at(i)?.id !== row.id || i < 0) i = bucket.indexOfId(row.id); // insertion order, or not where its order says
    if (i < 0) return;
    if (bucket.length === 1) this.buckets.delete(key); else bucket.removeAt(i);
  }

  private replace(key: string, before: T, after: T): void {
    const bucket = this.buckets.get(key);
    let i = bucket && this.order ? this.position(bucket, before) : -1;
    if (bucket && (i < 0 || bucket.at(i)?.id !== before.id)) i = bucket.indexOfId(before.id); // insertion order, or not where its order says
    if (i >= 0) bucket!.set(i, after); else this.add(key, after);
  }

  /** The first position whose row does not sort before `row` (binary search; only with an order). */
  private position(bucket: IndexBucket<T>, row: T): number {
    const order = this.order!;
    let lo = 0, hi = bucket.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (order(bucket.at(mid)!, row) < 0) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
}
