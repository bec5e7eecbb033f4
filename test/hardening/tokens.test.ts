// Tokens are not a function of (seed, request order), a reused refresh token kills the whole login, and the token
// tables, the job table and the problem log stay bounded (issue 17).
import { describe, expect, test } from 'vitest';
import { Sandbox } from '../../src/sandbox.ts';
import { harness, START } from './support.ts';
import { MAX_ACCESS_TOKENS, EXPIRED_TOKEN_KEPT_MS } from '../../src/auth/tokens.ts';
import { MAX_PROBLEMS } from '../../src/kernel/problems.ts';



describe('tokens come from fresh randomness', () => {
  test('two sandboxes of one seed, same requests: same world ids, different tokens', async () => {
    const a = harness();
    const b = harness();
    const [la, lb] = [await a.loginBody('alice'), await b.loginBody('alice')];
    expect(la.user.id).toBe(lb.user.id);
    expect(la.access_token).not.toBe(lb.access_token);
    expect(la.refresh_token).not.toBe(lb.refresh_token);
    expect(la.access_token).toMatch(/^v4\.local\.[A-Za-z0-9_-]{86}$/);
    expect(la.refresh_token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // The world's own ids still follow the seed: the same order gets the same id in both.
    const order = async (h: ReturnType<typeof harness>, token: string) => {
      const fx = h.sandbox.fixtures;
      const offer = fx.offers.find((o) => o.offer_type === 'SELL' && o.asset === 'USDT')!;
      const alice = fx.users.find((u) => u.email === 'alice@coinpool.test')!;
      return (await h.call('POST', '/api/v1/auth/orders', { token, body: {
        customer_id: alice.id, vendor_id: offer.vendor_id, offer_id: offer.id, crypto_amount: String(offer.min_order),
        fiat_amount: (Number(offer.min_order) * Number(offer.rate)).toFixed(2), fiat_currency: 'KES',
        wallet_address: alice.wallets.find((w) => w.network === 'tron')!.address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY' } })).body;
    };
    const [oa, ob] = [await order(a, la.access_token), await order(b, lb.access_token)];
    expect(oa.id).toEqual(expect.any(String));
    expect(oa.id).toBe(ob.id);
  });

  test('a token from before a reset is refused with 401, even where the same login order repeats after it', async () => {
    const h = harness();
    const alice = await h.loginBody('alice');
    const admin = await h.loginBody('admin');
    expect((await h.call('GET', '/api/v1/auth/users?page_id=1&page_size=5', { token: admin.access_token })).status).toBe(200);
    expect((await h.call('POST', '/__sandbox/reset')).status).toBe(200);
    // After the reset the admin logs in first: before the fix, alice's old token was this new admin token.
    const adminAgain = await h.loginBody('admin');
    const aliceAgain = await h.loginBody('alice');
    expect([adminAgain.access_token, aliceAgain.access_token]).not.toContain(alice.access_token);
    for (const old of [alice.access_token, admin.access_token]) {
      const r = await h.call('GET', '/api/v1/auth/users?page_id=1&page_size=5', { token: old });
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: 'token is invalid' });
    }
    const refresh = await h.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: alice.refresh_token } });
    expect(refresh.status).toBe(401);
    expect((await h.call('GET', '/api/v1/auth/users?page_id=1&page_size=5', { token: adminAgain.access_token })).status).toBe(200);
  });
});

describe('reusing a refresh token revokes every token of that login', () => {
  test('the original and the rotated access tokens stop working; another login of the same user does not', async () => {
    const h = harness();
    const first = await h.loginBody('alice');
    const other = await h.loginBody('alice');
    const me = (token: string) => h.call('GET', `/api/v1/auth/user/id/${first.user.id}`, { token });
    const rotated = await h.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: first.refresh_token } });
    expect(rotated.status).toBe(200);
    expect((await me(first.access_token)).status).toBe(200);
    expect((await me(rotated.body.access_token)).status).toBe(200);

    const reuse = await h.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: first.refresh_token } });
    expect(reuse.status).toBe(401);
    expect((await me(first.access_token)).status).toBe(401);
    expect((await me(rotated.body.access_token)).status).toBe(401);
    expect((await h.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: rotated.body.refresh_token } })).status).toBe(401);
    // A separate login (its own family) is untouched.
    expect((await me(other.access_token)).status).toBe(200);
    expect((await h.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: other.refresh_token } })).status).toBe(200);
  });
});

describe('bounded tables', () => {
  test('tokens expired more than a day ago are dropped at the next login; the count never passes the cap', async () => {
    const h = harness();
    const old = await h.loginBody('bob');
    const count = () => h.sandbox.world.table('access_tokens').size;
    expect(count()).toBe(1);
    await h.call('POST', '/__sandbox/clock/advance', { body: { seconds: 900 } });
    await h.loginBody('bob');
    expect(count()).toBe(2); // expired, but kept a day so that its holder reads "token has expired"
    expect((await h.call('GET', `/api/v1/auth/user/id/${old.user.id}`, { token: old.access_token })).body.error).toBe('token has expired');
    await h.call('POST', '/__sandbox/clock/advance', { body: { seconds: EXPIRED_TOKEN_KEPT_MS / 1000 + 900 } });
    await h.loginBody('bob');
    expect(count()).toBe(1);
    expect(h.sandbox.world.table('refresh_tokens').size).toBe(3); // refresh tokens live 7 days
  });

  test(`at most ${MAX_ACCESS_TOKENS} access tokens: the oldest go first`, { timeout: 60_000 }, async () => {
    const h = harness();
    const first = await h.loginBody('bob');
    // Logging in takes a password hash; fill the table directly up to the cap, then log in over HTTP.
    const table = h.sandbox.world.table<{ id: string; user_id: string; expires_ms: number }>('access_tokens');
    const now = h.sandbox.world.clock.nowMs();
    for (let i = table.size; i < MAX_ACCESS_TOKENS; i++) table.insert({ id: `filler-${i}`, user_id: first.user.id, expires_ms: now + 900_000 + i });
    const last = await h.loginBody('bob');
    expect(table.size).toBe(MAX_ACCESS_TOKENS);
    expect((await h.call('GET', `/api/v1/auth/user/id/${first.user.id}`, { token: first.access_token })).status).toBe(401);
    expect((await h.call('GET', `/api/v1/auth/user/id/${first.user.id}`, { token: last.access_token })).status).toBe(200);
  });

  test(`the problem log keeps the latest ${MAX_PROBLEMS}`, () => {
    const h = harness();
    for (let i = 0; i < MAX_PROBLEMS + 20; i++) h.sandbox.world.recordProblem('test', `problem ${i}`);
    expect(h.sandbox.world.problems).toHaveLength(MAX_PROBLEMS);
    expect(h.sandbox.world.problems.at(-1)!.message).toBe(`problem ${MAX_PROBLEMS + 19}`);
    expect(h.sandbox.world.problems[0].message).toBe('problem 20');
  });

  test('a job that ran is gone from the job table', async () => {
    const h = harness();
    const jobs = () => h.sandbox.world.table('jobs').size;
    const before = jobs();
    const fx = h.sandbox.fixtures;
    const alice = await h.loginBody('alice');
    const offer = fx.offers.find((o) => o.offer_type === 'SELL' && o.asset === 'USDT')!;
    const a = fx.users.find((u) => u.email === 'alice@coinpool.test')!;
    const order = await h.call('POST', '/api/v1/auth/orders', { token: alice.access_token, body: {
      customer_id: a.id, vendor_id: offer.vendor_id, offer_id: offer.id, crypto_amount: String(offer.min_order),
      fiat_amount: (Number(offer.min_order) * Number(offer.rate)).toFixed(2), fiat_currency: 'KES',
      wallet_address: a.wallets.find((w) => w.network === 'tron')!.address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY' } });
    expect(order.status).toBe(201);
    expect(jobs()).toBeGreaterThan(before); // its expiry
    await h.call('POST', '/__sandbox/clock/advance', { body: { seconds: 3 * 86400 } });
    expect(jobs()).toBe(before);
  });
});
