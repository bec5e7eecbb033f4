// The MSW request handlers that every host runs: express (via getResponse), setupServer in partners' tests, and
// setupWorker in a browser. They only match the API's path prefixes and hand the request to the sandbox, whose
// route table picks the operation in one trie walk (one MSW handler per operation would mean a linear scan of
// 103 predicates on every request).
import { http, type HttpHandler } from 'msw';
import type { Sandbox } from '../sandbox.ts';

export const PRODUCTION_BASE_URL = 'https://crypto.westminister.tech';
// /worlds/* carries the same three behind a world's prefix (src/worlds/routing.ts).
export const API_PREFIXES = ['/api/v1/*', '/otc-deposits-proof/*', '/__sandbox/*', '/worlds/*'] as const;

/** The same prefixes as a plain test on a path, for hosts that call the sandbox without msw's matching. */
export const isSandboxPath = (path: string): boolean => API_PREFIXES.some((p) => path.startsWith(p.slice(0, -1)));

/** baseUrl '*' matches any origin (the express host); otherwise only that origin is intercepted. */
export function createMswHandlers(sandbox: Pick<Sandbox, 'handle'>, baseUrl = '*'): HttpHandler[] {
  const base = baseUrl === '*' ? '*' : baseUrl.replace(/\/+$/, '');
  return API_PREFIXES.map((prefix) => http.all(`${base}${prefix}`, ({ request }) => sandbox.handle(request)));
}
