// Who may do what on rows 1–22: the role and ownership matrix, validation errors that name fields, and a failed
// request that leaves the store untouched.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';

const ctx = useServer();
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const wallets: Record<string, string> = {};

beforeAll(async () => {
  const fixtures = (await ctx.api.call('GET', '/__sandbox/fixtures')).body;
  for (const u of fixtures.users) {
    const key = u.email.split('@')[0];
    ids[key] = u.id;
    wallets[key] = u.wallets[0].id;
    tokens[key] = await ctx.api.login(u.email);
  }
});

describe('role and ownership matrix', () => {
  // [caller, method, path (with :self/:other placeholders resolved below), body, expected status]
  const cases: [string, string, () => string, unknown, number][] = ([
    ['alice', 'GET', () => `/api/v1/auth/user/id/${ids.alice}`, undefined, 200],
    ['alice', 'GET', () => `/api/v1/auth/user/id/${ids.bob}`, undefined, 403],
    ['admin', 'GET', () => `/api/v1/auth/user/id/${ids.bob}`, undefined, 200],
    ['alice', 'GET', () => '/api/v1/auth/users?page_id=1&page_size=5', undefined, 403],
    ['admin', 'GET', () => '/api/v1/auth/users?page_id=1&page_size=5', undefined, 200],
    ['alice', 'GET', () => `/api/v1/auth/wallet/id/${wallets.alice}`, undefined, 200],
    ['alice', 'GET', () => `/api/v1/auth/wallet/id/${wallets.bob}`, undefined, 403],
    ['admin', 'GET', () => `/api/v1/auth/wallet/id/${wallets.bob}`, undefined, 200],
    ['alice', 'GET', () => `/api/v1/auth/balances/user/${ids.bob}`, undefined, 403],
    ['bob', 'GET', () => `/api/v1/auth/balances/user/${ids.bob}`, undefined, 200],
    ['alice', 'PUT', () => `/api/v1/auth/user/id/${ids.bob}/kyc-status`, { kyc_status: 'approved' }, 403],
    ['officer', 'PUT', () => `/api/v1/auth/user/id/${ids.bob}/kyc-status`, { kyc_status: 'approved' }, 403],
    ['alice', 'PUT', () => `/api/v1/auth/user/id/${ids.bob}/role`, { role: 'vendor' }, 403],
    ['alice', 'PUT', () => `/api/v1/auth/user/id/${ids.bob}/pin`, { new_pin: '111111', confirm_new_pin: '111111' }, 403],
    ['alice', 'DELETE', () => `/api/v1/auth/user/id/${ids.bob}/soft`, undefined, 403],
    ['alice', 'POST', () => '/api/v1/auth/users/provision', { email: 'x@y.io', phone_number: '+254799000001', first_name: 'X', last_name: 'Y', password: 'secret1', role: 'admin' }, 403],
    ['alice', 'GET', () => '/api/v1/auth/treasury/remittance/escrow-balance', undefined, 403],
    ['treasury', 'GET', () => '/api/v1/auth/treasury/remittance/escrow-balance', undefined, 200],
    ['alice', 'POST', () => '/api/v1/auth/wallets/for-owner', () => ({ owner_type: 'customer', network: 'tron', user_id: ids.bob }), 403],
    ['alice', 'POST', () => '/api/v1/auth/wallets/for-owner', () => ({ owner_type: 'customer', network: 'tron', user_id: ids.alice }), 201],
    ['vendor', 'POST', () => '/api/v1/auth/wallets/for-owner', () => ({ owner_type: 'sub_merchant', network: 'tron', sub_merchant_id: ids.subvendor }), 201],
    ['alice', 'PUT', () => `/api/v1/auth/wallet/id/${wallets.bob}/set-default-network`, undefined, 403],
  ] as [string, string, () => string, unknown, number][]);
  test.each(cases.map(([who, m, p, b, s]) => ({ who, m, p, b, s, name: `${who} ${m} ${p.toString().slice(6, 60)} → ${s}` })))('$name', async ({ who, m, p, b, s }) => {
    const r = await ctx.api.call(m, p(), { token: tokens[who], body: typeof b === 'function' ? b() : b });
    expect(r.status, JSON.stringify(r.body)).toBe(s);
    if (s >= 400) expect(typeof r.body.error).toBe('string');
  });

  test('a 403 never carries the other user\'s data', async () => {
    const r = await ctx.api.call('GET', `/api/v1/auth/user/id/${ids.bob}`, { token: tokens.alice });
    expect(JSON.stringify(r.body)).not.toContain('bob@coinpool.test');
  });
});

describe('admin rules', () => {
  test('only an admin grants admin, and the last admin cannot be demoted', async () => {
    const demote = await ctx.api.call('PUT', `/api/v1/auth/user/id/${ids.admin}/role`, { token: tokens.admin, body: { role: 'customer' } });
    expect(demote.status).toBe(409);
    expect(demote.body.error).toMatch(/last admin/);
    const promote = await ctx.api.call('PUT', `/api/v1/auth/user/id/${ids.bob}/role`, { token: tokens.admin, body: { role: 'admin' } });
    expect(promote.status).toBe(200);
    expect(promote.body.role).toBe('admin');
    // Now there are two admins: demoting one works, and the role applies to existing tokens at once.
    const back = await ctx.api.call('PUT', `/api/v1/auth/user/id/${ids.bob}/role`, { token: tokens.bob, body: { role: 'customer' } });
    expect(back.status).toBe(200);
    const bobNow = await ctx.api.call('GET', '/api/v1/auth/users?page_id=1&page_size=5', { token: tokens.bob });
    expect(bobNow.status).toBe(403);
  });

  test('list users paginates with bare arrays and validates page_size', async () => {
    const p1 = await ctx.api.call('GET', '/api/v1/auth/users?page_id=1&page_size=5', { token: tokens.admin });
    const p2 = await ctx.api.call('GET', '/api/v1/auth/users?page_id=2&page_size=5', { token: tokens.admin });
    expect(Array.isArray(p1.body)).toBe(true);
    expect(p1.body).toHaveLength(5);
    expect(p2.body.length).toBeGreaterThan(0);
    expect(new Set([...p1.body, ...p2.body].map((u: any) => u.id)).size).toBe(p1.body.length + p2.body.length);
    const bad = await ctx.api.call('GET', '/api/v1/auth/users?page_id=0&page_size=50', { token: tokens.admin });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: any) => `${d.location} ${d.pointer}`).sort()).toEqual(['query /page_id', 'query /page_size']);
  });
});

describe('validation and atomicity', () => {
  test('every bad field of a registration is named at once', async () => {
    const r = await ctx.api.call('POST', '/api/v1/users/register', {
      body: { email: 'not-an-email', phone_number: '0712', first_name: 'A', last_name: 'B', password: '123', pin: '12ab56', colour: 'red' },
    });
    expect(r.status).toBe(400);
    expect(r.body.details.map((d: any) => d.pointer).sort()).toEqual(['/colour', '/email', '/password', '/phone_number', '/pin']);
  });

  test('a provision that fails in the domain leaves nothing behind', async () => {
    const body = { email: 'sub@x.io', phone_number: '+254799000002', first_name: 'S', last_name: 'V', password: 'secret1', role: 'subvendor', parent_vendor_id: ids.alice };
    const r = await ctx.api.call('POST', '/api/v1/auth/users/provision', { token: tokens.admin, body });
    expect(r.status).toBe(400);
    expect(r.body.details[0].pointer).toBe('/parent_vendor_id');
    const check = await ctx.api.call('GET', '/api/v1/auth/users/check/email?email=sub@x.io', { token: tokens.admin });
    expect(check.body).toEqual({ exists: false, email: 'sub@x.io' });
  });

  test('soft delete: the user cannot log in, their token dies, and they leave the lists', async () => {
    const reg = await ctx.api.call('POST', '/api/v1/users/register', { body: { email: 'gone@x.io', phone_number: '+254799000003', first_name: 'G', last_name: 'O', password: 'secret1' } });
    const token = await ctx.api.login('gone@x.io', 'secret1');
    const del = await ctx.api.call('DELETE', `/api/v1/auth/user/id/${reg.body.user.id}/soft`, { token });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ message: 'user deleted successfully' });
    expect((await ctx.api.call('POST', '/api/v1/users/login', { body: { email: 'gone@x.io', password: 'secret1' } })).status).toBe(401);
    expect((await ctx.api.call('GET', `/api/v1/auth/user/id/${reg.body.user.id}`, { token })).status).toBe(401);
    expect((await ctx.api.call('GET', `/api/v1/auth/user/id/${reg.body.user.id}`, { token: tokens.admin })).status).toBe(404);
  });
});

describe('wallets and balances', () => {
  test('the faucet credits a wallet and the aggregated balances add up exactly', async () => {
    const fixtures = (await ctx.api.call('GET', '/__sandbox/fixtures')).body;
    const bob = fixtures.users.find((u: any) => u.email === 'bob@coinpool.test');
    const tron = bob.wallets.find((w: any) => w.network === 'tron');
    const eth = bob.wallets.find((w: any) => w.network === 'ethereum');
    await ctx.api.call('POST', '/__sandbox/faucet', { body: { address: tron.address, asset: 'USDT', amount: '0.1' } });
    await ctx.api.call('POST', '/__sandbox/faucet', { body: { wallet_id: eth.id, asset: 'USDT', amount: '0.2' } });
    const r = await ctx.api.call('GET', `/api/v1/auth/balances/user/${bob.id}`, { token: tokens.admin });
    expect(r.status).toBe(200);
    expect(r.body.total_usdt).toBe('0.30000000');
    const tronOnly = await ctx.api.call('GET', `/api/v1/auth/balances/user/${bob.id}?networks=tron`, { token: tokens.admin });
    expect(tronOnly.body.balances).toHaveLength(1);
    expect(tronOnly.body.total_usdt).toBe('0.10000000');
  });

  test('for-owner names the custody provider wallet, the same id the treasury escrow report names', async () => {
    const custodial = await ctx.api.call('POST', '/api/v1/auth/wallets/for-owner', { token: tokens.alice, body: { owner_type: 'customer', network: 'tron', user_id: ids.alice } });
    expect(custodial.status).toBe(201);
    expect(custodial.body.custody_kind).toBe('custodial');
    expect(custodial.body.provider_wallet_id).toMatch(/^bitgo-[0-9a-f]{16}$/);
    const treasury = await ctx.api.call('POST', '/api/v1/auth/wallets/for-owner', { token: tokens.treasury, body: { owner_type: 'treasury', network: 'tron', treasury_user_id: ids.treasury, is_default: true } });
    expect(treasury.status).toBe(201);
    const report = await ctx.api.call('GET', '/api/v1/auth/treasury/remittance/escrow-balance?network=tron', { token: tokens.treasury });
    expect(report.status).toBe(200);
    expect(report.body.treasury_wallet_id).toBe(treasury.body.wallet.id);
    expect(report.body.treasury_provider_wallet_id).toBe(treasury.body.provider_wallet_id);
  });

  test('set-default-network moves the default flag within one network', async () => {
    const created = await ctx.api.call('POST', '/api/v1/auth/wallets', { token: tokens.alice, body: { network: 'tron', name: 'Savings' } });
    expect(created.status).toBe(201);
    expect(created.body.wallet.is_default).toBe(false);
    const set = await ctx.api.call('PUT', `/api/v1/auth/wallet/id/${created.body.wallet.id}/set-default`, { token: tokens.alice });
    expect(set.status).toBe(200);
    expect(set.body.is_default).toBe(true);
    const old = await ctx.api.call('GET', `/api/v1/auth/wallet/id/${(await ctx.api.call('GET', '/__sandbox/fixtures')).body.users.find((u: any) => u.email === 'alice@coinpool.test').wallets.find((w: any) => w.network === 'tron').id}`, { token: tokens.alice });
    expect(old.body.is_default).toBe(false);
  });
});
