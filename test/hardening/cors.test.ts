// Cross-origin access (issue 17): any web page may call the product API, but the control API (reset, snapshot with
// live tokens and password hashes) answers a foreign Origin only when it is allowed; preflights included.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/start.ts';
import { parseCorsOrigins } from '../../src/server/cors.ts';

let server: RunningServer;
let listed: RunningServer;
beforeAll(async () => {
  server = await startServer({ start: new Date('2026-11-22T09:00:00Z'), frozen: true });
  listed = await startServer({ start: new Date('2026-11-22T09:00:00Z'), frozen: true, corsOrigins: parseCorsOrigins(['https://app.example.com, https://admin.example.com/']) });
});
afterAll(async () => { await server.close(); await listed.close(); });

const call = (base: string, method: string, path: string, headers: Record<string, string> = {}) =>
  fetch(base + path, { method, headers });

describe('CORS', () => {
  test('a foreign origin may call the product API (preflight and request)', async () => {
    const pre = await call(server.url, 'OPTIONS', '/api/v1/users/login', { origin: 'https://evil.example', 'access-control-request-method': 'POST' });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    const r = await call(server.url, 'GET', '/api/v1/auth/offers/type/SELL?page_id=1&page_size=5', { origin: 'https://evil.example' });
    expect(r.status).toBe(401); // answered by the API (no token), readable by the page
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
  });

  test.each([
    ['POST', '/__sandbox/reset'],
    ['GET', '/__sandbox/snapshot'],
    ['OPTIONS', '/__sandbox/reset'],
    ['GET', '/__sandbox/ui'],
  ])('a foreign origin is refused on %s %s with 403, nothing done', async (method, path) => {
    await call(server.url, 'POST', '/__sandbox/clock/advance'); // a same-origin tool call (no Origin) still works below
    const before = server.sandbox.world;
    const r = await call(server.url, method, path, { origin: 'https://evil.example', 'access-control-request-method': 'POST' });
    expect(r.status).toBe(403);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    expect((await r.json()).error).toMatch(/cross-origin call to the control API from https:\/\/evil\.example refused; start the sandbox with --cors-origin/);
    expect(server.sandbox.world).toBe(before); // no reset happened
  });

  test('a created world\'s control API (/worlds/{id}/__sandbox/...) is refused to a foreign origin as well', async () => {
    const created = await fetch(`${server.url}/__sandbox/worlds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    for (const method of ['GET', 'OPTIONS']) {
      const r = await call(server.url, method, `/worlds/${id}/__sandbox/snapshot`, { origin: 'https://evil.example', 'access-control-request-method': 'GET' });
      expect(r.status).toBe(403);
      expect(r.headers.get('access-control-allow-origin')).toBeNull();
    }
    const product = await call(server.url, 'GET', `/worlds/${id}/api/v1/auth/offers/type/SELL?page_id=1&page_size=5`, { origin: 'https://evil.example' });
    expect(product.status).toBe(401);
    expect(product.headers.get('access-control-allow-origin')).toBe('*');
  });

  test('the origin "null" (file:// pages, sandboxed frames) is foreign too', async () => {
    expect((await call(server.url, 'GET', '/__sandbox/snapshot', { origin: 'null' })).status).toBe(403);
  });

  test.each(['http://localhost:5173', 'http://127.0.0.1:3000', 'http://[::1]:8080', 'https://localhost'])('%s (local) may call the control API', async (origin) => {
    const pre = await call(server.url, 'OPTIONS', '/__sandbox/reset', { origin, 'access-control-request-method': 'POST' });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
    const r = await call(server.url, 'GET', '/__sandbox/clock', { origin });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe(origin);
    expect(r.headers.get('vary')).toMatch(/origin/i);
  });

  test('the sandbox\'s own origin and requests without an Origin (curl, tests, SDKs) are answered', async () => {
    const host = new URL(server.url).host;
    expect((await call(server.url, 'GET', '/__sandbox/clock', { origin: `http://${host}` })).status).toBe(200);
    expect((await call(server.url, 'GET', '/__sandbox/clock')).status).toBe(200);
  });

  test('--cors-origin adds origins (comma list, trailing slash ignored); others stay refused', async () => {
    for (const origin of ['https://app.example.com', 'https://admin.example.com']) {
      const r = await call(listed.url, 'GET', '/__sandbox/clock', { origin });
      expect(r.status).toBe(200);
      expect(r.headers.get('access-control-allow-origin')).toBe(origin);
    }
    expect((await call(listed.url, 'GET', '/__sandbox/clock', { origin: 'http://localhost:5173' })).status).toBe(200);
    expect((await call(listed.url, 'GET', '/__sandbox/clock', { origin: 'https://app.example.com.evil.example' })).status).toBe(403);
    expect(parseCorsOrigins(['a,b', ' c/ ', ''])).toEqual(['a', 'b', 'c']);
  });
});
