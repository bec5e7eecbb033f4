// The path prefixes the sandbox answers, without msw: the express host tests paths with them, and importing msw
// (about a second of module loading) only to read two constants would slow every start.
// /worlds/* carries the same three behind a world's prefix (src/worlds/routing.ts).
export const API_PREFIXES = ['/api/v1/*', '/otc-deposits-proof/*', '/__sandbox/*', '/worlds/*'] as const;

// Without the trailing `*`, cut once: the node host tests every request's path against them.
const PATH_PREFIXES = API_PREFIXES.map((p) => p.slice(0, -1));

/** The same prefixes as a plain test on a path, for hosts that call the sandbox without msw's matching. */
export const isSandboxPath = (path: string): boolean => {
  for (const prefix of PATH_PREFIXES) if (path.startsWith(prefix)) return true;
  return false;
};
