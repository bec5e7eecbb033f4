// The MSW request handlers that every host runs: express (via getResponse), setupServer in partners' tests, and
// setupWorker in a browser. They only match the API's path prefixes and hand the request to the sandbox, whose
// route table picks the operation in one trie walk (one MSW handler per operation would mean a linear scan of
// 103 predicates on every request).
import { http, type HttpHandler } from 'msw';

export const PRODUCTION_BASE_URL = 'https://crypto.westminister.tech';
import { API_PREFIXES } from './api-prefixes.ts';
export { API_PREFIXES, isSandboxPath } from './api-prefixes.ts';

/** baseUrl '*' matches any origin (the express host); otherwise only that origin is intercepted. */
export function createMswHandlers(sandbox: { handle(request: Request): Promise<Response> }, baseUrl = '*'): HttpHandler[] {
  const base = baseUrl === '*' ? '*' : baseUrl.replace(/\/+$/, '');
  return API_PREFIXES.map((prefix) => http.all(`${base}${prefix}`, ({ request }) => sandbox.handle(request)));
}
