// The express 5 host: the sandbox's API on a real port, next to the few routes only a server has (index, docs, dashboard).
// The server's listener (createHost) answers API requests before express sees them (src/server/api-host.ts); the API
// route below stays for the requests it leaves to express (an absolute-form target, say). API requests go straight to the sandbox (Sandbox.exchange, the core of the Sandbox.handle that the MSW handlers of the
// in-process and browser hosts wrap): msw's getResponse would only re-match the prefix and clone the request, and it
// cost as much as the whole pipeline (see `npm run bench`).
import express, { type Request as ExpressRequest, type Response as ExpressResponse, type NextFunction } from 'express';
import type { Sandbox } from '../sandbox.ts';
import { isSandboxPath } from '../http/api-prefixes.ts';
import { docsRouter } from './docs.ts';
import { dashboardRouter } from './dashboard/index.ts';
import { send, toApiRequest } from './node-exchange.ts';
import { corsCheck, corsMiddleware, corsRule, type CorsCheck, type CorsRule } from './cors.ts';
import { apiHost, type RequestListener } from './api-host.ts';

/** The dashboard's page and files: under /__sandbox, but served by dashboardRouter, not by the control API. */
const isDashboardPath = (path: string) => path === '/__sandbox/ui' || path.startsWith('/__sandbox/ui/');

/** The path and query of a request target; an absolute-form one (`GET http://host/path`, as proxies send) is cut to them. */
function pathAndQuery(target: string): string {
  if (target.startsWith('/')) return target;
  const url = new URL(target);
  return url.pathname + url.search;
}

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
      send(req, res, await sandbox.exchange(toApiRequest(req, origin, pathAndQuery(req.originalUrl))));
    } catch (error) {
      next(error);
    }
  };
}

/**
 * The server's request listener: API requests straight to the sandbox on Node's request and response (api-host.ts),
 * the rest to the express app.
 */
export function createHost(sandbox: Sandbox, options: { corsOrigins?: string[] } = {}): RequestListener {
  const rule = corsRule(options.corsOrigins);
  return apiHost(sandbox, rule, createApp(sandbox, rule));
}

export function createApp(sandbox: Sandbox, rule: CorsRule = corsRule()): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Frontends on another port call the product API directly; the control API answers foreign origins only when allowed.
  const cors = corsCheck(rule);
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
