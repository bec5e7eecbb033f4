// Fault kinds against the express host on a real port: a status fault writes nothing, delay waits, reset destroys the
// socket (fetch rejects), timeout holds the connection until the client gives up, malformed sends broken JSON, and
// Prefer/latency work over the wire. The dashboard's faults panel is served with the page.
import { beforeEach, describe, expect, test } from 'vitest';
import { request as httpRequest } from 'node:http';
import { useServer } from '../support/server.ts';

const ctx = useServer();
let token: string;
const api = () => ctx.api;
beforeEach(async () => {
  token ??= await api().login('alice@coinpool.test');
  expect((await api().call('DELETE', '/__sandbox/faults')).status).toBe(204);
});
const fault = async (body: object) => {
  const r = await api().call('POST', '/__sandbox/faults', { body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
};
const orders = (init: RequestInit = {}) => fetch(`${ctx.server.url}/api/v1/auth/orders?page_id=1&page_size=5`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });

describe('faults over HTTP', () => {
  test('status: 201 with an id, the answer replaced, the store untouched, listed with its count, in the log', async () => {
    const f = await fault({ match: { method: 'POST', path: '/api/v1/auth/offers' }, kind: 'status', status: 503 });
    const vendor = await api().login('vendor@coinpool.test');
    const r = await api().call('POST', '/api/v1/auth/offers', { token: vendor, body: { offer_type: 'SELL' } });
    expect(r.status).toBe(503);
    expect(r.body.error).toContain(f.id);
    const listed = (await api().call('GET', '/__sandbox/faults')).body;
    expect(listed).toEqual([expect.objectContaining({ id: f.id, kind: 'status', fired: 1, matched: 1 })]);
    const log = (await api().call('GET', '/__sandbox/requests?limit=5')).body;
    expect(log.find((e: any) => e.path === '/api/v1/auth/offers')).toMatchObject({ status: 503, faults: [{ id: f.id, kind: 'status' }] });
  });

  test('a status fault changes nothing in the store (Journal.version) even for a valid write', async () => {
    await fault({ match: { operation_id: 'createOffer' }, kind: 'status', status: 500 });
    const vendor = await api().login('vendor@coinpool.test');
    const versionAfterLogin = ctx.server.sandbox.world.journal.version;
    const fx = (await api().call('GET', '/__sandbox/fixtures')).body;
    const v = fx.users.find((u: any) => u.email === 'vendor@coinpool.test');
    const r = await api().call('POST', '/api/v1/auth/offers', { token: vendor, body: {
      vendor_id: v.id, offer_type: 'SELL', asset: 'USDT', crypto_amount: '10', available_amount: '10', rate: '130', min_order: '1', max_order: '5' } });
    expect(r.status).toBe(500);
    expect(ctx.server.sandbox.world.journal.version).toBe(versionAfterLogin);
    // The same request without the fault does write: the check above could fail.
    await api().call('DELETE', '/__sandbox/faults');
    const again = await api().call('POST', '/api/v1/auth/offers', { token: vendor, body: {
      vendor_id: v.id, offer_type: 'SELL', asset: 'USDT', crypto_amount: '10', available_amount: '10', rate: '130', min_order: '1', max_order: '5' } });
    expect(again.status).toBe(201);
    expect(ctx.server.sandbox.world.journal.version).toBeGreaterThan(versionAfterLogin);
  });

  test('delay runs the operation after delay_ms', async () => {
    await fault({ match: { operation_id: 'listOrders' }, kind: 'delay', delay_ms: 120 });
    const started = Date.now();
    const r = await orders();
    expect(r.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  test('reset destroys the socket: fetch rejects with a TypeError, and the server keeps serving', async () => {
    await fault({ match: { operation_id: 'listOrders' }, kind: 'reset', times: 1 });
    const error = await orders().then(() => null, (e: Error) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((await orders()).status).toBe(200);
  });

  test('timeout holds the connection without an answer until the client gives up', async () => {
    await fault({ match: { operation_id: 'listOrders' }, kind: 'timeout' });
    const started = Date.now();
    const outcome = await orders({ signal: AbortSignal.timeout(300) }).then(() => 'answered', (e: Error) => e.name);
    expect(outcome).toBe('TimeoutError');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    // A raw socket sees no status line either before it gives up.
    const raw = await new Promise<string>((resolve) => {
      const req = httpRequest(`${ctx.server.url}/api/v1/auth/orders?page_id=1&page_size=5`, { headers: { authorization: `Bearer ${token}` } });
      req.on('response', () => resolve('answered'));
      req.on('error', () => resolve('no answer'));
      setTimeout(() => { req.destroy(); }, 200);
      req.end();
    });
    expect(raw).toBe('no answer');
  });

  test('malformed: 200 with a truncated JSON body', async () => {
    await fault({ match: { operation_id: 'listOrders' }, kind: 'malformed' });
    const r = await orders();
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  test('Prefer: code= over the wire, and the CORS preflight allows the header', async () => {
    const r = await orders({ headers: { prefer: 'code=401' } });
    expect(r.status).toBe(401);
    expect(typeof (await r.json()).error).toBe('string');
    const pre = await fetch(`${ctx.server.url}/api/v1/auth/orders`, { method: 'OPTIONS' });
    expect(pre.headers.get('access-control-allow-headers')).toContain('prefer');
  });

  test('bad fault bodies are refused with 400 naming the field; nothing is added', async () => {
    const r = await api().call('POST', '/__sandbox/faults', { body: { match: { operation_id: 'createOrder' }, kind: 'explode' } });
    expect(r.status).toBe(400);
    expect(r.body.details.map((d: any) => d.pointer)).toContain('/kind');
    const p = await api().call('POST', '/__sandbox/faults', { body: { match: { operation_id: 'createOrder' }, kind: 'status', probability: 2 } });
    expect(p.status).toBe(400);
    expect((await api().call('GET', '/__sandbox/faults')).body).toEqual([]);
  });
});
