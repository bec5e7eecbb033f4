// The server's request listener: API requests (product /api/v1, /otc-deposits-proof, the /__sandbox control API and
// all of them behind /worlds/{id}) are answered here on Node's plain request and response, and everything else (index,
// docs, dashboard, 404) is handed to the express app unchanged. Express's per-request set-up (prototype swaps, router
// walk, URL parsing, getters) did nothing an API answer uses and cost far more than its share of a profile suggests:
// answering here (bodies taken from the buffer, node-exchange.ts) about halved the server's CPU per register and cut a
// wallet GET's by three quarters (`npm run bench -- --ab`).
// The express app still holds the same API route first, so a request this listener declines is answered as before.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Sandbox } from '../sandbox.ts';
import { isSandboxPath } from '../http/api-prefixes.ts';
import { send, sendJson, toApiRequest } from './node-exchange.ts';
import type { CorsAnswer, CorsRule } from './cors.ts';

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

// Characters after which express's URL parsing (parseurl) would find another path than "everything before the ?":
// such requests, and absolute-form targets, go to express, which answers them as it always did.
const UNUSUAL_TARGET = /[\t\n\f\r #\u00a0\ufeff]/;

/** The path of a request target this listener answers, or null when express should see the request. */
function apiPath(target: string): string | null {
  if (target.charCodeAt(0) !== 47 /* '/' */) return null;
  const query = target.indexOf('?');
  const path = query < 0 ? target : target.slice(0, query);
  // The dashboard (/__sandbox/ui...) is the express app's, as are near misses such as /__sandbox/uix, to be safe.
  if (!isSandboxPath(path) || path.startsWith('/__sandbox/ui') || UNUSUAL_TARGET.test(target)) return null;
  return path;
}

export function apiHost(sandbox: Sandbox, cors: CorsRule, others: RequestListener): RequestListener {
  return (req, res) => {
    const target = req.url ?? '';
    const path = apiPath(target);
    if (path === null) { others(req, res); return; }
    let answer: CorsAnswer | undefined;
    try {
      // What express's req.protocol and req.get('host') gave.
      const scheme = (req.socket as { encrypted?: boolean }).encrypted ? 'https://' : 'http://';
      const host = req.headers.host;
      answer = cors(path, req.headers.origin, () => scheme + (host ?? ''));
      if (answer.refused !== null) { sendJson(res, 403, { error: answer.refused }, answer.headers); return; }
      if (req.method === 'OPTIONS') { res.writeHead(204, answer.headers); res.end(); return; }
      const headers = answer.headers;
      // Read on the sandbox each time: a test harness may wrap exchange after the server started.
      sandbox.exchange(toApiRequest(req, scheme + (host ?? 'localhost'), target)).then((response) => {
        try { send(req, res, response, headers); } catch (error) { crashed(req, res, error, headers); }
      }, (error: unknown) => crashed(req, res, error, headers));
    } catch (error) {
      crashed(req, res, error, answer?.headers);
    }
  };
}

/**
 * A crash in the host or the sandbox: the documented error body, never a stack trace, as the express app's error
 * handler answers it; when the head already went out, the connection is cut as express's final handler does.
 */
function crashed(req: IncomingMessage, res: ServerResponse, error: unknown, headers?: Readonly<Record<string, string>>): void {
  try {
    if (res.headersSent) { req.socket.destroy(); return; }
    const message = error instanceof Error ? error.message : String(error);
    sendJson(res, 500, { error: `internal sandbox error: ${message}` }, headers);
  } catch {
    req.socket.destroy(); // the error answer itself failed: no half-written response on a kept-alive connection
  }
}
