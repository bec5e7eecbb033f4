// Running totals of a store table, kept like its indexes (see table-index.ts): each row adds its count and amounts
// to the buckets it belongs to, and every change, rollback and load moves them. A statistic is then a lookup, not a
// sum over a customer's every order. Amounts are exact decimals.
import { D, type Dec } from './money.ts';

export interface TallySpec<T> {
  readonly name: string;
  keys(row: T): readonly string[];
  /** The decimal amounts (strings, as rows hold them) a row adds to its buckets. */
  amounts(row: T): Record<string, string>;
}

export const defineTally = <T>(name: string, keys: (row: T) => readonly string[], amounts: (row: T) => Record<string, string>): TallySpec<T> =>
  ({ name, keys, amounts });

export interface Totals { count: number; sums: Record<string, Dec> }

export class TableTally<T> {
  private totals = new Map<string, Totals>();

  constructor(readonly spec: TallySpec<T>, rows: Iterable<T>) {
    for (const row of rows) this.apply(row, 1);
  }

  /** The bucket's count and sums (zero when empty). */
  get(key: string): { count: number; sum(field: string): Dec } {
    const t = this.totals.get(key);
    return { count: t?.count ?? 0, sum: (field) => t?.sums[field] ?? new D(0) };
  }

  /** Buckets held (one per key with live rows, whatever the number of rows). */
  get entries(): number { return this.totals.size; }

  change(before: T | undefined, after: T | undefined): void {
    if (before) this.apply(before, -1);
    if (after) this.apply(after, 1);
  }

  private apply(row: T, sign: 1 | -1): void {
    const amounts = this.spec.amounts(row);
    for (const key of this.spec.keys(row)) {
      let t = this.totals.get(key);
      if (!t) this.totals.set(key, (t = { count: 0, sums: {} }));
      t.count += sign;
      for (const [field, value] of Object.entries(amounts)) {
        const v = new D(value);
        t.sums[field] = (t.sums[field] ?? new D(0))[sign > 0 ? 'plus' : 'minus'](v);
      }
      if (t.count === 0) this.totals.delete(key);
    }
  }
}
