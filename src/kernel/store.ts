// The in-memory store: typed tables of plain JSON rows, with an undo journal so that a failed operation leaves
// nothing half-written. Rows are frozen: the only way to change one is Table.update, which the journal records.
// Tables keep secondary indexes (table-index.ts) and observers (the scheduler's queue) in step with every change,
// rollback and load.
import { TableIndex, type IndexSpec } from './table-index.ts';
import { TableTally, type TallySpec } from './table-tally.ts';
import { StringInterner } from './string-interner.ts';

export interface Row { id: string }

/** Told of every change of a table's rows (before → after; undefined = absent) and of a wholesale load. */
export interface TableObserver<T> {
  changed(before: T | undefined, after: T | undefined): void;
  loaded(): void;
}

type JournalEntry = { table: Table<Row>; id: string; before: Row | undefined };
/** An index or tally of a table, kept in step with its rows. */
type Derived<T> = { change(before: T | undefined, after: T | undefined): void; readonly entries: number };

export class Table<T extends Row> {
  private rows = new Map<string, T>();
  /** Indexes and tallies by their spec: derived from the rows, kept in step by changed(), dropped on load. */
  private derived = new Map<object, Derived<T>>();
  /** The same, as an array: every change walks it (no iterator per change). */
  private derivedList: Derived<T>[] = [];
  private observers: TableObserver<T>[] = [];
  /** Rows visited by whole-table reads (all, find, filter): what tests count to prove a request does not scan. */
  scanned = 0;
  /** Shares repeated string values between rows (statuses, currencies, times, amounts, ids of parents). */
  private readonly strings = new StringInterner();
  constructor(readonly name: string, private readonly journal: Journal) {}

  get(id: string): T | undefined { return this.rows.get(id); }
  has(id: string): boolean { return this.rows.has(id); }
  all(): T[] { this.scanned += this.rows.size; return [...this.rows.values()]; }
  get size(): number { return this.rows.size; }
  find(predicate: (row: T) => boolean): T | undefined {
    for (const row of this.rows.values()) { this.scanned++; if (predicate(row)) return row; }
    return undefined;
  }
  filter(predicate: (row: T) => boolean): T[] {
    const out: T[] = [];
    for (const row of this.rows.values()) { this.scanned++; if (predicate(row)) out.push(row); }
    return out;
  }
  /** The last `n` rows in insertion order, without copying the table (a view's "latest rows"). */
  tail(n: number): T[] {
    const out: T[] = [];
    let skip = this.rows.size - n;
    for (const row of this.rows.values()) if (skip-- <= 0) out.push(row);
    return out;
  }
  /** Every row, without copying or counting (exports and index builds). */
  values(): IterableIterator<T> { return this.rows.values(); }

  /** The table's index of this spec, built on first use from the current rows and kept in step from then on. */
  index(spec: IndexSpec<T>): TableIndex<T> {
    let index = this.derived.get(spec) as TableIndex<T> | undefined;
    if (!index) this.addDerived(spec, (index = new TableIndex(spec, this.rows.values())));
    return index;
  }

  /** The table's running totals of this spec, built on first use and kept in step like an index. */
  tally(spec: TallySpec<T>): TableTally<T> {
    let tally = this.derived.get(spec) as TableTally<T> | undefined;
    if (!tally) this.addDerived(spec, (tally = new TableTally(spec, this.rows.values())));
    return tally;
  }

  private addDerived(spec: object, derived: Derived<T>): void {
    this.derived.set(spec, derived);
    this.derivedList.push(derived);
  }

  /** Entries held by the table's indexes and tallies (row references and buckets): see World.footprint. */
  derivedEntries(): number {
    let n = 0;
    for (const d of this.derived.values()) n += d.entries;
    return n;
  }
  /** Distinct strings the table's interner holds (bounded per field). */
  get internedStrings(): number { return this.strings.size; }

  observe(observer: TableObserver<T>): void { this.observers.push(observer); }

  private changed(before: T | undefined, after: T | undefined): void {
    const derived = this.derivedList;
    for (let i = 0; i < derived.length; i++) derived[i].change(before, after);
    const observers = this.observers;
    for (let i = 0; i < observers.length; i++) observers[i].changed(before, after);
  }

  insert(row: T): T {
    if (this.rows.has(row.id)) throw new Error(`${this.name}: duplicate id ${row.id}`);
    this.journal.record(this as unknown as Table<Row>, row.id, undefined);
    const copy = { ...row };
    this.strings.internRow(copy as Record<string, unknown>);
    const frozen = Object.freeze(copy);
    this.rows.set(row.id, frozen);
    this.changed(undefined, frozen);
    return frozen;
  }

  update(id: string, patch: Partial<T> | ((row: T) => Partial<T>)): T {
    const current = this.rows.get(id);
    if (!current) throw new Error(`${this.name}: no row ${id}`);
    const changes = typeof patch === 'function' ? patch(current) : patch;
    this.journal.record(this as unknown as Table<Row>, id, current);
    const merged = { ...current, ...changes, id };
    this.strings.internRow(merged as Record<string, unknown>, Object.keys(changes));
    const next = Object.freeze(merged);
    this.rows.set(id, next);
    this.changed(current, next);
    return next;
  }

  delete(id: string): void {
    const current = this.rows.get(id);
    if (!current) return;
    this.journal.record(this as unknown as Table<Row>, id, current);
    this.rows.delete(id);
    this.changed(current, undefined);
  }

  /** Restores one row as it was (journal rollback only). */
  restore(id: string, before: T | undefined): void {
    const current = this.rows.get(id);
    if (before) this.rows.set(id, before); else this.rows.delete(id);
    this.changed(current, before);
  }

  dump(): T[] { return [...this.rows.values()]; }
  /** Replaces every row (restore, reset); indexes are dropped and rebuilt from the new rows on their next use. */
  load(rows: T[]): void {
    this.strings.clear();
    this.rows = new Map();
    for (const r of rows) {
      const copy = { ...r };
      this.strings.internRow(copy as Record<string, unknown>);
      this.rows.set(r.id, Object.freeze(copy));
    }
    this.derived.clear();
    this.derivedList = [];
    for (const o of this.observers) o.loaded();
  }
}

export class Journal {
  private entries: JournalEntry[] | null = null;
  private committed = 0;

  /** Grows with every committed change (a write outside a transaction, or a transaction that wrote and succeeded). */
  get version(): number { return this.committed; }
  /** Undo entries held right now: only inside a transaction; none are kept once it commits or rolls back. */
  get open(): number { return this.entries?.length ?? 0; }

  record(table: Table<Row>, id: string, before: Row | undefined): void {
    if (this.entries) this.entries.push({ table, id, before }); else this.committed++;
  }

  /**
   * Runs fn as one unit: if it throws, every row it touched is put back and the error propagates.
   * fn must be synchronous: an await inside would let another request interleave with a half-done change.
   */
  transaction<R>(fn: () => R): R {
    const outer = this.entries !== null;
    if (!outer) this.entries = [];
    const mark = this.entries!.length; // a nested transaction is a savepoint: it rolls back only its own changes
    try {
      const result = fn();
      if (result instanceof Promise) throw new Error('store transactions must be synchronous');
      if (!outer && this.entries!.length) this.committed++;
      return result;
    } catch (error) {
      const entries = this.entries!;
      for (let i = entries.length - 1; i >= mark; i--) entries[i].table.restore(entries[i].id, entries[i].before);
      entries.length = mark;
      throw error;
    } finally {
      if (!outer) this.entries = null;
    }
  }
}
