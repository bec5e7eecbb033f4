// Quickstart steps 1–3 over real HTTP, token refresh rotation, and token expiry on the sandbox clock.
import { describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';

const ctx = useServer();

const newUser = {
  email: 'user@example.com', phone_number: '+254712345678', first_name: 'John', last_name: 'Doe',
  password: 'your-secure-password', role: 'customer', kyc_status: 'pending', pin: '123456',
};

describe('quickstart', () => {
  test('register → login-pin → get user by email', async () => {
    const reg = await ctx.api.call('POST', '/api/v1/users/register', { body: newUser });
    expect(reg.status).toBe(201);
    expect(reg.body.message).toBe('User registered successfully with default wallets');
    expect(reg.body.user).toMatchObject({ email: 'user@example.com', role: 'customer', kyc_status: 'pending' });
    expect(reg.body.wallets.map((w: any) => [w.wallet.name, w.wallet.network, w.wallet.is_default])).toEqual([
      ['Ethereum Wallet', 'ethereum', true], ['TRON Wallet', 'tron', true]]);
    expect(reg.body.wallets[0].wallet.address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(reg.body.wallets[1].wallet.address).toMatch(/^T[1-9A-HJ-NP-Za-km-z]{33}$/);
    for (const w of reg.body.wallets) {
      expect(w.balances.map((b: any) => b.currency)).toEqual([w.wallet.network === 'ethereum' ? 'ETH' : 'TRX', 'USDT', 'USDC']);
      for (const b of w.balances) expect(b).toMatchObject({ amount: '0.00000000', locked_amount: '0.00000000', usd_value: '0.00' });
    }

    const login = await ctx.api.call('POST', '/api/v1/users/login-pin', { body: { email: 'user@example.com', pin: '123456' } });
    expect(login.status).toBe(200);
    expect(login.body.access_token).toMatch(/^v4\.local\./);
    expect(login.body).toMatchObject({ token_type: 'bearer', expires_in: 900, user: { id: reg.body.user.id } });

    const me = await ctx.api.call('GET', '/api/v1/auth/user/email/user@example.com', { token: login.body.access_token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual(reg.body.user);
  });

  test('registering the same email twice is a 409 and creates nothing', async () => {
    const again = await ctx.api.call('POST', '/api/v1/users/register', { body: { ...newUser, phone_number: '+254711000999' } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/already exists/);
    const admin = await ctx.api.login('admin@coinpool.test');
    const byPhone = await ctx.api.call('GET', `/api/v1/auth/user/phone/${encodeURIComponent('+254711000999')}`, { token: admin });
    expect(byPhone.status).toBe(404);
  });

  test('a wrong PIN and a user without PIN are refused with 401', async () => {
    const wrong = await ctx.api.call('POST', '/api/v1/users/login-pin', { body: { email: 'user@example.com', pin: '000000' } });
    expect(wrong.status).toBe(401);
    await ctx.api.call('POST', '/api/v1/users/register', { body: { ...newUser, email: 'nopin@example.com', phone_number: '+254711000333', pin: undefined } });
    const noPin = await ctx.api.call('POST', '/api/v1/users/login-pin', { body: { email: 'nopin@example.com', pin: '123456' } });
    expect(noPin.status).toBe(401);
    expect(noPin.body.error).toMatch(/PIN login is not enabled/);
  });
});

describe('tokens', () => {
  test('refresh rotates: the new pair works, reusing the old refresh token is a 401 that revokes the family', async () => {
    const login = await ctx.api.call('POST', '/api/v1/users/login', { body: { email: 'alice@coinpool.test', password: 'sandbox-password' } });
    const first = login.body.refresh_token;
    const r1 = await ctx.api.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: first } });
    expect(r1.status).toBe(200);
    expect(r1.body.refresh_token).not.toBe(first);
    expect(r1.body.access_token).not.toBe(login.body.access_token);
    const me = await ctx.api.call('GET', `/api/v1/auth/user/id/${r1.body.user.id}`, { token: r1.body.access_token });
    expect(me.status).toBe(200);

    const reuse = await ctx.api.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: first } });
    expect(reuse.status).toBe(401);
    // The reuse revoked the whole family, so the rotated token is dead too.
    const r2 = await ctx.api.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: r1.body.refresh_token } });
    expect(r2.status).toBe(401);
  });

  test('an access token expires after 900 seconds of the sandbox clock', async () => {
    const token = await ctx.api.login('bob@coinpool.test');
    const fixtures = (await ctx.api.call('GET', '/__sandbox/fixtures')).body;
    const bob = fixtures.users.find((u: any) => u.email === 'bob@coinpool.test');
    expect((await ctx.api.call('GET', `/api/v1/auth/user/id/${bob.id}`, { token })).status).toBe(200);
    await ctx.api.call('POST', '/__sandbox/clock/advance', { body: { seconds: 899 } });
    expect((await ctx.api.call('GET', `/api/v1/auth/user/id/${bob.id}`, { token })).status).toBe(200);
    await ctx.api.call('POST', '/__sandbox/clock/advance', { body: { seconds: 1 } });
    const expired = await ctx.api.call('GET', `/api/v1/auth/user/id/${bob.id}`, { token });
    expect(expired.status).toBe(401);
    expect(expired.body.error).toBe('token has expired');
  });

  test('missing, malformed and unknown tokens are 401 with distinct messages', async () => {
    const path = '/api/v1/auth/users/check/email?email=alice@coinpool.test';
    expect((await ctx.api.call('GET', path)).body).toEqual({ error: 'authorization header is not provided' });
    expect((await ctx.api.call('GET', path, { headers: { authorization: 'Bearer' } })).body).toEqual({ error: 'invalid authorization header format' });
    expect((await ctx.api.call('GET', path, { headers: { authorization: 'Basic abc' } })).body).toEqual({ error: 'unsupported authorization type Basic' });
    expect((await ctx.api.call('GET', path, { token: 'v4.local.nope' })).body).toEqual({ error: 'token is invalid' });
  });
});
