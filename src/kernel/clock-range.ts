// The times the sandbox clock may show. Outside them dates stop being what the API prints: before 1970 a Unix
// timestamp turns negative (snapshots, Daraja stamps), at 10000 an RFC 3339 year needs five digits (tokens, every
// created_at). 9000 leaves room for the expiries and retries that are scheduled ahead of "now".
import { invalidField } from './errors.ts';
export const CLOCK_MIN_MS = Date.UTC(1970, 0, 1);
export const CLOCK_MAX_MS = Date.UTC(9000, 0, 1);
export const CLOCK_RANGE_TEXT = 'between 1970-01-01T00:00:00Z (included) and 9000-01-01T00:00:00Z (excluded)';

/** Why `ms` is not a time the clock may show, or null when it is. */
export function clockRangeProblem(ms: number): string | null {
  if (!Number.isFinite(ms)) return 'is not a valid time';
  return ms >= CLOCK_MIN_MS && ms < CLOCK_MAX_MS ? null : `must be ${CLOCK_RANGE_TEXT}`;
}

/** A clock call that would take the world outside its range is refused: a 400 naming the field that asked for it. */
export function checkClockTarget(ms: number, pointer: string): void {
  const problem = clockRangeProblem(ms);
  if (problem) throw invalidField(pointer, `would take the clock outside its range: the clock ${problem}`);
}
