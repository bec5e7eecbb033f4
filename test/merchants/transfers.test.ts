// Transfers over HTTP: the matrix (internal / external × P2P / B2B × TRON / Ethereum × platform- / self-managed
// sources), the checks that refuse a transfer with nothing moved, pricing snapshots, listing and access, and
// balance conservation: internal transfers never change the books' total; external ones remove exactly their amount.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { advance, balance, fixtures, held, logins, merchantBody } from './support.ts';
import { transfers } from '../../src/domain/merchants/transfers.ts';
import { balances, ledgerEntries } from '../../src/domain/ledger.ts';
import Decimal from 'decimal.js';

const ctx = useServer();
let t: Awaited<ReturnType<typeof logins>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
beforeAll(async () => { t = await logins(ctx.api); fx = await fixtures(ctx.api); });

const call = (method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) =>
  ctx.api.call(method, `/api/v1/auth${path}`, { token, body, headers });
const EXT = { tron: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', ethereum: '0x7f5c764cbc14f9669b88837ca1490cca17c31607' } as const;
const SIG = `0x${'cd'.repeat(65)}`;
const plus = (a: string, b: number) => (Number(a) + b).toFixed(8);

/** Runs fn and checks that the total USDT on the books changed by exactly `delta` and that nothing stays locked by it. */
async function conserving<T>(delta: number, fn: () => Promise<T>): Promise<T> {
  const before = held(ctx.server);
  const lockedBefore = lockedUsdt();
  const out = await fn();
  expect(held(ctx.server)).toBe(plus(before, delta));
  expect(lockedUsdt()).toBe(lockedBefore);
  return out;
}

/** Every USDT amount locked on the books (by pending sends and proposals). */
const lockedUsdt = () => balances(ctx.server.sandbox.world).filter((b) => b.currency === 'USDT')
  .reduce((sum, b) => sum.plus(b.locked_amount), new Decimal(0)).toFixed(8);

describe('internal transfers settle at once on the books', () => {
  test('P2P on TRON to a user id and to a platform address; on Ethereum by user id', async () => {
    const alice = fx.wallet('alice', 'tron').id;
    const bob = fx.wallet('bob', 'tron').id;
    const r = await conserving(0, () => call('POST', '/transfers/p2p', t.alice, { to_user_id: fx.user('bob').id, amount: '12.345', network: 'tron', memo: 'lunch' },
      { 'X-Request-ID': 'corr-1' }));
    expect(r.status).toBe(200);
    expect(r.headers.get('x-request-id')).toBe('corr-1');
    expect(r.body).toMatchObject({ message: 'P2P transfer completed successfully', correlation_id: 'corr-1', transfer: {
      transfer_type: 'P2P', is_external: false, status: 'completed', tx_hash: null, crypto_amount: '12.34500000', asset: 'USDT', memo: 'lunch',
      from_wallet_id: alice, to_wallet_id: bob, to_user_id: fx.user('bob').id, to_address: fx.wallet('bob', 'tron').address,
      completed_at: '2026-11-22T09:00:00Z' } });
    expect(balance(ctx.server, alice).amount).toBe('237.65500000');
    expect(balance(ctx.server, bob).amount).toBe('12.34500000');

    const back = await conserving(0, () => call('POST', '/transfers/p2p', t.bob, { to_address: fx.wallet('alice', 'tron').address, amount: '2.345', network: 'tron' }));
    expect(back.status).toBe(200);
    expect(back.body.correlation_id).toMatch(/^req-[0-9a-f]{20}$/);
    expect(balance(ctx.server, bob).amount).toBe('10.00000000');

    const eth = await conserving(0, () => call('POST', '/transfers/p2p', t.vendor, { to_user_id: fx.user('alice').id, amount: '20', network: 'ethereum' }));
    expect(eth.status).toBe(200);
    expect(balance(ctx.server, fx.wallet('alice', 'ethereum').id).amount).toBe('20.00000000');
    expect(balance(ctx.server, fx.wallet('vendor', 'ethereum').id).amount).toBe('19980.00000000');
  });

  test('B2B from a platform-managed multisig on TRON and on Ethereum; an admin may send from a merchant\'s multisig', async () => {
    const ms = fx.merchantMultisig('vendor_tron_platform');
    const sub = fx.wallet('subvendor', 'tron').id;
    const sub0 = balance(ctx.server, sub).amount;
    const r = await conserving(0, () => call('POST', '/transfers/b2b', t.vendor, { to_vendor_id: fx.user('subvendor').id, amount: '1500', network: 'tron', from_wallet_id: ms.wallet_id }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ message: 'B2B transfer completed successfully', transfer: { transfer_type: 'B2B', status: 'completed', tx_hash: null, from_wallet_id: ms.wallet_id, to_wallet_id: sub } });
    expect(balance(ctx.server, ms.wallet_id).amount).toBe('8500.00000000');
    expect(balance(ctx.server, sub).amount).toBe(plus(sub0, 1500));

    // Ethereum: a new master merchant receives from a freshly registered, faucet-funded platform multisig of the vendor.
    const target = (await call('POST', '/merchants', t.admin, merchantBody())).body;
    const eth = (await call('POST', '/multisig/wallets', t.vendor, { network: 'ethereum' })).body;
    await ctx.api.call('POST', '/__sandbox/faucet', { body: { wallet_id: eth.wallet_id, asset: 'USDT', amount: '100' } });
    const byAdmin = await conserving(0, () => call('POST', '/transfers/b2b', t.admin, { to_vendor_id: target.merchant.id, amount: '40', network: 'ethereum', from_wallet_id: eth.wallet_id }));
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.transfer).toMatchObject({ from_user_id: fx.user('vendor').id, to_user_id: target.merchant.id, status: 'completed' });
    expect(balance(ctx.server, target.wallets[0].id).amount).toBe('40.00000000');
    expect(balance(ctx.server, eth.wallet_id).amount).toBe('60.00000000');
  });
});

describe('external transfers: pending with a tx hash, completed 60 s later on the sandbox clock', () => {
  test('P2P external on both networks', async () => {
    const tron = fx.wallet('vendor', 'tron').id;
    const tron0 = balance(ctx.server, tron);
    const before = held(ctx.server);
    const r = await call('POST', '/transfers/p2p/external', t.vendor, { to_address: EXT.tron, amount: '100', network: 'tron' });
    expect(r.status).toBe(200);
    expect(r.body.message).toBe('P2P external transfer submitted; waiting for blockchain confirmation');
    expect(r.body.transfer).toMatchObject({ is_external: true, status: 'pending', to_user_id: null, to_wallet_id: null, to_address_resolved: EXT.tron, completed_at: null });
    expect(r.body.transfer.tx_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(balance(ctx.server, tron)).toEqual({ amount: tron0.amount, locked: plus(tron0.locked, 100) });
    const e = await call('POST', '/transfers/p2p/external', t.vendor, { to_address: EXT.ethereum, amount: '0.00000001', network: 'ethereum' });
    expect(e.body.transfer.tx_hash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(held(ctx.server)).toBe(before); // nothing left the books yet

    await advance(ctx.api, 59);
    expect((await call('GET', `/transfers/${r.body.transfer.id}`, t.vendor)).body.status).toBe('pending');
    await advance(ctx.api, 1);
    const done = await call('GET', `/transfers/${r.body.transfer.id}`, t.vendor);
    expect(done.body).toMatchObject({ status: 'completed', tx_hash: r.body.transfer.tx_hash });
    expect(done.body.completed_at).not.toBeNull();
    expect(balance(ctx.server, tron)).toEqual({ amount: plus(tron0.amount, -100), locked: tron0.locked });
    expect((await call('GET', `/transfers/${e.body.transfer.id}`, t.vendor)).body.status).toBe('completed');
    expect(held(ctx.server)).toBe(plus(before, -100.00000001));
  });

  test('B2B external from a platform-managed multisig (200) and from a self-managed one (202, burned when executed)', async () => {
    const platform = fx.merchantMultisig('vendor_tron_platform').wallet_id;
    const before = held(ctx.server);
    const r = await call('POST', '/transfers/b2b/external', t.vendor, { to_address: EXT.tron, asset: 'USDT', amount: '500', network: 'tron', from_wallet_id: platform });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ message: 'B2B external transfer submitted; waiting for blockchain confirmation', transfer: { status: 'pending', is_external: true } });

    const shared = fx.merchantMultisig('vendor_tron_2of2').wallet_id;
    const p = await call('POST', '/transfers/b2b/external', t.subvendor, { to_address: EXT.tron, asset: 'USDT', amount: '250', network: 'tron', from_wallet_id: shared });
    expect(p.status).toBe(403); // the sub-merchant signs for it but does not own it
    const q = await call('POST', '/transfers/b2b/external', t.vendor, { to_address: EXT.tron, asset: 'USDT', amount: '250', network: 'tron', from_wallet_id: shared });
    expect(q.status).toBe(202);
    expect(q.body).toMatchObject({ multisig_required: true, required_signatures: 2, current_signatures: 0, transfer: { status: 'pending', proposal_id: q.body.proposal_id, tx_hash: null } });
    await advance(ctx.api, 60);
    expect((await call('GET', `/transfers/${r.body.transfer.id}`, t.vendor)).body.status).toBe('completed');
    expect((await call('GET', `/transfers/${q.body.transfer.id}`, t.vendor)).body.status).toBe('pending'); // waits for signatures, not the clock
    expect(held(ctx.server)).toBe(plus(before, -500));

    await call('POST', `/multisig/proposals/${q.body.proposal_id}/confirm`, t.vendor, { signature: SIG });
    const exec = await call('POST', `/multisig/proposals/${q.body.proposal_id}/confirm`, t.subvendor, { signature: SIG });
    expect(exec.body.proposal.status).toBe('executed');
    const done = await call('GET', `/transfers/${q.body.transfer.id}`, t.subvendor);
    expect(done.status).toBe(403); // the sub-merchant is neither sender nor recipient of an external transfer
    expect((await call('GET', `/transfers/${q.body.transfer.id}`, t.vendor)).body).toMatchObject({ status: 'completed', tx_hash: exec.body.proposal.tx_hash });
    expect(held(ctx.server)).toBe(plus(before, -750));
    expect(balance(ctx.server, shared).locked).toBe('0.00000000');
  });
});

describe('refusals move nothing', () => {
  test('insufficient balance, wrong sources, wrong destinations and bad input', async () => {
    const world = ctx.server.sandbox.world;
    const count = transfers(world).size;
    const entries = ledgerEntries(world).size;
    const usdt = held(ctx.server);
    const p2p = (token: string, body: Record<string, unknown>) => call('POST', '/transfers/p2p', token, { amount: '1', network: 'tron', ...body });
    const bob = fx.user('bob').id;

    const poor = await p2p(t.bob, { to_user_id: fx.user('alice').id, amount: '1000' });
    expect(poor.status).toBe(422);
    expect(poor.body.error).toMatch(/insufficient balance/);
    expect((await call('POST', '/transfers/p2p/external', t.alice, { to_address: EXT.tron, amount: '100000', network: 'tron' })).status).toBe(422);
    expect((await p2p(t.alice, { to_user_id: bob, to_address: fx.wallet('bob', 'tron').address })).status).toBe(400);
    expect((await p2p(t.alice, {})).status).toBe(400);
    expect((await p2p(t.alice, { to_user_id: bob, amount: '1.123456789' })).status).toBe(400);
    expect((await p2p(t.alice, { to_user_id: bob, amount: '0' })).status).toBe(400);
    expect((await p2p(t.alice, { to_address: fx.wallet('bob', 'ethereum').address })).status).toBe(400); // 0x on tron
    expect((await call('POST', '/transfers/p2p/external', t.alice, { to_address: EXT.ethereum, amount: '1', network: 'tron' })).status).toBe(400);
    expect((await p2p(t.alice, { to_address: EXT.tron })).status).toBe(422); // not a platform wallet: use /external
    expect((await call('POST', '/transfers/p2p/external', t.alice, { to_address: fx.wallet('bob', 'tron').address, amount: '1', network: 'tron' })).status).toBe(422);
    expect((await p2p(t.alice, { to_address: fx.wallet('alice', 'tron').address })).status).toBe(422); // to itself
    expect((await p2p(t.alice, { to_user_id: bob, from_wallet_id: fx.wallet('vendor', 'tron').id })).status).toBe(403);
    expect((await p2p(t.vendor, { to_user_id: bob, from_wallet_id: fx.merchantMultisig('vendor_tron_platform').wallet_id })).status).toBe(422);
    expect((await p2p(t.alice, { to_user_id: '1f1f1f1f-1f1f-4f1f-8f1f-1f1f1f1f1f1f' })).status).toBe(404);
    expect((await p2p(t.alice, { to_user_id: bob, pricing_profile_id: fx.lane('p2p_transfer_usdt_kes').profile })).status).toBe(400);

    const b2b = (token: string, body: Record<string, unknown>) => call('POST', '/transfers/b2b', token, { amount: '1', network: 'tron', to_vendor_id: fx.user('subvendor').id, ...body });
    expect((await b2b(t.vendor, {})).status).toBe(422); // the vendor's default TRON wallet is a hot wallet
    expect((await b2b(t.alice, { from_wallet_id: fx.merchantMultisig('vendor_tron_platform').wallet_id })).status).toBe(403); // x-roles
    expect((await b2b(t.subvendor, { from_wallet_id: fx.merchantMultisig('vendor_tron_platform').wallet_id })).status).toBe(403);
    expect((await b2b(t.vendor, { from_wallet_id: fx.merchantMultisig('vendor_tron_platform').wallet_id, to_vendor_id: fx.user('alice').id })).status).toBe(422);
    expect((await b2b(t.vendor, { from_wallet_id: fx.merchantMultisig('vendor_tron_platform').wallet_id, network: 'ethereum' })).status).toBe(422);
    expect((await b2b(t.vendor, { from_wallet_id: fx.merchantMultisig('vendor_tron_2of2').wallet_id, amount: '999999' })).status).toBe(422);
    expect((await call('POST', '/transfers/b2b/external', t.vendor, { to_address: EXT.tron, amount: '1', network: 'tron',
      from_wallet_id: fx.merchantMultisig('vendor_tron_platform').wallet_id })).status).toBe(400); // asset is required here

    const gone = (await call('POST', '/merchants', t.admin, merchantBody())).body.merchant.id;
    await call('DELETE', `/merchants/${gone}`, t.admin);
    expect((await b2b(t.vendor, { from_wallet_id: fx.merchantMultisig('vendor_tron_platform').wallet_id, to_vendor_id: gone })).status).toBe(404);

    expect(transfers(world).size).toBe(count);
    expect(held(ctx.server)).toBe(usdt);
    expect(ledgerEntries(world).size).toBe(entries); // not even a lock was left behind
  });
});

describe('pricing snapshots, lists and access', () => {
  test('a priced P2P transfer keeps its snapshot; a lane of the wrong flow is a 400; unpriced transfers have none', async () => {
    const lane = fx.lane('p2p_transfer_usdt_kes');
    const r = await call('POST', '/transfers/p2p', t.alice, { to_user_id: fx.user('bob').id, amount: '10', network: 'tron',
      pricing_profile_id: lane.profile, fx_rate_quote_id: lane.quote, fiat_currency: 'KES', fiat_amount_equivalent: '1300' });
    expect(r.status).toBe(200);
    const snap = await call('GET', `/transfers/${r.body.transfer.id}/pricing`, t.bob);
    expect(snap.status).toBe(200);
    expect(snap.body).toMatchObject({ transfer_id: r.body.transfer.id, pricing_profile_id: lane.profile, fx_rate_quote_id: lane.quote, flow_type: 'p2p',
      network: 'tron', asset: 'USDT', fiat_currency: 'KES', fiat_amount_equivalent: '1300.00', crypto_amount: '10.00000000', spread_bps: 0,
      amounts: { gross_crypto_amount: '10.00000000' } });
    expect(snap.body.otc_type).toBeUndefined();

    const b2bLane = fx.lane('b2b_transfer_usdt_kes');
    const wrong = await call('POST', '/transfers/p2p', t.alice, { to_user_id: fx.user('bob').id, amount: '10', network: 'tron',
      pricing_profile_id: b2bLane.profile, fx_rate_quote_id: b2bLane.quote, fiat_currency: 'KES', fiat_amount_equivalent: '1300' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].pointer).toBe('/pricing_profile_id');
    const b2b = await call('POST', '/transfers/b2b', t.vendor, { to_vendor_id: fx.user('subvendor').id, amount: '10', network: 'tron',
      from_wallet_id: fx.merchantMultisig('vendor_tron_platform').wallet_id, pricing_profile_id: b2bLane.profile, fx_rate_quote_id: b2bLane.quote,
      fiat_currency: 'KES', fiat_amount_equivalent: '1300' });
    expect(b2b.status).toBe(200);
    expect((await call('GET', `/transfers/${b2b.body.transfer.id}/pricing`, t.subvendor)).body.flow_type).toBe('b2b');

    const plain = await call('POST', '/transfers/p2p', t.alice, { to_user_id: fx.user('bob').id, amount: '1', network: 'tron' });
    expect((await call('GET', `/transfers/${plain.body.transfer.id}/pricing`, t.alice)).status).toBe(404);
    expect((await call('GET', `/transfers/${r.body.transfer.id}/pricing`, t.vendor)).status).toBe(403);
  });

  test('lists: own transfers (sent or received) newest first; admins see all; strangers cannot read one', async () => {
    await advance(ctx.api, 5);
    const latest = await call('POST', '/transfers/p2p', t.bob, { to_user_id: fx.user('alice').id, amount: '1', network: 'tron' });
    const mine = (await call('GET', '/transfers?page_size=100', t.alice)).body;
    expect(mine[0].id).toBe(latest.body.transfer.id);
    expect(mine.every((x: any) => x.from_user_id === fx.user('alice').id || x.to_user_id === fx.user('alice').id)).toBe(true);
    const all = (await call('GET', '/transfers?page_size=100', t.admin)).body;
    expect(all.length).toBeGreaterThan(mine.length);
    expect((await call('GET', '/transfers?page_size=1&page_id=2', t.alice)).body.map((x: any) => x.id)).toEqual([mine[1].id]);
    expect((await call('GET', `/transfers/${latest.body.transfer.id}`, t.vendor)).status).toBe(403);
    expect((await call('GET', `/transfers/${latest.body.transfer.id}`, t.admin)).status).toBe(200);
    expect((await call('GET', '/transfers/2d2d2d2d-2d2d-4d2d-8d2d-2d2d2d2d2d2d', t.admin)).status).toBe(404);
  });
});

describe('Ethereum addresses are case-insensitive', () => {
  test('a platform address in lower case is still the platform wallet: internal by address, refused as external', async () => {
    const bob = fx.wallet('bob', 'ethereum');
    const lower = bob.address.toLowerCase();
    expect(lower).not.toBe(bob.address); // the fixture address carries an EIP-55 checksum
    const before = held(ctx.server);
    const bob0 = balance(ctx.server, bob.id).amount;
    // Before the fix this left the books as an "external" send although the chain would deliver it to Bob.
    const ext = await call('POST', '/transfers/p2p/external', t.vendor, { to_address: lower, amount: '3', network: 'ethereum' });
    expect(ext.status).toBe(422);
    expect(ext.body.error).toMatch(/is a platform wallet/);
    const internal = await call('POST', '/transfers/p2p', t.vendor, { to_address: lower, amount: '3', network: 'ethereum' });
    expect(internal.status).toBe(200);
    expect(internal.body.transfer).toMatchObject({ is_external: false, status: 'completed', to_wallet_id: bob.id, to_user_id: fx.user('bob').id, to_address: bob.address });
    expect(balance(ctx.server, bob.id).amount).toBe(plus(bob0, 3));
    expect(held(ctx.server)).toBe(before);
  });
});
