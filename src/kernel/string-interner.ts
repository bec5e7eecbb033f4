// One copy of each repeated string a table stores. Rows are built from parsed request bodies, clock text and decimal
// formatting, so every order would otherwise carry its own copy of "pending", "KES", "2026-11-22T09:00:00Z",
// "1.00000000", the customer's id and address: a few hundred bytes per row. Each field keeps the values it met
// recently in two generations of at most `capacity` entries (when the young one fills, it becomes the old one and the
// old one is dropped), so a field of unique values (ids, hashes) costs a bounded map, not one entry per row, and a
// value still in use is promoted back and stays shared. Looking a value up also flattens it (a concatenated or sliced
// string would otherwise keep its pieces or its whole parent string alive).

/** Longer strings (JSON blobs, signatures) are left as they are: rarely repeated, and hashing them costs. */
const MAX_LENGTH = 96;

class FieldValues {
  get size(): number { return this.young.size + this.old.size; }
  private young = new Map<string, string>();
  private old = new Map<string, string>();
  constructor(private readonly capacity: number) {}

  intern(value: string): string {
    const seen = this.young.get(value);
    if (seen !== undefined) return seen;
    const kept = this.old.get(value) ?? value;
    if (this.young.size >= this.capacity) { this.old = this.young; this.young = new Map(); }
    this.young.set(kept, kept);
    return kept;
  }
}

export class StringInterner {
  private fields = new Map<string, FieldValues>();
  /** Values looked up so far (an operation count for tests). */
  lookups = 0;
  constructor(private readonly capacity = 1024) {}

  intern(field: string, value: string): string {
    if (value.length > MAX_LENGTH || value.length === 0) return value;
    let values = this.fields.get(field);
    if (!values) this.fields.set(field, (values = new FieldValues(this.capacity)));
    this.lookups++;
    return values.intern(value);
  }

  /**
   * Replaces the string fields of a freshly copied row (not yet frozen) with their shared copies: all of them, or only
   * `keys` (the fields an update changed). `id` is skipped: it is unique per row by definition.
   */
  internRow(row: Record<string, unknown>, keys?: Iterable<string>): void {
    if (keys) {
      for (const key of keys) this.internField(row, key);
      return;
    }
    // for-in over a fresh row copy: no key array per insert (the row's own keys, no prototype chain to speak of)
    for (const key in row) this.internField(row, key);
  }

  private internField(row: Record<string, unknown>, key: string): void {
    if (key === 'id') return;
    const value = row[key];
    if (typeof value === 'string') row[key] = this.intern(key, value);
  }

  /** Strings held over all fields (at most two generations of `capacity` per field). */
  get size(): number {
    let n = 0;
    for (const values of this.fields.values()) n += values.size;
    return n;
  }

  clear(): void { this.fields.clear(); }
}
