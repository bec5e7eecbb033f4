// What the faster register and login paths (issue 19) must keep: pruning past the token cap drops the soonest-expiring
// tokens first (ties by token id, as before), revocation still reaches every token of a user or of a login however
// many logins came before, and a register that fails part-way leaves no user, wallet, balance or index entry behind.
import { describe, expect, test } from 'vitest';
import { harness } from '../hardening/support.ts';
import { MAX_ACCESS_TOKENS, MAX_REFRESH_TOKENS } from '../../src/auth/tokens.ts';
import { createUser, findUserByEmail } from '../../src/domain/users.ts';
import { findWalletByAddress } from '../../src/domain/wallets.ts';

interface AccessRow { id: string; user_id: string; expires_ms: number; family?: string }

describe('token pruning order', () => {
  test('past the cap, logins drop the soonest-expiring tokens first, ties in token id order', { timeout: 60_000 }, async () => {
    const h = harness();
    const world = h.sandbox.world;
    const bob = await h.loginBody('bob');
    const table = world.table<AccessRow>('access_tokens');
    const now = world.clock.nowMs();
    // Fillers inserted in a shuffled order: expiries far from insertion order, some sharing one expiry.
    const fillers: AccessRow[] = [];
    for (let i = table.size; i < MAX_ACCESS_TOKENS; i++) {
      const spread = (i * 7919) % (MAX_ACCESS_TOKENS - 1);
      fillers.push({ id: `filler-${String((i * 104729) % 100003).padStart(6, '0')}-${i}`, user_id: bob.user.id, expires_ms: now + 60_000 + Math.floor(spread / 4) * 1000 });
    }
    for (const row of fillers) table.insert(row);
    expect(table.size).toBe(MAX_ACCESS_TOKENS);
    // bob's own login token expires in 900 s, after the earliest fillers: it is not among the first dropped
    const expected = [...table.values()].sort((a, b) => a.expires_ms - b.expires_ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (let k = 0; k < 40; k++) {
      await h.loginBody('bob');
      expect(table.size).toBe(MAX_ACCESS_TOKENS);
      expect(table.has(expected[k].id)).toBe(false);
      expect(table.has(expected[k + 1].id)).toBe(true);
    }
    expect((await h.call('GET', `/api/v1/auth/user/id/${bob.user.id}`, { token: bob.access_token })).status).toBe(200);
  });

  test('refresh tokens are capped too, and a soft delete after many logins past the cap revokes every token of the user', { timeout: 60_000 }, async () => {
    const h = harness();
    const world = h.sandbox.world;
    const admin = await h.login('admin');
    const logins = [];
    for (let i = 0; i < 60; i++) logins.push(await h.loginBody('alice'));
    // push both tables past their caps with other users' logins
    const refresh = world.table<{ id: string; user_id: string; expires_ms: number; family: string; used: boolean; revoked: boolean }>('refresh_tokens');
    const aliceId = logins[0].user.id as string;
    const now = world.clock.nowMs();
    for (let i = refresh.size; i < MAX_REFRESH_TOKENS; i++) refresh.insert({ id: `r-${i}`, user_id: 'someone', family: `f-${i}`, expires_ms: now + 1000 * i, used: false, revoked: false });
    for (let i = 0; i < 5; i++) logins.push(await h.loginBody('alice'));
    expect(refresh.size).toBe(MAX_REFRESH_TOKENS);
    const live = logins.filter((l) => world.table('access_tokens').has(l.access_token));
    expect(live.length).toBe(logins.length);
    // one login's refresh token reused: that login's tokens stop, the others do not
    const [victim, other] = [logins[3], logins[4]];
    expect((await h.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: victim.refresh_token } })).status).toBe(200);
    expect((await h.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: victim.refresh_token } })).status).toBe(401);
    const me = (token: string) => h.call('GET', `/api/v1/auth/user/id/${aliceId}`, { token });
    expect((await me(victim.access_token)).status).toBe(401);
    expect((await me(other.access_token)).status).toBe(200);
    // soft delete: every token of alice stops at once
    expect((await h.call('DELETE', `/api/v1/auth/user/id/${aliceId}/soft`, { token: admin })).status).toBe(200);
    for (const l of logins) expect((await me(l.access_token)).status).toBe(401);
    expect([...world.table<AccessRow>('access_tokens').values()].filter((t) => t.user_id === aliceId)).toEqual([]);
    expect([...refresh.values()].filter((t) => t.user_id === aliceId && !t.revoked)).toEqual([]);
    expect((await h.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: other.refresh_token } })).status).toBe(401);
  });
});

describe('a register that fails part-way', () => {
  test('leaves no user, wallet, balance or index entry, and the same email and phone register afterwards', async () => {
    const h = harness();
    const world = h.sandbox.world;
    const sizes = () => ['users', 'wallets', 'balances', 'sequences'].map((t) => world.table(t).size);
    const before = sizes();
    let addresses: string[] = [];
    expect(() => world.transaction(() => {
      const { wallets } = createUser(world, { email: 'Part.Way@Example.test', phone_number: '+254700111222', first_name: 'Part', last_name: 'Way',
        password: 'a-password', role: 'customer' });
      addresses = wallets.map((w) => w.address);
      throw new Error('failed after the wallets were written');
    })).toThrow('failed after the wallets');
    expect(addresses).toHaveLength(2);
    expect(sizes()).toEqual(before);
    expect(findUserByEmail(world, 'part.way@example.test')).toBeUndefined();
    for (const a of addresses) expect(findWalletByAddress(world, a)).toBeUndefined();
    expect(world.journal.open).toBe(0);

    const res = await h.call('POST', '/api/v1/users/register', { body: { email: 'part.way@example.test', phone_number: '+254700111222',
      first_name: 'Part', last_name: 'Way', password: 'a-password' } });
    expect(res.status).toBe(201);
    expect(res.body.wallets).toHaveLength(2);
    for (const w of res.body.wallets) expect(w.balances.map((b: { currency: string; amount: string }) => `${b.currency} ${b.amount}`))
      .toEqual([`${w.wallet.network === 'ethereum' ? 'ETH' : 'TRX'} 0.00000000`, 'USDT 0.00000000', 'USDC 0.00000000']);
    // The rolled-back attempt drew from the seeded stream, the committed one drew again: new ids and addresses.
    expect(res.body.wallets.map((w: { wallet: { address: string } }) => w.wallet.address)).not.toEqual(addresses);
    expect(findUserByEmail(world, 'part.way@example.test')!.id).toBe(res.body.user.id);
    const login = await h.call('POST', '/api/v1/users/login', { body: { email: 'part.way@example.test', password: 'a-password' } });
    expect(login.status).toBe(200);
    // a second register with the same phone is refused and writes nothing
    const after = sizes();
    const dup = await h.call('POST', '/api/v1/users/register', { body: { email: 'other@example.test', phone_number: '+254700111222',
      first_name: 'Other', last_name: 'One', password: 'a-password' } });
    expect(dup.status).toBe(409);
    expect(sizes()).toEqual(after);
  });
});
