// The server answers API requests on Node's plain request and response, ahead of express (src/server/api-host.ts).
// What express used to do for them is done there again, so this checks it over real HTTP: the crash body, the
// cross-origin answers, unread bodies, bodies that arrive in pieces, HEAD, and that every other path (dashboard,
// index, 404, absolute-form targets) still reaches the express app.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import type { ApiRequest } from '../../src/http/exchange.ts';

const ctx = useServer();

interface RawReply { status: number; headers: IncomingHttpHeaders; body: string }

/**
 * One request over a fresh connection that asks to be kept alive (so a `connection: close` is the server's choice),
 * the body written in the given pieces with a pause between them; the connection is dropped after the answer.
 */
function raw(method: string, target: string, headers: Record<string, string | number>, pieces: string[] = []): Promise<RawReply> {
  const { hostname, port } = new URL(ctx.server.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, method, path: target, headers: { connection: 'keep-alive', ...headers }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => { resolve({ status: res.statusCode!, headers: res.headers, body }); req.destroy(); });
    });
    req.on('error', reject);
    const write = (i: number) => {
      if (i === pieces.length) { req.end(); return; }
      req.write(pieces[i]);
      setTimeout(() => write(i + 1), 30);
    };
    write(0);
  });
}

let phones = 0;
const registration = (email: string) =>
  JSON.stringify({ email, phone_number: `+25479${String(++phones).padStart(7, '0')}`, first_name: 'Ann', last_name: 'Host', password: 'secret1' });

describe('API requests answered ahead of express', () => {
  test('a crash in the sandbox is the JSON 500 with the error, the cross-origin headers kept', async () => {
    const original = ctx.server.sandbox.exchange;
    try {
      ctx.server.sandbox.exchange = async (_request: ApiRequest) => { throw new Error('boom in exchange'); };
      const r = await fetch(`${ctx.server.url}/api/v1/auth/wallet/id/1`, { headers: { origin: 'https://app.example' } });
      expect(r.status).toBe(500);
      expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
      expect(await r.json()).toEqual({ error: 'internal sandbox error: boom in exchange' });
      // thrown before any promise exists, too
      ctx.server.sandbox.exchange = (_request: ApiRequest) => { throw new Error('sync boom'); };
      const s = await fetch(`${ctx.server.url}/__sandbox/clock`);
      expect(s.status).toBe(500);
      expect(await s.json()).toEqual({ error: 'internal sandbox error: sync boom' });
    } finally {
      ctx.server.sandbox.exchange = original;
    }
    expect((await fetch(`${ctx.server.url}/__sandbox/clock`)).status).toBe(200); // the server goes on
  });

  test('a CORS preflight on a product path is answered 204 with the allow headers and never reaches the sandbox', async () => {
    const before = ctx.server.sandbox.log.all().length;
    const r = await fetch(`${ctx.server.url}/api/v1/users/register`, {
      method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, PATCH, DELETE, OPTIONS');
    expect(r.headers.get('access-control-allow-headers')).toMatch(/authorization, content-type/);
    expect(await r.text()).toBe('');
    expect(ctx.server.sandbox.log.all().length).toBe(before);
  });

  test('a refused control call carries the same head as the express app\'s refusal of the dashboard', async () => {
    const headers = { origin: 'https://evil.example' };
    const api = await fetch(`${ctx.server.url}/__sandbox/clock`, { headers });
    const ui = await fetch(`${ctx.server.url}/__sandbox/ui`, { headers });
    expect([api.status, ui.status]).toEqual([403, 403]);
    for (const name of ['content-type', 'vary', 'access-control-allow-origin']) expect(api.headers.get(name)).toBe(ui.headers.get(name));
    expect(api.headers.get('etag')).toMatch(/^W\/"[0-9a-f]+-[A-Za-z0-9+/]{27}"$/);
    expect(api.headers.get('etag')).toBe(ui.headers.get('etag')); // same body, same weak tag
    expect(await api.json()).toEqual(await ui.json());
  });

  test('the dashboard, its files, the index and unknown paths still come from the express app', async () => {
    const page = await fetch(`${ctx.server.url}/__sandbox/ui`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const script = await fetch(`${ctx.server.url}/__sandbox/ui/assets/ui.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    const missing = await fetch(`${ctx.server.url}/__sandbox/ui/assets/nothing.js`);
    expect(missing.status).toBe(404);
    expect((await fetch(`${ctx.server.url}/`).then((r) => r.json())).api).toBe('/api/v1');
    const unknown = await fetch(`${ctx.server.url}/nowhere?x=1`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'no such endpoint: GET /nowhere' });
  });

  test('a body that arrives in pieces is read whole; a body left unread closes the connection', async () => {
    const body = registration('pieces@example.com');
    const cut = Math.floor(body.length / 2);
    const r = await raw('POST', '/api/v1/users/register', { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, [body.slice(0, cut), body.slice(cut)]);
    expect(r.status, r.body).toBe(201);
    expect(JSON.parse(r.body).user.email).toBe('pieces@example.com');
    expect(r.headers.connection).toBe('keep-alive');
    // Sent with its head in one packet: taken from the buffer before Node's parser reaches the message end, and still
    // a whole read body, so the connection stays open for the next request.
    const single = registration('single@example.com');
    const one = await raw('POST', '/api/v1/users/register', { 'content-type': 'application/json', 'content-length': Buffer.byteLength(single) }, [single]);
    expect(one.status, one.body).toBe(201);
    expect(JSON.parse(one.body).user.email).toBe('single@example.com');
    expect(one.headers.connection).toBe('keep-alive');
    // Announced as 5 MB, refused on the announcement: the rest is never read, so the connection must not be reused.
    const big = await raw('POST', '/api/v1/users/register', { 'content-type': 'application/json', 'content-length': 5_000_000 }, ['{"email":']);
    expect(big.status).toBe(413);
    expect(big.headers.connection).toBe('close');
    // chunked framing, no length: read by events to the end
    const third = registration('chunked@example.com');
    const chunked = await raw('POST', '/api/v1/users/register', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, [third.slice(0, 10), third.slice(10)]);
    expect(chunked.status, chunked.body).toBe(201);
  });

  test('HEAD goes to the sandbox as before (the contract documents no HEAD: 405 naming the allowed methods), no body sent', async () => {
    const head = await raw('HEAD', '/__sandbox/clock', {});
    expect(head.status).toBe(405);
    expect(head.headers['content-type']).toBe('application/json');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    expect(head.body).toBe('');
  });

  test('an absolute-form target and a /worlds/{id} prefix still reach the sandbox', async () => {
    const absolute = await raw('GET', `${ctx.server.url}/__sandbox/clock`, {});
    expect(absolute.status).toBe(200);
    expect(JSON.parse(absolute.body)).toHaveProperty('now');
    const world = await raw('GET', '/worlds/default/__sandbox/clock', {});
    expect(world.status).toBe(200);
    expect(JSON.parse(world.body).now).toBe(JSON.parse(absolute.body).now);
    // a body behind the prefix: the request the world router rewrites still reads it from the buffer
    const body = registration('prefixed@example.com');
    const posted = await raw('POST', '/worlds/default/api/v1/users/register', { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, [body]);
    expect(posted.status, posted.body).toBe(201);
    expect(JSON.parse(posted.body).user.email).toBe('prefixed@example.com');
  });
});
