// GET /__sandbox/world (the dashboard's view), GET /__sandbox/snapshot and POST /__sandbox/restore.
import { describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';

const ctx = useServer();

const register = (email: string, phone: string) => ctx.api.call('POST', '/api/v1/users/register', {
  body: { email, phone_number: phone, first_name: 'Snap', last_name: 'Shot', password: 'your-secure-password', pin: '123456' },
});

describe('GET /__sandbox/world', () => {
  test('shows users with roles, wallets with balances and the other tables, without secrets', async () => {
    const r = await ctx.api.call('GET', '/__sandbox/world');
    expect(r.status).toBe(200);
    expect(r.body.clock).toEqual({ now: '2026-11-22T09:00:00Z', frozen: true });
    const alice = r.body.users.find((u: any) => u.email === 'alice@coinpool.test');
    expect(alice).toMatchObject({ role: 'customer', kyc_status: 'approved' });
    expect(JSON.stringify(r.body)).not.toMatch(/password_hash|pin_hash|access_token/);
    const aliceTron = r.body.wallets.find((w: any) => w.user_id === alice.id && w.network === 'tron');
    expect(aliceTron.owner_email).toBe('alice@coinpool.test');
    expect(aliceTron.balances).toContainEqual({ currency: 'USDT', amount: '250.00000000', locked_amount: '0.00000000' });
    const names = r.body.collections.map((c: any) => c.name);
    expect(names).toContain('pricing_profiles');
    expect(names).not.toContain('users');
    expect(names).not.toContain('jobs');
  });

  test('leaves out plumbing (id sequences) and shows an uploaded proof by its size, not its bytes', async () => {
    const { world } = ctx.server.sandbox;
    world.transaction(() => {
      world.nextSequence('world_view_test');
      world.table<{ id: string } & Record<string, unknown>>('otc_proof_files').insert({ id: 'proof-view-test', deposit_id: 'd', file_name: 'advice.pdf', mime_type: 'application/pdf',
        size_bytes: 3000, sha256: 'ab', base64: 'A'.repeat(4000), uploaded_at: '2026-11-22T09:00:00Z' });
    });
    const r = await ctx.api.call('GET', '/__sandbox/world');
    expect(r.status).toBe(200);
    expect(r.body.collections.map((c: any) => c.name)).not.toContain('sequences');
    const proofs = r.body.collections.find((c: any) => c.name === 'otc_proof_files');
    expect(proofs.rows.find((p: any) => p.id === 'proof-view-test')).toMatchObject({ file_name: 'advice.pdf', size_bytes: 3000, base64: '4000 base64 characters' });
    // The snapshot, unlike the view, keeps the bytes (once per content, under blobs): it must restore the world whole.
    const snapshot = (await ctx.api.call('GET', '/__sandbox/snapshot')).body;
    const ref = snapshot.tables.otc_proof_files.find((p: any) => p.id === 'proof-view-test').base64;
    expect(ref).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(snapshot.blobs[ref.slice('sha256:'.length)]).toBe('A'.repeat(4000));
    world.transaction(() => { world.table('otc_proof_files').delete('proof-view-test'); });
  });

  test('users and wallets, like every table, show their last `limit` rows, newest last', async () => {
    const registered = await register('view-limit@example.com', '+254700555001');
    expect(registered.status).toBe(201);
    const r = await ctx.api.call('GET', '/__sandbox/world?limit=2');
    expect(r.status).toBe(200);
    expect(r.body.users.map((u: any) => u.email)).toHaveLength(2);
    expect(r.body.users.at(-1).email).toBe('view-limit@example.com');
    expect(r.body.wallets).toHaveLength(2);
    expect(r.body.wallets.map((w: any) => w.owner_email)).toEqual(['view-limit@example.com', 'view-limit@example.com']);
    for (const c of r.body.collections) expect(c.rows.length).toBeLessThanOrEqual(2);
  });

  test('follows the world: a faucet credit shows in the wallet balances', async () => {
    const before = await ctx.api.call('GET', '/__sandbox/world');
    const bobTron = before.body.wallets.find((w: any) => w.owner_email === 'bob@coinpool.test' && w.network === 'tron');
    await ctx.api.call('POST', '/__sandbox/faucet', { body: { wallet_id: bobTron.id, asset: 'USDT', amount: '12.5' } });
    const after = await ctx.api.call('GET', '/__sandbox/world');
    const row = after.body.wallets.find((w: any) => w.id === bobTron.id).balances.find((b: any) => b.currency === 'USDT');
    expect(row.amount).toBe('12.50000000');
  });

  test('limits the rows per table and refuses a bad limit naming it', async () => {
    const r = await ctx.api.call('GET', '/__sandbox/world?limit=1');
    for (const c of r.body.collections) expect(c.rows.length).toBe(1);
    const bad = await ctx.api.call('GET', '/__sandbox/world?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]).toMatchObject({ location: 'query', pointer: '/limit' });
  });

  test('a GET with x-sandbox-unlogged is answered but kept out of the request log', async () => {
    await ctx.api.call('DELETE', '/__sandbox/violations');
    await ctx.api.call('GET', '/__sandbox/world', { headers: { 'x-sandbox-unlogged': '1' } });
    await ctx.api.call('GET', '/__sandbox/clock');
    const log = await ctx.api.call('GET', '/__sandbox/requests', { headers: { 'x-sandbox-unlogged': '1' } });
    // The DELETE that cleared the log is its first entry; the unlogged GET left none.
    expect(log.body.map((e: any) => e.path)).toEqual(['/__sandbox/violations', '/__sandbox/clock']);
  });
});

describe('snapshot and restore', () => {
  test('restore returns to the snapshot: later users are gone, balances and clock are back', async () => {
    const snapshot = (await ctx.api.call('GET', '/__sandbox/snapshot')).body;
    expect(snapshot).toMatchObject({ version: 2, seed: 20261122, clock: { frozen: true } });
    const usersBefore = snapshot.tables.users.length;

    const carol = await register('carol.snapshot@example.com', '+254711000333');
    expect(carol.status).toBe(201);
    await ctx.api.call('POST', '/__sandbox/clock/advance', { body: { seconds: 3600 } });

    const restored = await ctx.api.call('POST', '/__sandbox/restore', { body: snapshot });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ seed: 20261122, epoch: snapshot.epoch + 1, clock: new Date(snapshot.clock.now_ms).toISOString().replace('.000Z', 'Z') });
    const world = (await ctx.api.call('GET', '/__sandbox/world')).body;
    expect(world.users).toHaveLength(usersBefore);
    expect(world.users.find((u: any) => u.email === 'carol.snapshot@example.com')).toBeUndefined();
    const login = await ctx.api.call('POST', '/api/v1/users/login-pin', { body: { email: 'carol.snapshot@example.com', pin: '123456' } });
    expect(login.status).toBe(401);
  });

  test('ids made after a restore never repeat the ids made after the snapshot was taken', async () => {
    const snapshot = (await ctx.api.call('GET', '/__sandbox/snapshot')).body;
    const first = await register('dave.one@example.com', '+254711000444');
    await ctx.api.call('POST', '/__sandbox/restore', { body: snapshot });
    const second = await register('dave.one@example.com', '+254711000444');
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.user.id).not.toBe(first.body.user.id);
    expect(second.body.wallets.map((w: any) => w.wallet.address)).not.toEqual(first.body.wallets.map((w: any) => w.wallet.address));
    const ids = (await ctx.api.call('GET', '/__sandbox/snapshot')).body.tables.wallets.map((w: any) => w.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('a snapshot of another seed is a 422 naming both seeds; a malformed one is a 400 naming the field', async () => {
    const snapshot = (await ctx.api.call('GET', '/__sandbox/snapshot')).body;
    const other = await ctx.api.call('POST', '/__sandbox/restore', { body: { ...snapshot, seed: 7 } });
    expect(other.status).toBe(422);
    expect(other.body.error).toMatch(/seed 7.*seed 20261122/);
    const bad = await ctx.api.call('POST', '/__sandbox/restore', { body: { ...snapshot, clock: { now_ms: 'soon', frozen: true } } });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]).toMatchObject({ location: 'body', pointer: '/clock/now_ms' });
    // Nothing was changed by the refused restores.
    expect((await ctx.api.call('GET', '/__sandbox/snapshot')).body.tables.users).toEqual(snapshot.tables.users);
  });
});
