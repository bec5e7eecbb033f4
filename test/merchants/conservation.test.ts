// Balance conservation across every operation of the merchants area, for every asset (ETH, TRX, SOL, USDT, USDC).
// Each step states the money it lets in from outside (faucet) or out to outside addresses (confirmed external sends);
// after it the total held per asset must equal the total before plus that, to the last unit. The journal must agree
// with the balances (its new entries add up to the change), every internal debit must have its credit, and no balance
// row may hold less than it has locked.
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import Decimal from 'decimal.js';
import { useServer } from '../support/server.ts';
import { advance, fixtures, logins, merchantBody } from './support.ts';
import { balances, ledgerEntries, totalHeld, type CurrencyCode } from '../../src/domain/ledger.ts';
import { cancelProposal } from '../../src/domain/multisig.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof logins>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
beforeAll(async () => { fx = await fixtures(ctx.api); });
beforeEach(async () => { t = await logins(ctx.api); });

const CURRENCIES: CurrencyCode[] = ['ETH', 'TRX', 'SOL', 'USDT', 'USDC'];
const EXT = { tron: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', ethereum: '0x7f5c764cbc14f9669b88837ca1490cca17c31607' } as const;
const SIG = `0x${'12'.repeat(65)}`;
const call = (method: string, path: string, token: string, body?: unknown) => ctx.api.call(method, `/api/v1/auth${path}`, { token, body });
const world = () => ctx.server.sandbox.world;

function totals(): Record<CurrencyCode, string> {
  return Object.fromEntries(CURRENCIES.map((c) => [c, totalHeld(world(), c).toFixed(8)])) as Record<CurrencyCode, string>;
}

/**
 * Runs one operation and checks the books: totals move by exactly `outside` (money in from, or out to, outside the
 * sandbox), the journal explains every change, debits and credits pair up, and nothing is over-locked.
 */
async function step<T>(outside: Partial<Record<CurrencyCode, string>>, fn: () => Promise<T>): Promise<T> {
  const before = totals();
  const seen = new Set(ledgerEntries(world()).filter(() => true).map((e) => e.id));
  const out = await fn();
  const after = totals();
  const fresh = ledgerEntries(world()).filter((e) => !seen.has(e.id));
  for (const c of CURRENCIES) {
    expect(after[c], `${c} total`).toBe(new Decimal(before[c]).plus(outside[c] ?? 0).toFixed(8));
    const journal = fresh.filter((e) => e.currency === c).reduce((acc, e) => acc.plus(e.delta), new Decimal(0));
    expect(journal.toFixed(8), `${c} journal`).toBe(new Decimal(after[c]).minus(before[c]).toFixed(8));
  }
  const moves = new Map<string, Decimal>();
  for (const e of fresh.filter((x) => x.kind === 'debit' || x.kind === 'credit')) {
    const key = `${e.reference} ${e.currency}`;
    moves.set(key, (moves.get(key) ?? new Decimal(0)).plus(e.delta));
  }
  for (const [key, net] of moves) expect(net.toFixed(8), `debits and credits of ${key}`).toBe('0.00000000');
  const bad = balances(world()).filter((b) => new Decimal(b.locked_amount).isNegative() || new Decimal(b.amount).lt(b.locked_amount));
  expect(bad).toEqual([]);
  return out;
}

const ok = (status: number) => (r: { status: number; body: any }) => { expect(r.status, JSON.stringify(r.body)).toBe(status); return r.body; };

describe('balance conservation, operation by operation', () => {
  test('merchants, escrow, multisig registration and the faucet', async () => {
    const master = await step({}, async () => ok(201)(await call('POST', '/merchants', t.admin, merchantBody())));
    const tree = await step({}, async () => ok(201)(await call('POST', '/merchants/with-sub-merchants', t.admin,
      { merchant: merchantBody(), sub_merchants: [merchantBody(), merchantBody()] })));
    await step({}, async () => ok(201)(await call('POST', `/merchants/${master.merchant.id}/sub-merchants`, t.admin, merchantBody())));
    await step({}, async () => ok(200)(await call('PATCH', `/merchants/${master.merchant.id}`, t.admin, { first_name: 'Kept', is_active: false })));
    await step({}, async () => ok(201)(await call('POST', '/escrow-wallets', t.admin, { network: 'tron', purpose: 'order_escrow', label: 'c' })));
    await step({}, async () => ok(201)(await call('POST', '/multisig/wallets', t.vendor, { network: 'ethereum' })));
    await step({}, async () => ok(201)(await call('POST', '/wallets', t.alice, { network: 'solana' })));

    const subTron = tree.sub_merchants[0].wallets.find((w: any) => w.network === 'tron').id;
    await step({ USDT: '77.12345678' }, async () => ok(200)((await ctx.api.call('POST', '/__sandbox/faucet', { body: { wallet_id: subTron, asset: 'USDT', amount: '77.12345678' } }))));
    await step({ TRX: '15' }, async () => ok(200)((await ctx.api.call('POST', '/__sandbox/faucet', { body: { wallet_id: subTron, asset: 'TRX', amount: '15' } }))));
    // Deleting the master (and its subs) keeps every balance where it is.
    await step({}, async () => ok(200)(await call('DELETE', `/merchants/${tree.merchant.id}`, t.admin)));
  });

  test('P2P and B2B, internal and external, USDT and USDC, platform- and self-managed sources', async () => {
    const platform = await step({}, async () => ok(201)(await call('POST', '/multisig/wallets', t.vendor, { network: 'tron' })));
    const shared = await step({}, async () => ok(201)(await call('POST', '/multisig/wallets', t.vendor, { network: 'ethereum',
      multisig: { multisig_type: 'gnosis_safe', signer_addresses: [fx.wallet('vendor', 'ethereum').address, fx.wallet('subvendor', 'ethereum').address], threshold: 2 } })));
    for (const w of [platform.wallet_id, shared.wallet_id]) {
      await step({ USDC: '1000' }, async () => ok(200)(await ctx.api.call('POST', '/__sandbox/faucet', { body: { wallet_id: w, asset: 'USDC', amount: '1000' } })));
    }
    const sub = fx.user('subvendor').id;

    await step({}, async () => ok(200)(await call('POST', '/transfers/p2p', t.alice, { to_user_id: fx.user('bob').id, amount: '10.00000001', network: 'tron' })));
    await step({}, async () => ok(200)(await call('POST', '/transfers/b2b', t.vendor, { to_vendor_id: sub, asset: 'USDC', amount: '100.5', network: 'tron', from_wallet_id: platform.wallet_id })));
    // External sends: nothing leaves at broadcast; exactly the amounts leave when the chain confirms.
    await step({}, async () => ok(200)(await call('POST', '/transfers/p2p/external', t.vendor, { to_address: EXT.ethereum, amount: '0.5', network: 'ethereum' })));
    await step({}, async () => ok(200)(await call('POST', '/transfers/b2b/external', t.vendor, { to_address: EXT.tron, asset: 'USDC', amount: '200.25', network: 'tron', from_wallet_id: platform.wallet_id })));
    await step({ USDT: '-0.5', USDC: '-200.25' }, () => advance(ctx.api, 60));
    await step({}, () => advance(ctx.api, 3600));
    t = await logins(ctx.api); // the hour also expired the access tokens

    // Self-managed: creation reserves, the first signature moves nothing, the second moves the money once.
    const internal = await step({}, async () => ok(202)(await call('POST', '/transfers/b2b', t.vendor, { to_vendor_id: sub, asset: 'USDC', amount: '300', network: 'ethereum', from_wallet_id: shared.wallet_id })));
    const external = await step({}, async () => ok(202)(await call('POST', '/transfers/b2b/external', t.vendor, { to_address: EXT.ethereum, asset: 'USDC', amount: '50', network: 'ethereum', from_wallet_id: shared.wallet_id })));
    const cancelled = await step({}, async () => ok(202)(await call('POST', '/transfers/b2b', t.vendor, { to_vendor_id: sub, asset: 'USDC', amount: '25', network: 'ethereum', from_wallet_id: shared.wallet_id })));
    for (const p of [internal.proposal_id, external.proposal_id]) {
      await step({}, async () => ok(200)(await call('POST', `/multisig/proposals/${p}/confirm`, t.vendor, { signature: SIG })));
    }
    await step({}, async () => ok(200)(await call('POST', `/multisig/proposals/${internal.proposal_id}/confirm`, t.subvendor, { signature: SIG })));
    await step({ USDC: '-50' }, async () => ok(200)(await call('POST', `/multisig/proposals/${external.proposal_id}/confirm`, t.subvendor, { signature: SIG })));
    await step({}, async () => ok(409)(await call('POST', `/multisig/proposals/${external.proposal_id}/confirm`, t.subvendor, { signature: SIG })));
    await step({}, async () => { world().transaction(() => cancelProposal(world(), cancelled.proposal_id)); });

    // Refusals change nothing at all.
    await step({}, async () => ok(422)(await call('POST', '/transfers/p2p', t.bob, { to_user_id: fx.user('alice').id, amount: '1000000', network: 'tron' })));
    await step({}, async () => ok(422)(await call('POST', '/transfers/b2b', t.vendor, { to_vendor_id: sub, asset: 'USDC', amount: '1000000', network: 'ethereum', from_wallet_id: shared.wallet_id })));

    // Every reservation of this test was released: the multisig holds exactly what is left, nothing locked.
    const row = balances(world()).find((b) => b.wallet_id === shared.wallet_id && b.currency === 'USDC')!;
    expect(row).toMatchObject({ amount: '650.00000000', locked_amount: '0.00000000' });
  });
});
