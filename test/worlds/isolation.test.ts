// Worlds on one server are isolated: the same calls in two worlds of the same seed give independent results, a token
// of one world is refused (401) by every protected operation of every other (driven by the contract), webhooks fire
// only for their own world's events, and one world's clock moves alone. Over real HTTP, through both addressing
// forms (path prefix and X-Sandbox-World header).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { client, type Client } from '../support/client.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { productDocument } from '../../src/contracts/document.ts';
import { readOperations } from '../../src/contracts/operations.ts';

const ctx = useServer();
const world = {} as Record<'a' | 'b', { id: string; api: Client }>;

async function createWorld(label: string, body: Record<string, unknown> = {}) {
  const r = await ctx.api.call('POST', '/__sandbox/worlds', { body: { label, frozen: true, ...body } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  expect(r.body.base_url).toBe(`${ctx.server.url}/worlds/${r.body.id}`);
  expect(r.body.control_url).toBe(`${r.body.base_url}/__sandbox`);
  return { id: r.body.id as string, api: client(r.body.base_url) };
}

beforeAll(async () => {
  world.a = await createWorld('a');
  world.b = await createWorld('b');
});

const aliceWallet = async (api: Client) => {
  const f = (await api.call('GET', '/__sandbox/fixtures')).body;
  return f.users.find((u: any) => u.email === 'alice@coinpool.test').wallets.find((w: any) => w.network === 'tron');
};
const usdtOf = async (api: Client, token: string, userId: string) => {
  const r = await api.call('GET', `/api/v1/auth/balances/user/${userId}`, { token });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};

describe('same seed, same fixtures, independent state', () => {
  test('both worlds and the default world hold the same seeded fixtures', async () => {
    const [d, a, b] = await Promise.all([ctx.api, world.a.api, world.b.api].map(async (api) => (await api.call('GET', '/__sandbox/fixtures')).body));
    expect(a).toEqual(d);
    expect(b).toEqual(d);
  });

  test('a write in one world shows only there; the same write in the other gives the same independent answer', async () => {
    const wallet = await aliceWallet(world.a.api);
    const fund = (api: Client) => api.call('POST', '/__sandbox/faucet', { body: { wallet_id: wallet.id, asset: 'USDT', amount: '100' } });
    const register = (api: Client) => api.call('POST', '/api/v1/users/register', { body: {
      email: 'twin@example.com', phone_number: '+254711000999', first_name: 'Twin', last_name: 'User', password: 'a-secure-password',
      role: 'customer', kyc_status: 'pending', pin: '123456' } });
    const defaultBefore = (await ctx.api.call('GET', '/__sandbox/snapshot')).body;

    const fundedA = await fund(world.a.api);
    expect(fundedA.status).toBe(200);
    const regA = await register(world.a.api);
    expect(regA.status, JSON.stringify(regA.body)).toBe(201);
    // B is untouched: the email is free there and alice's balance is the seeded one.
    const seededB = (await world.b.api.call('GET', '/__sandbox/world')).body.wallets.find((w: any) => w.id === wallet.id);
    const seededUsdt = seededB.balances.find((x: any) => x.currency === 'USDT').amount;
    expect(fundedA.body.amount).not.toBe(seededUsdt);

    const fundedB = await fund(world.b.api);
    const regB = await register(world.b.api);
    expect(fundedB.body).toEqual(fundedA.body); // the same sequence gives the same answer
    expect(regB.status).toBe(201);
    expect(regB.body.user.id).toBe(regA.body.user.id); // same seed, same draws
    // and a second registration of that email in A is a duplicate there only
    expect((await register(world.a.api)).status).toBe(409);

    // tokens of the same user in the two worlds differ, each works at home only
    const tokenA = await world.a.api.login('alice@coinpool.test');
    const tokenB = await world.b.api.login('alice@coinpool.test');
    expect(tokenA).not.toBe(tokenB);
    const alice = (await world.a.api.call('GET', '/__sandbox/fixtures')).body.users.find((u: any) => u.email === 'alice@coinpool.test');
    expect(await usdtOf(world.a.api, tokenA, alice.id)).toEqual(await usdtOf(world.b.api, tokenB, alice.id));

    // the default world saw none of it
    expect((await ctx.api.call('GET', '/__sandbox/snapshot')).body).toEqual(defaultBefore);
  });

  test('the X-Sandbox-World header reaches the same world as the path prefix', async () => {
    const viaHeader = await ctx.api.call('GET', '/__sandbox/world', { headers: { 'x-sandbox-world': world.a.id } });
    const viaPath = await world.a.api.call('GET', '/__sandbox/world');
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.body).toEqual(viaPath.body);
    const login = await ctx.api.call('POST', '/api/v1/users/login', { headers: { 'x-sandbox-world': world.a.id },
      body: { email: 'twin@example.com', password: 'a-secure-password' } });
    expect(login.status).toBe(200);
    // the default world has no such user
    expect((await ctx.api.call('POST', '/api/v1/users/login', { body: { email: 'twin@example.com', password: 'a-secure-password' } })).status).toBe(401);
  });

  test('an unknown world is a 404 that says so, by path and by header', async () => {
    const byPath = await ctx.api.call('GET', '/worlds/w0000nothere/api/v1/auth/offers');
    expect(byPath.status).toBe(404);
    expect(byPath.body.error).toMatch(/^no such world: w0000nothere/);
    const byHeader = await ctx.api.call('GET', '/__sandbox/clock', { headers: { 'x-sandbox-world': 'w0000nothere' } });
    expect(byHeader.status).toBe(404);
    expect(byHeader.body.error).toContain('X-Sandbox-World header');
    expect((await ctx.api.call('GET', '/__sandbox/worlds/w0000nothere')).status).toBe(404);
  });
});

describe('tokens are world-bound', () => {
  const protectedOps = readOperations(productDocument).filter((op) => !op.isPublic);
  const UNKNOWN = '3c90c3cc-0d44-4b50-8888-8dd25736052a';
  const path = (p: string) => p.replace(/\{[^}]+\}/g, UNKNOWN);

  test('every protected operation refuses a token of another world with 401 (path and header addressing)', async () => {
    expect(protectedOps.length).toBeGreaterThan(50);
    const tokens = { a: await world.a.api.login('admin@coinpool.test'), default: await ctx.api.login('admin@coinpool.test'),
      aliceA: await world.a.api.login('alice@coinpool.test') };
    const failures: string[] = [];
    for (const op of protectedOps) {
      const body = op.requestBody?.content['application/json'] ? {} : undefined;
      const tries: [string, Promise<{ status: number }>][] = [
        ['admin of A in B', world.b.api.call(op.method, path(op.path), { token: tokens.a, body })],
        ['alice of A in B', world.b.api.call(op.method, path(op.path), { token: tokens.aliceA, body })],
        ['admin of default in B (header)', ctx.api.call(op.method, path(op.path), { token: tokens.default, body, headers: { 'x-sandbox-world': world.b.id } })],
        ['admin of A in default', ctx.api.call(op.method, path(op.path), { token: tokens.a, body })],
      ];
      for (const [who, reply] of tries) {
        const { status } = await reply;
        if (status !== 401) failures.push(`${op.operationId} (${who}): ${status}`);
      }
    }
    expect(failures).toEqual([]);
    // the same token is accepted at home: the 401s above are about the world, not a broken token
    expect((await world.a.api.call('GET', '/api/v1/auth/offers/type/SELL?page_id=1&page_size=5', { token: tokens.a })).status).toBe(200);
  });

  test('a refresh token of one world does not refresh in another', async () => {
    const login = await world.a.api.call('POST', '/api/v1/users/login', { body: { email: 'bob@coinpool.test', password: 'sandbox-password' } });
    const inB = await world.b.api.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: login.body.refresh_token } });
    expect(inB.status).toBe(401);
    const inA = await world.a.api.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: login.body.refresh_token } });
    expect(inA.status).toBe(200);
  });
});

describe('webhooks and clocks stay in their world', () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => { receiver = await startWebhookReceiver(); });
  afterAll(() => receiver.close());

  const confirmation = (transId: string) => ({ TransactionType: 'Pay Bill', TransID: transId, TransTime: '20261122120000', TransAmount: '5000',
    BusinessShortCode: '600984', BillRefNumber: 'mrc-vendor-001', InvoiceNumber: '', OrgAccountBalance: '125000.00', ThirdPartyTransID: '',
    MSISDN: '254727648169', FirstName: 'Jane', MiddleName: '', LastName: 'Wanjiku' });
  const waitFor = async (pred: () => boolean) => { for (let i = 0; i < 300 && !pred(); i++) await new Promise((r) => setTimeout(r, 10)); };

  test('a world\'s webhook endpoints receive its own events only', async () => {
    for (const w of ['a', 'b'] as const) {
      const r = await world[w].api.call('POST', '/__sandbox/webhooks', { body: { url: `${receiver.base}/${w}`, secret: 'whsec_worlds_test', events: ['c2b.payment.settled'] } });
      expect(r.status).toBe(201);
    }
    const paid = await world.a.api.call('POST', '/api/v1/mpesa/c2b/confirmation', { body: confirmation('TKWORLDA01') });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    await waitFor(() => receiver.received.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.received.map((h) => h.path)).toEqual(['/a']);
    expect(JSON.parse(receiver.received[0].body).data).toMatchObject({ trans_id: 'TKWORLDA01' });
    expect((await world.b.api.call('GET', '/__sandbox/webhooks/deliveries')).body).toEqual([]);
    expect((await ctx.api.call('GET', '/__sandbox/webhooks')).body).toEqual([]);

    await world.b.api.call('POST', '/api/v1/mpesa/c2b/confirmation', { body: confirmation('TKWORLDB01') });
    await waitFor(() => receiver.received.length > 1);
    expect(receiver.received.map((h) => h.path)).toEqual(['/a', '/b']);
    expect((await world.a.api.call('GET', '/__sandbox/webhooks/deliveries')).body).toHaveLength(1);
  });

  test('advancing one world\'s clock leaves the others\' time alone', async () => {
    const now = async (api: Client) => (await api.call('GET', '/__sandbox/clock')).body.now;
    const [a0, b0, d0] = [await now(world.a.api), await now(world.b.api), await now(ctx.api)];
    const advanced = await world.a.api.call('POST', '/__sandbox/clock/advance', { body: { seconds: 3600 } });
    expect(advanced.status).toBe(200);
    expect(Date.parse(advanced.body.now) - Date.parse(a0)).toBe(3600_000);
    expect(await now(world.b.api)).toBe(b0);
    expect(await now(ctx.api)).toBe(d0);
  });

  test('request logs and violations are per world', async () => {
    const bad = await world.b.api.call('POST', '/api/v1/users/login', { body: { email: 'not-an-email' } });
    expect(bad.status).toBe(400);
    const inB = (await world.b.api.call('GET', '/__sandbox/violations')).body;
    expect(inB.count).toBeGreaterThan(0);
    expect((await world.a.api.call('GET', '/__sandbox/violations')).body.count).toBe(0);
    expect((await ctx.api.call('GET', '/__sandbox/violations')).body.count).toBe(0);
  });

  test('settings are per world', async () => {
    const patched = await world.a.api.call('PATCH', '/__sandbox/settings', { body: { escrow_custody_provider: 'self' } });
    expect(patched.body).toEqual({ escrow_custody_provider: 'self', latency: null });
    expect((await world.b.api.call('GET', '/__sandbox/settings')).body).toEqual({ escrow_custody_provider: 'bitgo', latency: null });
    expect((await ctx.api.call('GET', '/__sandbox/settings')).body).toEqual({ escrow_custody_provider: 'bitgo', latency: null });
  });
});

describe('lifecycle', () => {
  test('list shows the default world first with memory per world; delete removes a world and its URLs', async () => {
    const list = (await ctx.api.call('GET', '/__sandbox/worlds')).body;
    expect(list.worlds[0]).toMatchObject({ id: 'default', default: true, expires_at: null });
    const ids = list.worlds.map((w: any) => w.id);
    expect(ids).toEqual(expect.arrayContaining([world.a.id, world.b.id]));
    for (const w of list.worlds) expect(w.memory.estimated_bytes).toBeGreaterThan(1000);
    // A wrote more than the default world: its estimate is larger
    const a = list.worlds.find((w: any) => w.id === world.a.id);
    expect(a.memory.rows).toBeGreaterThan(list.worlds[0].memory.rows);
    expect(a.label).toBe('a');

    const temp = await createWorld('temp');
    expect((await ctx.api.call('DELETE', `/__sandbox/worlds/${temp.id}`)).status).toBe(204);
    expect((await temp.api.call('GET', '/__sandbox/clock')).status).toBe(404);
    expect((await ctx.api.call('DELETE', `/__sandbox/worlds/${temp.id}`)).status).toBe(404);
    expect((await ctx.api.call('DELETE', '/__sandbox/worlds/default')).status).toBe(409);
  });

  test('a world of another seed holds other fixtures; bad bodies are refused naming the field', async () => {
    const other = await createWorld('seed 7', { seed: 7 });
    const f7 = (await other.api.call('GET', '/__sandbox/fixtures')).body;
    const fd = (await ctx.api.call('GET', '/__sandbox/fixtures')).body;
    expect(f7.seed).toBe(7);
    expect(f7.users[0].id).not.toBe(fd.users[0].id);
    const bad = await ctx.api.call('POST', '/__sandbox/worlds', { body: { seed: 'x', colour: 'red' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: any) => d.pointer)).toEqual(expect.arrayContaining(['/seed']));
    const before = (await ctx.api.call('GET', '/__sandbox/worlds')).body.count;
    expect(before).toBe(4); // default, a, b, seed 7 (temp was deleted): nothing half-created by the 400
  });

  test('a world created with a clock starts there, frozen or running', async () => {
    const r = await ctx.api.call('POST', '/__sandbox/worlds', { body: { clock: '2030-01-01T00:00:00Z', frozen: true } });
    expect(r.body.clock).toEqual({ now: '2030-01-01T00:00:00Z', frozen: true });
    const running = await ctx.api.call('POST', '/__sandbox/worlds', { body: {} });
    expect(running.body.clock.frozen).toBe(false);
    expect(Math.abs(Date.parse(running.body.clock.now) - Date.now())).toBeLessThan(5000);
  });
});
