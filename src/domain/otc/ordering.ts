// The order of the OTC desk's lists: created_at, then creation order (seq) for rows created in the same instant.

type Created = { created_at: string; seq: number };

/** A comparator by created_at then seq, oldest first ('asc') or newest first ('desc'). */
export function byCreation(order: 'asc' | 'desc'): (a: Created, b: Created) => number {
  const sign = order === 'asc' ? 1 : -1;
  return (a, b) => sign * (a.created_at.localeCompare(b.created_at) || a.seq - b.seq);
}
