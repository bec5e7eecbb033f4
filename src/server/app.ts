// The express 5 host: the sandbox's API on a real port, next to the few routes only a server has (index, docs, dashboard).
// API requests go straight to Sandbox.handle, the one function the MSW handlers of the in-process and browser hosts
// wrap: msw's getResponse would only re-match the prefix and clone the request, and cost as much as the whole pipeline
// (see `npm run bench`).
import express, { type Request as ExpressRequest, type Response as ExpressResponse, type NextFunction } from 'express';
import { Readable } from 'node:stream';
import type { Sandbox } from '../sandbox.ts';
import { isSandboxPath } from '../http/msw-handlers.ts';
import { docsRouter } from './docs.ts';
import { dashboardRouter } from './dashboard/index.ts';

function toFetchRequest(req: ExpressRequest, origin: string): Request {
  const headers: [string, string][] = [];
  // rawHeaders keeps repeated headers as separate pairs, which Headers joins as fetch does.
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  // Only a request that announces a body gets one: an empty DELETE must not look like an unlabelled upload.
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
    && (Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined);
  return new Request(origin + req.originalUrl, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
    // Node's fetch needs this to stream a request body.
    ...(hasBody ? { duplex: 'half' } : {}),
  } as RequestInit);
}

async function sendFetchResponse(req: ExpressRequest, res: ExpressResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = Object.fromEntries(response.headers);
  // A body left unread (a 413 or 415 answered early) would poison a kept-alive connection: close it instead.
  if (!req.complete) headers.connection = 'close';
  res.writeHead(response.status, headers).end(body);
}

/** Hands an API request to the sandbox; anything else goes on to the server's own routes. */
function sandboxRoutes(sandbox: Sandbox) {
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (!isSandboxPath(req.path) || req.path.startsWith('/__sandbox/ui')) { next(); return; }
    try {
      const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
      await sendFetchResponse(req, res, await sandbox.handle(toFetchRequest(req, origin)));
    } catch (error) {
      next(error);
    }
  };
}

export function createApp(sandbox: Sandbox): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Frontends on another port call the sandbox directly: allow any origin, as a local tool should.
  app.use((req, res, next) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'authorization, content-type, idempotency-key');
    res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
    if (req.method === 'OPTIONS') { res.status(204).end(); return; }
    next();
  });
  app.get('/', (_req, res) => {
    res.json({ name: 'coinpool-sandbox', api: '/api/v1', control: '/__sandbox', fixtures: '/__sandbox/fixtures', docs: '/docs', dashboard: '/__sandbox/ui' });
  });
  app.use(sandboxRoutes(sandbox), docsRouter(), dashboardRouter());
  app.use((req: ExpressRequest, res: ExpressResponse) => {
    res.status(404).json({ error: `no such endpoint: ${req.method} ${req.path}` });
  });
  // A crash in the host itself: still the documented error body, never an HTML stack trace.
  app.use((error: Error, _req: ExpressRequest, res: ExpressResponse, _next: NextFunction) => {
    res.status(500).json({ error: `internal sandbox error: ${error.message}` });
  });
  return app;
}
