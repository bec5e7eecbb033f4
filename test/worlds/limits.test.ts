// A shared sandbox stays healthy: created worlds expire after the TTL of real time without a request (a request
// keeps a world alive), the default world never expires, and beyond the maximum number of worlds creation is a 429
// that says what to do. Real time is injected, so nothing waits.
import { expect, test } from 'vitest';
import { Sandbox } from '../../src/sandbox.ts';
import { createSandbox } from '../../src/index.ts';
import { client } from '../support/client.ts';

const HOUR = 3600_000;

function sandboxAt(options: { ttlMs?: number; maxWorlds?: number } = {}) {
  const real = { now: Date.parse('2026-12-01T00:00:00Z') };
  const root = new Sandbox({ frozen: true, start: new Date('2026-11-22T09:00:00Z'), worlds: { ...options, realNow: () => real.now } });
  const send: typeof fetch = (input, init) => root.handle(new Request(input, init));
  return { real, root, send, api: client('http://sandbox.local', send) };
}

test('an idle world expires after the TTL of real time; a request restarts its countdown', async () => {
  const { real, api, send } = sandboxAt({ ttlMs: 2 * HOUR });
  const used = (await api.call('POST', '/__sandbox/worlds', { body: { label: 'used' } })).body;
  const idle = (await api.call('POST', '/__sandbox/worlds', { body: { label: 'idle' } })).body;
  expect(used.expires_at).toBe('2026-12-01T02:00:00.000Z');
  expect((await api.call('GET', '/__sandbox/worlds')).body.ttl_seconds).toBe(7200);

  real.now += 1.5 * HOUR;
  expect((await client(used.base_url, send).call('GET', '/__sandbox/clock')).status).toBe(200);
  expect((await api.call('GET', `/__sandbox/worlds/${used.id}`)).body.expires_at).toBe('2026-12-01T03:30:00.000Z');

  real.now += 1 * HOUR; // idle: 2.5 h without a request; used: 1 h since its last one
  const ids = (await api.call('GET', '/__sandbox/worlds')).body.worlds.map((w: any) => w.id);
  expect(ids).toEqual(['default', used.id]);
  const gone = await client(idle.base_url, send).call('GET', '/__sandbox/clock');
  expect(gone.status).toBe(404);
  expect(gone.body.error).toContain(`no such world: ${idle.id}`);

  real.now += 10 * 24 * HOUR; // the default world never expires
  expect((await api.call('GET', '/__sandbox/worlds')).body.worlds.map((w: any) => w.id)).toEqual(['default']);
  expect((await api.call('GET', '/__sandbox/clock')).status).toBe(200);
});

test('the default TTL is 24 hours and the default limit 100 worlds', async () => {
  const { real, api } = sandboxAt();
  const list = (await api.call('GET', '/__sandbox/worlds')).body;
  expect(list).toMatchObject({ ttl_seconds: 86400, max_worlds: 100, count: 1 });
  const w = (await api.call('POST', '/__sandbox/worlds', {})).body;
  real.now += 24 * HOUR - 1;
  expect((await api.call('GET', `/__sandbox/worlds/${w.id}`)).status).toBe(200); // a read of the list does not count as use
  real.now += 24 * HOUR - 1000;
  expect((await api.call('GET', `/__sandbox/worlds/${w.id}`)).status).toBe(404);
});

test('beyond the maximum number of worlds creation is a 429; deleting one makes room', async () => {
  const { api } = sandboxAt({ maxWorlds: 2 });
  const a = await api.call('POST', '/__sandbox/worlds', {});
  expect((await api.call('POST', '/__sandbox/worlds', {})).status).toBe(201);
  const refused = await api.call('POST', '/__sandbox/worlds', { body: { label: 'third' } });
  expect(refused.status).toBe(429);
  expect(refused.body.error).toMatch(/maximum of 2 worlds.*DELETE \/__sandbox\/worlds\/\{id\}/);
  expect((await api.call('GET', '/__sandbox/worlds')).body.count).toBe(3);
  expect((await api.call('DELETE', `/__sandbox/worlds/${a.body.id}`)).status).toBe(204);
  expect((await api.call('POST', '/__sandbox/worlds', {})).status).toBe(201);
});

test('a chosen id (a load balancer\'s X-Sandbox-World-Id) is used, and refused when taken or malformed', async () => {
  const { api } = sandboxAt();
  const r = await api.call('POST', '/__sandbox/worlds', { headers: { 'x-sandbox-world-id': 'job-4711' } });
  expect(r.status).toBe(201);
  expect(r.body.base_url).toBe('http://sandbox.local/worlds/job-4711');
  expect((await api.call('POST', '/__sandbox/worlds', { headers: { 'x-sandbox-world-id': 'job-4711' } })).status).toBe(409);
  expect((await api.call('POST', '/__sandbox/worlds', { headers: { 'x-sandbox-world-id': 'default' } })).status).toBe(409);
  const bad = await api.call('POST', '/__sandbox/worlds', { headers: { 'x-sandbox-world-id': 'no/slashes' } });
  expect(bad.status).toBe(400);
  expect(bad.body.details[0]).toMatchObject({ location: 'header' });
});

test('createSandbox instances stay independent, and sandbox.worlds hands out worlds behind the intercepted base URL', async () => {
  const one = createSandbox({ baseUrl: 'https://one.sandbox.test', frozen: true });
  let two: ReturnType<typeof createSandbox> | undefined;
  try {
    const w = await one.worlds.create({ label: 'lib', clock: new Date('2030-01-01T00:00:00Z'), frozen: true });
    expect(w.baseUrl).toBe(`https://one.sandbox.test/worlds/${w.id}`);
    expect(await w.control.clock.now()).toBe('2030-01-01T00:00:00Z');
    const token = await w.login('alice@coinpool.test');
    // plain fetch to the world's base URL works (msw intercepts /worlds/*), and the token is bound to it
    const me = await fetch(`${w.baseUrl}/api/v1/auth/user/email/alice@coinpool.test`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect((await one.fetch('/api/v1/auth/user/email/alice@coinpool.test', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    // (msw intercepts for one setupServer at a time: the second sandbox is created after the fetches above)
    two = createSandbox({ baseUrl: 'https://two.sandbox.test', frozen: true });
    expect((await two.worlds.list()).count).toBe(1);
    expect((await one.worlds.list()).worlds.map((x) => x.id)).toEqual(['default', w.id]);
    expect((await one.worlds.use(w.id)).baseUrl).toBe(w.baseUrl);
    await w.delete();
    expect((await one.worlds.list()).count).toBe(1);
  } finally { one.close(); two?.close(); }
});
