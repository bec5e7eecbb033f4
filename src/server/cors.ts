// Cross-origin rules of the server. The product API is meant to be called from frontends on other ports, so any
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

/** What the cross-origin rules say about one request. */
export interface CorsAnswer {
  /** Headers every answer to the request carries, in this order (a refusal's and a preflight's too). Never changed. */
  readonly headers: Readonly<Record<string, string>>;
  /** The error of a control call from a foreign origin, answered 403; null when the request may go on. */
  readonly refused: string | null;
}

/**
 * The rules as a function of the request's path (undecoded, no query), its Origin header and the sandbox's own origin
 * (asked only for a control call that carries an Origin). The answers of the common cases are shared constants: the
 * node host asks this on every API request (src/server/api-host.ts).
 */
export type CorsRule = (path: string, origin: string | undefined, ownOrigin: () => string) => CorsAnswer;

const PRODUCT: CorsAnswer = Object.freeze({
  headers: Object.freeze({ 'access-control-allow-origin': '*', 'access-control-allow-headers': ALLOW_HEADERS, 'access-control-allow-methods': ALLOW_METHODS }),
  refused: null,
});
const CONTROL_WITHOUT_ORIGIN: CorsAnswer = Object.freeze({
  headers: Object.freeze({ vary: 'Origin', 'access-control-allow-headers': ALLOW_HEADERS, 'access-control-allow-methods': ALLOW_METHODS }),
  refused: null,
});
const REFUSED_HEADERS = Object.freeze({ vary: 'Origin' });

export function corsRule(extraOrigins: string[] = []): CorsRule {
  const extra = new Set(extraOrigins.map((o) => o.toLowerCase()));
  const allowed = (origin: string, own: string) =>
    extra.has('*') || extra.has(origin.toLowerCase()) || origin.toLowerCase() === own.toLowerCase() || LOCAL_ORIGIN.test(origin);
  return (path, origin, ownOrigin) => {
    if (!isControlPath(path)) return PRODUCT;
    if (origin === undefined) return CONTROL_WITHOUT_ORIGIN;
    if (!allowed(origin, ownOrigin())) {
      return { headers: REFUSED_HEADERS, refused: `cross-origin call to the control API from ${origin} refused; start the sandbox with --cors-origin ${origin} to allow it` };
    }
    return {
      headers: { vary: 'Origin', 'access-control-allow-origin': origin, 'access-control-allow-headers': ALLOW_HEADERS, 'access-control-allow-methods': ALLOW_METHODS },
      refused: null,
    };
  };
}

/**
 * The express side of the rules: the cross-origin headers of one request, or its whole answer (a refused control
 * call, a preflight). True when the request goes on to its route.
 */
export type CorsCheck = (req: Request, res: Response) => boolean;

export function corsCheck(rule: CorsRule): CorsCheck {
  return (req, res) => {
    const answer = rule(req.path, req.headers.origin, () => `${req.protocol}://${req.get('host') ?? ''}`);
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    if (answer.refused !== null) { res.status(403).json({ error: answer.refused }); return false; }
    if (req.method === 'OPTIONS') { res.status(204).end(); return false; }
    return true;
  };
}

export function corsMiddleware(check: CorsCheck) {
  return (req: Request, res: Response, next: NextFunction) => { if (check(req, res)) next(); };
}
