// Merchant trees over HTTP: creation (single, with sub-merchants, sub-merchant under a master), the tree view, updates
// with their role rules, soft delete with its cascade, and the master list.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { balance, fixtures, held, logins, merchantBody } from './support.ts';
import { users } from '../../src/domain/users.ts';
import { wallets } from '../../src/domain/wallets.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof logins>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
beforeAll(async () => { t = await logins(ctx.api); fx = await fixtures(ctx.api); });

const call = (method: string, path: string, token: string, body?: unknown) => ctx.api.call(method, `/api/v1/auth${path}`, { token, body });

describe('creating merchants', () => {
  test('an admin creates a master merchant with default Ethereum and TRON hot wallets, and it can log in', async () => {
    const body = merchantBody({ kyc_status: 'pending' });
    const r = await call('POST', '/merchants', t.admin, body);
    expect(r.status).toBe(201);
    expect(r.body.message).toBe('Merchant created successfully with default wallets');
    expect(r.body.merchant).toMatchObject({ email: body.email, role: 'vendor', parent_vendor_id: null, is_active: true, kyc_status: 'pending' });
    expect(r.body.wallets.map((w: any) => [w.network, w.wallet_type, w.is_default])).toEqual([['ethereum', 'hot', true], ['tron', 'hot', true]]);
    expect(r.body.wallets[0].address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(r.body.wallets[1].address).toMatch(/^T/);
    expect(await ctx.api.login(body.email, body.password)).toMatch(/^v4\.local\./);
  });

  test('only admins create master merchants; a duplicate email or phone is a 409 and creates nothing', async () => {
    expect((await call('POST', '/merchants', t.vendor, merchantBody())).status).toBe(403);
    const before = users(ctx.server.sandbox.world).size;
    const dupEmail = await call('POST', '/merchants', t.admin, merchantBody({ email: 'alice@coinpool.test' }));
    expect(dupEmail.status).toBe(409);
    const dupPhone = await call('POST', '/merchants', t.admin, merchantBody({ phone_number: '+254711222333' }));
    expect(dupPhone.status).toBe(409);
    expect(users(ctx.server.sandbox.world).size).toBe(before);
    const bad = await call('POST', '/merchants', t.admin, { ...merchantBody(), email: 'nope', role: 'admin' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: any) => d.pointer).sort()).toEqual(['/email', '/role']);
  });

  test('a master with sub-merchants in one call; a repeated email inside the request rolls everything back', async () => {
    const master = merchantBody();
    const subs = [merchantBody(), merchantBody()];
    const r = await call('POST', '/merchants/with-sub-merchants', t.admin, { merchant: master, sub_merchants: subs });
    expect(r.status).toBe(201);
    expect(r.body.merchant.role).toBe('vendor');
    expect(r.body.merchant_wallets).toHaveLength(2);
    expect(r.body.sub_merchants.map((s: any) => [s.merchant.email, s.merchant.role, s.merchant.parent_vendor_id, s.wallets.length]))
      .toEqual(subs.map((s) => [s.email, 'subvendor', r.body.merchant.id, 2]));

    const before = users(ctx.server.sandbox.world).size;
    const walletsBefore = wallets(ctx.server.sandbox.world).size;
    const twice = merchantBody();
    const dup = await call('POST', '/merchants/with-sub-merchants', t.admin, { merchant: merchantBody(), sub_merchants: [twice, { ...merchantBody(), email: twice.email }] });
    expect(dup.status).toBe(409);
    expect(users(ctx.server.sandbox.world).size).toBe(before);
    expect(wallets(ctx.server.sandbox.world).size).toBe(walletsBefore);
  });

  test('sub-merchants: the master itself or an admin; never under a sub-merchant or another role', async () => {
    const vendorId = fx.user('vendor').id;
    const own = await call('POST', `/merchants/${vendorId}/sub-merchants`, t.vendor, merchantBody());
    expect(own.status).toBe(201);
    expect(own.body.sub_merchant).toMatchObject({ role: 'subvendor', parent_vendor_id: vendorId });
    expect(own.body.message).toBe('Sub-merchant created successfully with default wallets');

    const other = (await call('POST', '/merchants', t.admin, merchantBody())).body.merchant.id;
    expect((await call('POST', `/merchants/${other}/sub-merchants`, t.vendor, merchantBody())).status).toBe(403);
    expect((await call('POST', `/merchants/${other}/sub-merchants`, t.subvendor, merchantBody())).status).toBe(403);
    expect((await call('POST', `/merchants/${other}/sub-merchants`, t.admin, merchantBody())).status).toBe(201);
    expect((await call('POST', `/merchants/${fx.user('subvendor').id}/sub-merchants`, t.admin, merchantBody())).status).toBe(422);
    expect((await call('POST', `/merchants/${fx.user('alice').id}/sub-merchants`, t.admin, merchantBody())).status).toBe(422);
    expect((await call('POST', '/merchants/7d7d7d7d-7d7d-4d7d-8d7d-7d7d7d7d7d7d/sub-merchants', t.admin, merchantBody())).status).toBe(404);
  });
});

describe('the merchant tree', () => {
  test('a master sees its tree; a sub-merchant only its node; strangers get 403, non-merchants 404', async () => {
    const vendorId = fx.user('vendor').id;
    const subId = fx.user('subvendor').id;
    const tree = await call('GET', `/merchants/${vendorId}`, t.vendor);
    expect(tree.status).toBe(200);
    expect(tree.body.merchant.id).toBe(vendorId);
    expect(tree.body.sub_merchants.map((s: any) => s.merchant.id)).toContain(subId);
    // Every wallet of the vendor, multisig included.
    expect(tree.body.merchant_wallets.map((w: any) => w.wallet_type)).toEqual(expect.arrayContaining(['hot', 'multisig']));

    const node = await call('GET', `/merchants/${subId}`, t.subvendor);
    expect(node.status).toBe(200);
    expect(node.body).toMatchObject({ merchant: { id: subId, role: 'subvendor' }, sub_merchants: [] });
    expect((await call('GET', `/merchants/${subId}`, t.vendor)).status).toBe(200);
    expect((await call('GET', `/merchants/${vendorId}`, t.subvendor)).status).toBe(403);
    expect((await call('GET', `/merchants/${vendorId}`, t.alice)).status).toBe(403); // x-roles
    expect((await call('GET', `/merchants/${fx.user('alice').id}`, t.admin)).status).toBe(404);
  });
});

describe('updating merchants', () => {
  test('profile fields change; kyc_status is admin-only; is_active by an admin or the master on its subs', async () => {
    const r = await call('POST', '/merchants/with-sub-merchants', t.admin, { merchant: merchantBody(), sub_merchants: [merchantBody()] });
    const master = r.body.merchant;
    const sub = r.body.sub_merchants[0].merchant;
    const masterToken = await ctx.api.login(master.email, 'secret-pass');

    const renamed = await call('PATCH', `/merchants/${master.id}`, masterToken, { first_name: 'Renamed', email: 'NEW.Owner@Shop.test' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.merchant).toMatchObject({ first_name: 'Renamed', email: 'new.owner@shop.test' });
    expect((await call('PATCH', `/merchants/${master.id}`, masterToken, { kyc_status: 'rejected' })).status).toBe(403);
    expect((await call('PATCH', `/merchants/${master.id}`, masterToken, { is_active: false })).status).toBe(403);
    expect((await call('PATCH', `/merchants/${master.id}`, masterToken, { phone_number: '+254711222333' })).status).toBe(409);
    expect((await call('PATCH', `/merchants/${master.id}`, masterToken, {})).status).toBe(400);
    expect((await call('PATCH', `/merchants/${fx.user('vendor').id}`, masterToken, { first_name: 'X' })).status).toBe(403);

    const off = await call('PATCH', `/merchants/${sub.id}`, masterToken, { is_active: false });
    expect(off.status).toBe(200);
    expect(off.body.merchant.is_active).toBe(false);
    const kyc = await call('PATCH', `/merchants/${sub.id}`, t.admin, { kyc_status: 'rejected', is_active: true });
    expect(kyc.body.merchant).toMatchObject({ kyc_status: 'rejected', is_active: true });
  });
});

describe('soft delete and the list', () => {
  test('deleting a master deletes its subs, deactivates their wallets, revokes tokens, hides them, keeps emails taken', async () => {
    const r = await call('POST', '/merchants/with-sub-merchants', t.admin, { merchant: merchantBody(), sub_merchants: [merchantBody(), merchantBody()] });
    const master = r.body.merchant;
    const subIds = r.body.sub_merchants.map((s: any) => s.merchant.id);
    const subToken = await ctx.api.login(r.body.sub_merchants[0].merchant.email, 'secret-pass');
    const subTron = r.body.sub_merchants[0].wallets.find((w: any) => w.network === 'tron');
    await ctx.api.call('POST', '/__sandbox/faucet', { body: { wallet_id: subTron.id, asset: 'USDT', amount: '42' } });
    const usdt = held(ctx.server);
    expect((await call('DELETE', `/merchants/${master.id}`, t.vendor)).status).toBe(403);

    const listed = await call('GET', '/merchants?page_size=100', t.admin);
    expect(listed.body.map((m: any) => m.id)).toContain(master.id);

    const del = await call('DELETE', `/merchants/${master.id}`, t.admin);
    expect(del.status).toBe(200);
    expect(del.body.message).toBe('merchant deleted successfully');
    expect(del.body.deleted_merchant_ids[0]).toBe(master.id); // then its subs, oldest first (ids break ties on a frozen clock)
    expect([...del.body.deleted_merchant_ids.slice(1)].sort()).toEqual([...subIds].sort());
    const world = ctx.server.sandbox.world;
    for (const id of [master.id, ...subIds]) {
      expect(users(world).get(id)).toMatchObject({ is_active: false });
      expect(users(world).get(id)!.deleted_at).not.toBeNull();
      expect(wallets(world).filter((w) => w.user_id === id).every((w) => !w.is_active)).toBe(true);
    }
    expect((await call('GET', `/merchants/${subIds[0]}`, subToken)).status).toBe(401);
    // No money moves: the deleted sub-merchant's wallet keeps its balance, and it can no longer receive.
    expect(balance(ctx.server, subTron.id).amount).toBe('42.00000000');
    expect(held(ctx.server)).toBe(usdt);
    const toDeleted = await call('POST', '/transfers/p2p', t.alice, { to_address: subTron.address, amount: '1', network: 'tron' });
    expect(toDeleted.status).toBe(422);
    expect((await call('GET', `/merchants/${master.id}`, t.admin)).status).toBe(404);
    expect((await call('DELETE', `/merchants/${master.id}`, t.admin)).status).toBe(404);
    expect((await call('GET', '/merchants?page_size=100', t.admin)).body.map((m: any) => m.id)).not.toContain(master.id);
    expect((await call('POST', '/merchants', t.admin, merchantBody({ email: master.email }))).status).toBe(409);
  });

  test('deleting a sub-merchant leaves its master; the list holds live masters only, oldest first, paged', async () => {
    const r = await call('POST', '/merchants/with-sub-merchants', t.admin, { merchant: merchantBody(), sub_merchants: [merchantBody()] });
    const sub = r.body.sub_merchants[0].merchant.id;
    expect((await call('DELETE', `/merchants/${sub}`, t.admin)).body.deleted_merchant_ids).toEqual([sub]);
    const tree = await call('GET', `/merchants/${r.body.merchant.id}`, t.admin);
    expect(tree.status).toBe(200);
    expect(tree.body.sub_merchants).toEqual([]);

    const all = (await call('GET', '/merchants?page_size=100', t.admin)).body;
    expect(all.every((m: any) => m.role === 'vendor' && m.parent_vendor_id === null)).toBe(true);
    expect(all.map((m: any) => m.id)).toContain(fx.user('vendor').id);
    const order = all.map((m: any) => [users(ctx.server.sandbox.world).get(m.id)!.created_at, m.id].join(' '));
    expect(order).toEqual([...order].sort()); // the clock is frozen here: equal times, then ids
    const page2 = await call('GET', '/merchants?page_id=2&page_size=2', t.admin);
    expect(page2.body.map((m: any) => m.id)).toEqual(all.slice(2, 4).map((m: any) => m.id));
    expect((await call('GET', '/merchants?page_id=99', t.admin)).body).toEqual([]);
    expect((await call('GET', '/merchants?page_size=101', t.admin)).status).toBe(400);
    expect((await call('GET', '/merchants', t.vendor)).status).toBe(403);
  });
});

describe('the lifecycle of one tree, end to end', () => {
  test('created together, read back with every wallet, updated, a sub added, then deleted as a whole', async () => {
    const created = await call('POST', '/merchants/with-sub-merchants', t.admin, { merchant: merchantBody(), sub_merchants: [merchantBody()] });
    expect(created.status).toBe(201);
    const masterId = created.body.merchant.id;
    const masterToken = await ctx.api.login(created.body.merchant.email, 'secret-pass');
    const shape = (ws: any[]) => ws.map((w: any) => ({ id: w.id, network: w.network, address: w.address, is_default: w.is_default, wallet_type: w.wallet_type }));

    const added = await call('POST', `/merchants/${masterId}/sub-merchants`, masterToken, merchantBody());
    expect(added.status).toBe(201);
    await call('PATCH', `/merchants/${masterId}`, masterToken, { last_name: 'Updated' });

    const tree = await call('GET', `/merchants/${masterId}`, masterToken);
    expect(tree.status).toBe(200);
    expect(tree.body.merchant).toMatchObject({ id: masterId, last_name: 'Updated', role: 'vendor', parent_vendor_id: null });
    expect(shape(tree.body.merchant_wallets)).toEqual(shape(created.body.merchant_wallets));
    // Oldest first; the clock is frozen here, so equal times fall back to the id order.
    const byId = (x: any[], y: any[]) => String(x[0]).localeCompare(String(y[0]));
    expect(tree.body.sub_merchants.map((s: any) => [s.merchant.id, s.merchant.parent_vendor_id, shape(s.wallets)])).toEqual([
      [created.body.sub_merchants[0].merchant.id, masterId, shape(created.body.sub_merchants[0].wallets)],
      [added.body.sub_merchant.id, masterId, shape(added.body.wallets)],
    ].sort(byId));
    for (const s of tree.body.sub_merchants) {
      expect(s.wallets.map((w: any) => [w.network, w.wallet_type, w.is_default])).toEqual([['ethereum', 'hot', true], ['tron', 'hot', true]]);
    }
    // Another master cannot read this tree.
    expect((await call('GET', `/merchants/${masterId}`, t.vendor)).status).toBe(403);

    const del = await call('DELETE', `/merchants/${masterId}`, t.admin);
    expect(del.body.deleted_merchant_ids).toEqual([masterId, ...[created.body.sub_merchants[0].merchant.id, added.body.sub_merchant.id].sort()]);
    const world = ctx.server.sandbox.world;
    const allWallets = [...created.body.merchant_wallets, ...created.body.sub_merchants[0].wallets, ...added.body.wallets];
    expect(allWallets.map((w: any) => wallets(world).get(w.id)!.is_active)).toEqual(allWallets.map(() => false));
    expect((await call('GET', `/merchants/${added.body.sub_merchant.id}`, t.admin)).status).toBe(404);
  });
});

describe('role rules', () => {
  test('admin-only routes refuse every other role with 403; B2B and multisig registration refuse non-merchants', async () => {
    const someone = fx.user('vendor').id;
    const escrow = fx.f.escrow_wallets[0].id;
    const adminOnly: [string, string, unknown?][] = [
      ['POST', '/merchants', merchantBody()],
      ['POST', '/merchants/with-sub-merchants', { merchant: merchantBody() }],
      ['GET', '/merchants'],
      ['DELETE', `/merchants/${someone}`],
      ['POST', '/escrow-wallets', { network: 'tron', purpose: 'testing', label: 'x' }],
      ['GET', '/escrow-wallets'],
      ['GET', `/escrow-wallets/${escrow}`],
      ['GET', '/escrow-wallets/network/tron'],
    ];
    for (const role of ['vendor', 'subvendor', 'treasury', 'officer', 'alice'] as const) {
      for (const [method, path, body] of adminOnly) {
        const r = await call(method, path, t[role], body);
        expect(r.status, `${role} ${method} ${path}`).toBe(403);
      }
    }
    for (const role of ['treasury', 'officer', 'alice'] as const) {
      expect((await call('POST', '/transfers/b2b', t[role], { to_vendor_id: someone, amount: '1', network: 'tron' })).status, role).toBe(403);
      expect((await call('POST', '/transfers/b2b/external', t[role], { to_address: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', asset: 'USDT', amount: '1', network: 'tron' })).status, role).toBe(403);
      expect((await call('GET', `/merchants/${someone}`, t[role])).status, role).toBe(403);
      expect((await call('PATCH', `/merchants/${someone}`, t[role], { first_name: 'X' })).status, role).toBe(403);
      expect((await call('POST', `/merchants/${someone}/sub-merchants`, t[role], merchantBody())).status, role).toBe(403);
    }
    for (const role of ['subvendor', 'treasury', 'officer', 'alice'] as const) {
      expect((await call('POST', '/multisig/wallets', t[role], { network: 'tron' })).status, role).toBe(403);
    }
    // A sub-merchant may not edit its master nor a sibling; the master edits both.
    const r = await call('POST', '/merchants/with-sub-merchants', t.admin, { merchant: merchantBody(), sub_merchants: [merchantBody(), merchantBody()] });
    const [a, b] = r.body.sub_merchants.map((s: any) => s.merchant);
    const aToken = await ctx.api.login(a.email, 'secret-pass');
    expect((await call('PATCH', `/merchants/${b.id}`, aToken, { first_name: 'X' })).status).toBe(403);
    expect((await call('PATCH', `/merchants/${r.body.merchant.id}`, aToken, { first_name: 'X' })).status).toBe(403);
    expect((await call('GET', `/merchants/${b.id}`, aToken)).status).toBe(403);
    expect((await call('PATCH', `/merchants/${a.id}`, aToken, { is_active: false })).status).toBe(403);
    expect((await call('PATCH', `/merchants/${a.id}`, aToken, { first_name: 'Me' })).status).toBe(200);
  });
});
