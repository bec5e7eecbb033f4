// The partner library: createSandbox() intercepts fetch to the production base URL in-process (no port), and the
// same seed always gives the same world.
import { afterAll, describe, expect, test } from 'vitest';
import { createSandbox, Sandbox } from '../../src/index.ts';

const sb = createSandbox({ start: new Date('2026-11-22T09:00:00Z'), frozen: true });
afterAll(() => sb.close());
const API = 'https://crypto.westminister.tech';

describe('createSandbox()', () => {
  test('quickstart steps 1–3 against the production URL, served in-process', async () => {
    const reg = await fetch(`${API}/api/v1/users/register`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'lib@example.com', phone_number: '+254733000111', first_name: 'Lib', last_name: 'User', password: 'secret123', pin: '654321' }),
    });
    expect(reg.status).toBe(201);
    const login = await fetch(`${API}/api/v1/users/login-pin`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone_number: '+254733000111', pin: '654321' }),
    });
    expect(login.status).toBe(200);
    const { access_token } = await login.json() as { access_token: string };
    const me = await fetch(`${API}/api/v1/auth/user/email/lib@example.com`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'lib@example.com', role: 'customer' });
  });

  test('the clock is the library\'s to drive: a token dies after 900 s', async () => {
    const token = await sb.login('alice@coinpool.test');
    const alice = sb.sandbox.fixtures.users.find((u) => u.email === 'alice@coinpool.test')!;
    sb.sandbox.world.clock.advance(900);
    const r = await fetch(`${API}/api/v1/auth/user/id/${alice.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(401);
  });

  test('reset returns to the seeded world', async () => {
    sb.reset();
    const r = await sb.fetch('/api/v1/users/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'lib@example.com', password: 'secret123' }) });
    expect(r.status).toBe(401);
  });
});

describe('determinism', () => {
  test('the same seed gives the same ids, addresses and responses; another seed another world', async () => {
    const opts = { start: new Date('2026-11-22T09:00:00Z'), frozen: true };
    const a = new Sandbox({ ...opts, seed: 42 });
    const b = new Sandbox({ ...opts, seed: 42 });
    const c = new Sandbox({ ...opts, seed: 43 });
    expect(a.fixtures).toEqual(b.fixtures);
    expect(c.fixtures.users[0].id).not.toBe(a.fixtures.users[0].id);
    const register = (s: Sandbox) => s.handle(new Request('http://sandbox/api/v1/users/register', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'same@example.com', phone_number: '+254733000222', first_name: 'S', last_name: 'E', password: 'secret123' }),
    })).then((r) => r.json());
    expect(await register(a)).toEqual(await register(b));
  });
});
