// Go's sql.Null* wrappers, as the API serialises nullable columns: a null value is the type's zero value with Valid false.

/** Go's zero time stands for "never" in a NullTime. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

export const nullString = (v: string | null) => ({ String: v ?? '', Valid: v !== null });
export const nullTime = (v: string | null) => ({ Time: v ?? ZERO_TIME, Valid: v !== null });
