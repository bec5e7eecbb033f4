// The express 5 host: the same MSW handlers answer on a real port (through msw's getResponse), next to the few
// routes only a server has (the index page, and later the docs page).
import express, { type Request as ExpressRequest, type Response as ExpressResponse, type NextFunction } from 'express';
import { Readable } from 'node:stream';
import { getResponse } from 'msw';
import type { Sandbox } from '../sandbox.ts';
import { createMswHandlers } from '../http/msw-handlers.ts';
import { docsRouter } from './docs.ts';
import { dashboardRouter } from './dashboard/index.ts';

function toFetchRequest(req: ExpressRequest, origin: string): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
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
  res.status(response.status);
  response.headers.forEach((value, key) => res.setHeader(key, value));
  // A body left unread (a 413 or 415 answered early) would poison a kept-alive connection: close it instead.
  if (!req.complete) res.setHeader('connection', 'close');
  res.end(Buffer.from(await response.arrayBuffer()));
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
  app.use(docsRouter(), dashboardRouter());
  const handlers = createMswHandlers(sandbox);
  app.use(async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
      const response = await getResponse(handlers, toFetchRequest(req, origin));
      if (!response) { next(); return; }
      await sendFetchResponse(req, res, response);
    } catch (error) {
      next(error);
    }
  });
  app.use((req: ExpressRequest, res: ExpressResponse) => {
    res.status(404).json({ error: `no such endpoint: ${req.method} ${req.path}` });
  });
  // A crash in the host itself: still the documented error body, never an HTML stack trace.
  app.use((error: Error, _req: ExpressRequest, res: ExpressResponse, _next: NextFunction) => {
    res.status(500).json({ error: `internal sandbox error: ${error.message}` });
  });
  return app;
}
