/** Runs the stale build steps (scripts/build.mjs); returns how many ran. */
export function ensureBuilt(options?: { dist?: boolean; force?: boolean }): number;
