// The span of time the sandbox's clock may show. Dates outside it break ISO formatting (years above 9999 or before
// 1970 in some views) and the scheduler's arithmetic, so every way of moving the clock (clock controls, restore)
// refuses them up front with a 400 instead of bricking later calls.

/** 1970-01-01T00:00:00Z, inclusive. */
export const CLOCK_MIN_MS = 0;
/** 9000-01-01T00:00:00Z, exclusive: leaves room for expiries and due times computed ahead of the clock. */
export const CLOCK_MAX_MS = Date.UTC(9000, 0, 1);

/** Why `ms` is not a time the clock may show, or null when it is. */
export function clockRangeProblem(ms: number): string | null {
  if (!Number.isFinite(ms) || !Number.isInteger(ms)) return 'must be a whole number of milliseconds';
  if (ms < CLOCK_MIN_MS || ms >= CLOCK_MAX_MS) {
    return 'must lie between 1970-01-01T00:00:00Z (inclusive) and 9000-01-01T00:00:00Z (exclusive)';
  }
  return null;
}
