// Cross-origin rules of the express host. The product API is meant to be called from frontends on other ports, so any
// origin may call it. The control API can reset the world and export it (tokens, password hashes included), so a web
// page the developer happens to have open must not reach it: a control call that carries a foreign Origin is refused
// with 403 (its preflight too) unless the origin is allowed: the sandbox's own origin, localhost / 127.0.0.1 / [::1]
// on any port, and whatever `--cors-origin` adds (`*` allows every origin).
import type { Request, Response, NextFunction } from 'express';

const ALLOW_HEADERS = 'authorization, content-type, idempotency-key, prefer, x-sandbox-world';
const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;

/** The origins `--cors-origin` names (repeatable, or comma-separated), without trailing slashes. */
export function parseCorsOrigins(values: string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((v) => v.trim().replace(/\/+$/, '')).filter(Boolean);
}

/** The control API and the dashboard page that drives it, of the default world or of one behind /worlds/{id}. */
const isControlPath = (path: string) => /^(\/worlds\/[^/]+)?\/__sandbox(\/|$)/.test(path);

/**
 * The cross-origin headers of one request, or its whole answer (a refused control call, a preflight). True when the
 * request goes on to its route. The API's own path calls it directly (src/server/app.ts); corsMiddleware wraps it.
 */
export type CorsCheck = (req: Request, res: Response) => boolean;

export function corsCheck(extraOrigins: string[] = []): CorsCheck {
  const extra = new Set(extraOrigins.map((o) => o.toLowerCase()));
  const allowed = (origin: string, own: string) =>
    extra.has('*') || extra.has(origin.toLowerCase()) || origin.toLowerCase() === own.toLowerCase() || LOCAL_ORIGIN.test(origin);
  return (req, res) => {
    const origin = req.headers.origin;
    if (isControlPath(req.path)) {
      res.setHeader('vary', 'Origin');
      if (origin !== undefined) {
        if (!allowed(origin, `${req.protocol}://${req.get('host') ?? ''}`)) {
          res.status(403).json({ error: `cross-origin call to the control API from ${origin} refused; start the sandbox with --cors-origin ${origin} to allow it` });
          return false;
        }
        res.setHeader('access-control-allow-origin', origin);
      }
    } else {
      res.setHeader('access-control-allow-origin', '*');
    }
    res.setHeader('access-control-allow-headers', ALLOW_HEADERS);
    res.setHeader('access-control-allow-methods', ALLOW_METHODS);
    if (req.method === 'OPTIONS') { res.status(204).end(); return false; }
    return true;
  };
}

export function corsMiddleware(check: CorsCheck) {
  return (req: Request, res: Response, next: NextFunction) => { if (check(req, res)) next(); };
}
