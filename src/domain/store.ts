// The in-memory store: typed tables of plain JSON rows, with an undo journal so that a failed operation leaves
// nothing half-written. Rows are frozen: the only way to change one is Table.update, which the journal records.

export interface Row { id: string }

type JournalEntry = { table: Table<Row>; id: string; before: Row | undefined };

export class Table<T extends Row> {
  private rows = new Map<string, T>();
  constructor(readonly name: string, private readonly journal: Journal) {}

  get(id: string): T | undefined { return this.rows.get(id); }
  has(id: string): boolean { return this.rows.has(id); }
  all(): T[] { return [...this.rows.values()]; }
  get size(): number { return this.rows.size; }
  find(predicate: (row: T) => boolean): T | undefined {
    for (const row of this.rows.values()) if (predicate(row)) return row;
    return undefined;
  }
  filter(predicate: (row: T) => boolean): T[] {
    const out: T[] = [];
    for (const row of this.rows.values()) if (predicate(row)) out.push(row);
    return out;
  }

  insert(row: T): T {
    if (this.rows.has(row.id)) throw new Error(`${this.name}: duplicate id ${row.id}`);
    this.journal.record(this as unknown as Table<Row>, row.id, undefined);
    const frozen = Object.freeze({ ...row });
    this.rows.set(row.id, frozen);
    return frozen;
  }

  update(id: string, patch: Partial<T> | ((row: T) => Partial<T>)): T {
    const current = this.rows.get(id);
    if (!current) throw new Error(`${this.name}: no row ${id}`);
    const changes = typeof patch === 'function' ? patch(current) : patch;
    this.journal.record(this as unknown as Table<Row>, id, current);
    const next = Object.freeze({ ...current, ...changes, id });
    this.rows.set(id, next);
    return next;
  }

  delete(id: string): void {
    const current = this.rows.get(id);
    if (!current) return;
    this.journal.record(this as unknown as Table<Row>, id, current);
    this.rows.delete(id);
  }

  /** Restores one row as it was (journal rollback only). */
  restore(id: string, before: T | undefined): void {
    if (before) this.rows.set(id, before); else this.rows.delete(id);
  }

  dump(): T[] { return this.all(); }
  load(rows: T[]): void { this.rows = new Map(rows.map((r) => [r.id, Object.freeze({ ...r })])); }
}

export class Journal {
  private entries: JournalEntry[] | null = null;
  private committed = 0;

  /** Grows with every committed change (a write outside a transaction, or a transaction that wrote and succeeded). */
  get version(): number { return this.committed; }

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
