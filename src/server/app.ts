// The express 5 host: the sandbox's API on a real port, next to the few routes only a server has (index, docs, dashboard).
// API requests go straight to the sandbox (Sandbox.exchange, the core of the Sandbox.handle that the MSW handlers of the
// in-process and browser hosts wrap): msw's getResponse would only re-match the prefix and clone the request, and it
// cost as much as the whole pipeline (see `npm run bench`).
import express, { type Request as ExpressRequest, type Response as ExpressResponse, type NextFunction } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import type { Sandbox } from '../sandbox.ts';
import { isSandboxPath } from '../http/api-prefixes.ts';
import type { ApiRequest, ApiResponse, HeaderReader } from '../http/exchange.ts';
import { docsRouter } from './docs.ts';
import { dashboardRouter } from './dashboard/index.ts';
import { sendStream } from './send-stream.ts';
import { dropConnection } from './network-faults.ts';
import { corsCheck, corsMiddleware, type CorsCheck } from './cors.ts';

/** Node's request as the pipeline reads it: no Fetch Request in between (see src/http/exchange.ts). */
function toApiRequest(req: ExpressRequest, origin: string): ApiRequest {
  // Only a request that announces a body has one: an empty DELETE must not look like an unlabelled upload.
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
    && (Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined);
  return {
    method: req.method,
    url: origin + req.originalUrl,
    headers: new NodeHeaders(req.headers),
    hasBody,
    chunks: () => req,
    readBytes: () => readBody(req),
  };
}

/** The request body by 'data'/'end' events: an async iterator per request (for await) cost more than the copy. */
function readBody(req: ExpressRequest): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(chunks.length === 1 ? new Uint8Array(chunks[0].buffer, chunks[0].byteOffset, chunks[0].byteLength) : new Uint8Array(Buffer.concat(chunks))));
    req.once('error', reject);
  });
}

/** Node's already lower-cased header object behind the HeaderReader interface; repeated values join as fetch joins them. */
class NodeHeaders implements HeaderReader {
  constructor(private readonly raw: IncomingHttpHeaders) {}
  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }
  forEach(callback: (value: string, key: string) => void): void {
    for (const key of Object.keys(this.raw)) { const v = this.get(key); if (v !== null) callback(v, key); }
  }
}

function send(req: ExpressRequest, res: ExpressResponse, response: ApiResponse): void {
  if (response.network) { dropConnection(req, response.network); return; }
  const headers = { ...response.headers };
  // A body left unread (a 413 or 415 answered early) would poison a kept-alive connection: close it instead.
  if (!req.complete) headers.connection = 'close';
  // A known length, as express's res.send gives: one write of head and body instead of chunked framing (a writev).
  if (typeof response.body === 'string') headers['content-length'] = String(Buffer.byteLength(response.body));
  else if (response.body instanceof Uint8Array) headers['content-length'] = String(response.body.byteLength);
  res.writeHead(response.status, headers);
  if (response.body instanceof ReadableStream) { sendStream(response.body, res); return; }
  res.end(response.body ?? undefined);
}

/** The dashboard's page and files: under /__sandbox, but served by dashboardRouter, not by the control API. */
const isDashboardPath = (path: string) => path === '/__sandbox/ui' || path.startsWith('/__sandbox/ui/');

/**
 * Hands an API request to the sandbox; anything else goes on to the server's own routes. Mounted first with its
 * CORS check inline (`cors`), so an API call does not walk the index, dashboard and CORS layers that do nothing for it;
 * without `cors` (mounted after the CORS middleware) it serves the dashboard's paths that no file answers.
 */
function sandboxRoutes(sandbox: Sandbox, cors?: CorsCheck) {
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (!isSandboxPath(req.path) || (cors && isDashboardPath(req.path))) { next(); return; }
    if (cors && !cors(req, res)) return;
    try {
      const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
      send(req, res, await sandbox.exchange(toApiRequest(req, origin)));
    } catch (error) {
      next(error);
    }
  };
}

export function createApp(sandbox: Sandbox, options: { corsOrigins?: string[] } = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Frontends on another port call the product API directly; the control API answers foreign origins only when allowed.
  const cors = corsCheck(options.corsOrigins);
  app.use(sandboxRoutes(sandbox, cors));
  app.use(corsMiddleware(cors));
  app.get('/', (_req, res) => {
    res.json({ name: 'coinpool-sandbox', api: '/api/v1', control: '/__sandbox', fixtures: '/__sandbox/fixtures', docs: '/docs', dashboard: '/__sandbox/ui' });
  });
  app.use(dashboardRouter(), sandboxRoutes(sandbox), docsRouter(sandbox.worlds));
  app.use((req: ExpressRequest, res: ExpressResponse) => {
    res.status(404).json({ error: `no such endpoint: ${req.method} ${req.path}` });
  });
  // A crash in the host itself: still the documented error body, never an HTML stack trace.
  app.use((error: Error, _req: ExpressRequest, res: ExpressResponse, _next: NextFunction) => {
    res.status(500).json({ error: `internal sandbox error: ${error.message}` });
  });
  return app;
}
