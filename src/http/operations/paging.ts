import type { Defaulted } from '../types.ts';

/** An array or an index bucket (kernel/index-bucket.ts): a page is a slice of either. */
interface Sliceable<T> { slice(start: number, end: number): T[] }

// page_id (1-based) + page_size → one slice of a list; the lists are bare arrays with no envelope, as documented.
export function paginate<T>(rows: Sliceable<T>, query: { page_id?: number; page_size?: number }, defaultSize = 10): T[] {
  const page = query.page_id ?? 1;
  const size = query.page_size ?? defaultSize;
  return rows.slice((page - 1) * size, page * size);
}

/** limit + offset → one slice of a list (the contract defaults both; the request validator fills them in). */
export function sliceOffset<T>(rows: Sliceable<T>, query: { limit?: number; offset?: number }): T[] {
  // Narrowed, not defaulted again here: the contract holds the defaults, and validation has applied them.
  const { limit, offset } = query as Defaulted<typeof query, 'limit' | 'offset'>;
  return rows.slice(offset, offset + limit);
}
