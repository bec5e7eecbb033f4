// The path prefixes the sandbox answers, without msw: the express host tests paths with them, and importing msw
// (about a second of module loading) only to read two constants would slow every start.
// /worlds/* carries the same three behind a world's prefix (src/worlds/routing.ts).
export const API_PREFIXES = ['/api/v1/*', '/otc-deposits-proof/*', '/__sandbox/*', '/worlds/*'] as const;

/** The same prefixes as a plain test on a path, for hosts that call the sandbox without msw's matching. */
export const isSandboxPath = (path: string): boolean => API_PREFIXES.some((p) => path.startsWith(p.slice(0, -1)));
