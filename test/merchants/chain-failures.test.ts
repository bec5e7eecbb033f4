// Simulated on-chain failures of external transfers over HTTP: GET /__sandbox/chain/transactions lists the platform's
// pending sends, POST .../{tx_hash}/fail fails one (the transfer `failed`, its locked amount back to the sender exactly
// once, nothing burned, no later confirmation), 404/409/400 of the control call, the failing addresses that make the
// chain reject a send on its own, and conservation: every asset's total on the books is unchanged by a failure.
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import Decimal from 'decimal.js';
import { useServer } from '../support/server.ts';
import { advance, balance, fixtures, held, logins } from './support.ts';
import { ledgerEntries, type CurrencyCode } from '../../src/domain/ledger.ts';
import { toChecksumAddress } from '../../src/kernel/addresses.ts';
import { FAILING_ADDRESSES } from '../../src/simulation/chain.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof logins>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
let ethPlatform: string; // a platform-managed Ethereum multisig of the vendor, registered and funded below
beforeAll(async () => {
  t = await logins(ctx.api);
  fx = await fixtures(ctx.api);
  ethPlatform = (await call('POST', '/multisig/wallets', t.vendor, { network: 'ethereum' })).body.wallet_id;
  await ctx.api.call('POST', '/__sandbox/faucet', { body: { wallet_id: ethPlatform, asset: 'USDC', amount: '1000' } });
});
// Access tokens live 900 s of the sandbox clock, and these tests jump it.
beforeEach(async () => { t = await logins(ctx.api); });

const call = (method: string, path: string, token: string, body?: unknown) => ctx.api.call(method, `/api/v1/auth${path}`, { token, body });
const chain = (query = '') => ctx.api.call('GET', `/__sandbox/chain/transactions${query}`);
const fail = (hash: string, body?: unknown) => ctx.api.call('POST', `/__sandbox/chain/transactions/${hash}/fail`, { body });
const EXT = { tron: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', ethereum: '0x7f5c764cbc14f9669b88837ca1490cca17c31607' } as const;
const CURRENCIES: CurrencyCode[] = ['ETH', 'TRX', 'SOL', 'USDT', 'USDC'];
const totals = () => Object.fromEntries(CURRENCIES.map((c) => [c, held(ctx.server, c)]));
const sendOf = async (hash: string) => (await chain()).body.find((s: any) => s.tx_hash === hash);

interface Case { route: 'p2p/external' | 'b2b/external'; network: 'tron' | 'ethereum'; token: () => string; wallet: () => string; asset: 'USDT' | 'USDC' }
const CASES: Case[] = [
  { route: 'p2p/external', network: 'tron', token: () => t.alice, wallet: () => fx.wallet('alice', 'tron').id, asset: 'USDT' },
  { route: 'p2p/external', network: 'ethereum', token: () => t.vendor, wallet: () => fx.wallet('vendor', 'ethereum').id, asset: 'USDT' },
  { route: 'b2b/external', network: 'tron', token: () => t.vendor, wallet: () => fx.merchantMultisig('vendor_tron_platform').wallet_id, asset: 'USDT' },
  { route: 'b2b/external', network: 'ethereum', token: () => t.vendor, wallet: () => ethPlatform, asset: 'USDC' },
];

describe('failing a pending external transfer', () => {
  test.each(CASES)('$route on $network: failed, the locked amount back exactly once, never completed later', async (c) => {
    const wallet = c.wallet();
    const before = balance(ctx.server, wallet, c.asset);
    const books = totals();
    const r = await call('POST', `/transfers/${c.route}`, c.token(), { to_address: EXT[c.network], asset: c.asset, amount: '12.34567891', network: c.network, from_wallet_id: wallet });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const transfer = r.body.transfer;
    expect(balance(ctx.server, wallet, c.asset).locked).toBe(new Decimal(before.locked).plus('12.34567891').toFixed(8));

    // On the chain's record while pending, with what it belongs to.
    expect(await sendOf(transfer.tx_hash)).toEqual({
      tx_hash: transfer.tx_hash, network: c.network, from_address: transfer.from_address, to_address: EXT[c.network], asset: c.asset,
      amount: '12.34567891', status: 'pending', reference_type: 'transfer', reference_id: transfer.id, failure_reason: null,
      broadcast_at: transfer.created_at, confirms_at: new Date(Date.parse(transfer.created_at) + 60_000).toISOString().replace('.000Z', 'Z'), settled_at: null,
    });
    await advance(ctx.api, 30);
    const f = await fail(transfer.tx_hash, { reason: 'out of energy' });
    expect(f.status, JSON.stringify(f.body)).toBe(200);
    expect(f.body).toMatchObject({ tx_hash: transfer.tx_hash, status: 'failed', failure_reason: 'out of energy', settled_at: expect.any(String) });

    // Released exactly: amount and locked as before the transfer; nothing left (or entered) the books.
    expect(balance(ctx.server, wallet, c.asset)).toEqual(before);
    expect(totals()).toEqual(books);
    const got = await call('GET', `/transfers/${transfer.id}`, c.token());
    expect(got.body).toMatchObject({ status: 'failed', tx_hash: transfer.tx_hash, completed_at: null });
    expect(got.body.updated_at).not.toBe(transfer.updated_at);
    expect((await call('GET', '/transfers?page_size=100', c.token())).body.find((x: any) => x.id === transfer.id).status).toBe('failed');

    // The confirmation that was due does not happen; a second failure is refused and releases nothing more.
    await advance(ctx.api, 120);
    expect((await call('GET', `/transfers/${transfer.id}`, c.token())).body.status).toBe('failed');
    const again = await fail(transfer.tx_hash);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ current_status: 'failed', error: expect.stringContaining('failed') });
    expect(balance(ctx.server, wallet, c.asset)).toEqual(before);
    expect(totals()).toEqual(books);
    // The journal shows the lock and its release, and no external_out.
    const entries = ledgerEntries(ctx.server.sandbox.world).filter((e) => e.reference.startsWith(`transfer:${transfer.id}`));
    expect(entries.map((e) => e.kind)).toEqual(['lock', 'unlock']);
    expect((await sendOf(transfer.tx_hash)).status).toBe('failed');
  });

  test('a send with no body fails with the default reason; an Ethereum hash in capitals is the same hash', async () => {
    const r = await call('POST', '/transfers/p2p/external', t.vendor, { to_address: EXT.ethereum, amount: '1', network: 'ethereum' });
    const hash: string = r.body.transfer.tx_hash;
    const f = await fail(`0x${hash.slice(2).toUpperCase()}`);
    expect(f.status, JSON.stringify(f.body)).toBe(200);
    expect(f.body).toMatchObject({ tx_hash: hash, status: 'failed', failure_reason: 'transaction failed on chain (simulated)' });
  });
});

describe('the control call refuses', () => {
  test('404 for an unknown hash, 409 naming the status for a confirmed send, 400 for a malformed hash or body', async () => {
    const unknown = await fail('ab'.repeat(32));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/no simulated on-chain send/);

    const r = await call('POST', '/transfers/p2p/external', t.vendor, { to_address: EXT.tron, amount: '3', network: 'tron' });
    const books = totals();
    await advance(ctx.api, 60);
    expect((await call('GET', `/transfers/${r.body.transfer.id}`, t.vendor)).body.status).toBe('completed');
    expect((await sendOf(r.body.transfer.tx_hash))).toMatchObject({ status: 'confirmed', failure_reason: null, settled_at: expect.any(String) });
    const late = await fail(r.body.transfer.tx_hash);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ current_status: 'confirmed', error: expect.stringContaining('confirmed') });
    expect((await call('GET', `/transfers/${r.body.transfer.id}`, t.vendor)).body.status).toBe('completed');
    expect(totals()).toEqual({ ...books, USDT: new Decimal(books.USDT).minus(3).toFixed(8) });

    const bad = await fail('not-a-hash');
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]).toMatchObject({ location: 'path', pointer: '/tx_hash' });
    const pending = await call('POST', '/transfers/p2p/external', t.vendor, { to_address: EXT.tron, amount: '4', network: 'tron' });
    const unknownField = await fail(pending.body.transfer.tx_hash, { reason: 'x', code: 7 });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.details[0]).toMatchObject({ location: 'body', pointer: '/code' });
    const empty = await fail(pending.body.transfer.tx_hash, { reason: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.details[0]).toMatchObject({ location: 'body', pointer: '/reason' });
    expect((await sendOf(pending.body.transfer.tx_hash)).status).toBe('pending'); // nothing half-done
    expect((await fail(pending.body.transfer.tx_hash, { reason: 'x' })).status).toBe(200);
  });

  test('the list filters by status; sends through multisig proposals and internal transfers are not on it', async () => {
    const internal = await call('POST', '/transfers/p2p', t.vendor, { to_user_id: fx.user('alice').id, amount: '1', network: 'tron' });
    expect(internal.body.transfer.tx_hash).toBeNull();
    // A B2B external send from the self-managed 2-of-2, executed by its two signers: it has a tx hash, but the
    // proposal broadcast it, not the platform's pending sends.
    const SIG = `0x${'ab'.repeat(65)}`;
    const proposed = await call('POST', '/transfers/b2b/external', t.vendor,
      { to_address: EXT.tron, asset: 'USDT', amount: '1', network: 'tron', from_wallet_id: fx.merchantMultisig('vendor_tron_2of2').wallet_id });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(202);
    expect((await call('POST', `/multisig/proposals/${proposed.body.proposal_id}/confirm`, t.vendor, { signature: SIG })).status).toBe(200);
    const executed = await call('POST', `/multisig/proposals/${proposed.body.proposal_id}/confirm`, t.subvendor, { signature: SIG });
    expect(executed.body.proposal.status).toBe('executed');
    const viaProposal = (await call('GET', `/transfers/${proposed.body.transfer.id}`, t.vendor)).body;
    expect(viaProposal).toMatchObject({ status: 'completed', tx_hash: executed.body.proposal.tx_hash });
    expect(viaProposal.tx_hash).toEqual(expect.any(String));
    const all = (await chain()).body;
    expect(all.every((s: any) => s.reference_type === 'transfer' || s.reference_type === 'order')).toBe(true);
    expect(all.some((s: any) => s.reference_id === internal.body.transfer.id)).toBe(false);
    expect(all.some((s: any) => s.tx_hash === viaProposal.tx_hash || s.reference_id === viaProposal.id)).toBe(false);
    const failed = (await chain('?status=failed')).body;
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((s: any) => s.status === 'failed')).toBe(true);
    expect((await chain('?status=lost')).status).toBe(400);
  });
});

describe('failing addresses: the chain rejects the send on its own', () => {
  test.each([
    { network: 'tron' as const, address: FAILING_ADDRESSES.tron },
    { network: 'ethereum' as const, address: toChecksumAddress(FAILING_ADDRESSES.ethereum) }, // any case of the address
  ])('P2P external to the $network failing address: pending for 60 s, then failed with the amount back', async ({ network, address }) => {
    const wallet = fx.wallet('vendor', network).id;
    const before = balance(ctx.server, wallet);
    const books = totals();
    const r = await call('POST', '/transfers/p2p/external', t.vendor, { to_address: address, amount: '25', network });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.transfer.status).toBe('pending');
    await advance(ctx.api, 59);
    expect((await call('GET', `/transfers/${r.body.transfer.id}`, t.vendor)).body.status).toBe('pending');
    await advance(ctx.api, 1);
    expect((await call('GET', `/transfers/${r.body.transfer.id}`, t.vendor)).body).toMatchObject({ status: 'failed', completed_at: null });
    expect(await sendOf(r.body.transfer.tx_hash)).toMatchObject({ status: 'failed', failure_reason: expect.stringMatching(/failing address/) });
    expect(balance(ctx.server, wallet)).toEqual(before);
    expect(totals()).toEqual(books);
  });

  test('B2B external to a failing address fails the same way', async () => {
    const wallet = fx.merchantMultisig('vendor_tron_platform').wallet_id;
    const before = balance(ctx.server, wallet);
    const r = await call('POST', '/transfers/b2b/external', t.vendor, { to_address: FAILING_ADDRESSES.tron, asset: 'USDT', amount: '40', network: 'tron', from_wallet_id: wallet });
    expect(r.status).toBe(200);
    await advance(ctx.api, 60);
    expect((await call('GET', `/transfers/${r.body.transfer.id}`, t.vendor)).body.status).toBe('failed');
    expect(balance(ctx.server, wallet)).toEqual(before);
  });
});

test('no response or scheduled job broke the contract', async () => {
  expect((await ctx.api.call('GET', '/__sandbox/problems')).body).toEqual([]);
  expect((await ctx.api.call('GET', '/__sandbox/violations')).body.requests.filter((r: any) => r.status >= 500)).toEqual([]);
});
