// Database-stamped times as the docs print them: RFC 3339 UTC with six fractional digits (`…07:47:59.755991Z`,
// `…10:30:00.000000Z`), on the fields whose documented examples show them (order and offer created_at/updated_at,
// wallet created_at; contract schema DbTimestamp). The store keeps whole-second ISO strings, whose string order is
// time order; only the wire form gains the fraction. Rule and reasons: contracts/notes/wire-fidelity.md.
export function dbTimestamp(iso: string): string {
  // A view shows created_at and updated_at, mostly the same second as the last row's: the last answer is kept.
  if (iso === lastIso) return lastWire;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/.exec(iso);
  const wire = m ? `${m[1]}.${(m[2] ?? '').padEnd(6, '0').slice(0, 6)}Z` : iso;
  lastIso = iso;
  lastWire = wire;
  return wire;
}
let lastIso: string | null = null;
let lastWire = '';
