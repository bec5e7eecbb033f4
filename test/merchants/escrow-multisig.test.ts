// Escrow wallets and multisig over HTTP: escrow creation and balances, multisig registration rules, and proposals:
// threshold, duplicate and foreign signatures, execution exactly once, and the Ethereum Safe sender rule.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { balance, fixtures, held, logins } from './support.ts';
import { cancelProposal, createProposal } from '../../src/domain/multisig.ts';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

const ctx = useServer();
let t: Awaited<ReturnType<typeof logins>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
beforeAll(async () => { t = await logins(ctx.api); fx = await fixtures(ctx.api); });

const call = (method: string, path: string, token: string, body?: unknown) => ctx.api.call(method, `/api/v1/auth${path}`, { token, body });
const SIG = `0x${'ab'.repeat(65)}`;

describe('escrow wallets', () => {
  test('an admin creates a BitGo escrow wallet; name stands in for an empty label; only admins', async () => {
    const r = await call('POST', '/escrow-wallets', t.admin, { network: 'ethereum', purpose: 'order_escrow', label: '', name: 'Orders ETH' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      network: 'ethereum', purpose: 'order_escrow', status: 'active', label: 'Orders ETH', custody_provider: 'bitgo', is_provider_managed: true,
      total_balance: '0.00000000', available_balance: '0.00000000', reserved_balance: '0.00000000',
      last_reconciled_at: { Time: '0001-01-01T00:00:00Z', Valid: false },
    });
    expect(r.body.address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(r.body.provider_wallet_id).toMatch(/^bitgo-/);
    expect((await call('POST', '/escrow-wallets', t.admin, { network: 'tron', purpose: 'testing' })).status).toBe(400);
    expect((await call('POST', '/escrow-wallets', t.admin, { network: 'tron', purpose: 'savings', label: 'x' })).status).toBe(400);
    expect((await call('POST', '/escrow-wallets', t.vendor, { network: 'tron', purpose: 'testing', label: 'x' })).status).toBe(403);
  });

  test('self custody, chosen by the sandbox setting that stands for the server configuration; reset restores BitGo', async () => {
    expect((await ctx.api.call('GET', '/__sandbox/settings')).body).toEqual({ escrow_custody_provider: 'bitgo', latency: null });
    const bad = await ctx.api.call('PATCH', '/__sandbox/settings', { body: { escrow_custody_provider: 'vault' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].pointer).toBe('/escrow_custody_provider');
    const set = await ctx.api.call('PATCH', '/__sandbox/settings', { body: { escrow_custody_provider: 'self' } });
    expect(set.body).toEqual({ escrow_custody_provider: 'self', latency: null });
    const r = await call('POST', '/escrow-wallets', t.admin, { network: 'tron', purpose: 'platform_reserve', label: 'Cold reserve' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ custody_provider: 'self', is_provider_managed: false, provider_wallet_id: '', provider_address_id: '' });
    expect((await call('GET', `/escrow-wallets/${r.body.id}`, t.admin)).body.custody_provider).toBe('self');
    await ctx.api.call('PATCH', '/__sandbox/settings', { body: { escrow_custody_provider: 'bitgo' } });
    expect((await call('POST', '/escrow-wallets', t.admin, { network: 'tron', purpose: 'testing', label: 'x' })).body.custody_provider).toBe('bitgo');
    // Reset restores BitGo even when the setting is left at self; the reset world needs fresh logins.
    await ctx.api.call('PATCH', '/__sandbox/settings', { body: { escrow_custody_provider: 'self' } });
    expect((await ctx.api.call('POST', '/__sandbox/reset')).status).toBe(200);
    expect((await ctx.api.call('GET', '/__sandbox/settings')).body).toEqual({ escrow_custody_provider: 'bitgo', latency: null });
    t = await logins(ctx.api);
    fx = await fixtures(ctx.api);
    expect((await call('POST', '/escrow-wallets', t.admin, { network: 'tron', purpose: 'testing', label: 'y' })).body.custody_provider).toBe('bitgo');
  });

  test('balances follow the ledger; get, list and list by network', async () => {
    const r = await call('POST', '/escrow-wallets', t.admin, { network: 'tron', purpose: 'remittance_escrow', label: 'Remit 2', status: 'suspended' });
    const faucet = await ctx.api.call('POST', '/__sandbox/faucet', { body: { address: r.body.address, asset: 'USDT', amount: '125.5' } });
    expect(faucet.status).toBe(200);
    const got = await call('GET', `/escrow-wallets/${r.body.id}`, t.admin);
    expect(got.body).toMatchObject({ status: 'suspended', total_balance: '125.50000000', available_balance: '125.50000000', reserved_balance: '0.00000000' });
    expect(got.body.last_reconciled_at.Valid).toBe(true);
    expect((await call('GET', '/escrow-wallets/9e9e9e9e-9e9e-4e9e-8e9e-9e9e9e9e9e9e', t.admin)).status).toBe(404);

    const all = (await call('GET', '/escrow-wallets?page_size=100', t.admin)).body;
    expect(all.map((e: any) => e.id)).toEqual(expect.arrayContaining([r.body.id, ...fx.f.escrow_wallets.map((e: any) => e.id)]));
    const reserve = all.find((e: any) => e.purpose === 'platform_reserve');
    expect(reserve).toMatchObject({ custody_provider: 'self', is_provider_managed: false, provider_wallet_id: '', total_balance: '2500.00000000' });
    const tron = (await call('GET', '/escrow-wallets/network/tron?page_size=100', t.admin)).body;
    expect(tron.length).toBeGreaterThan(0);
    expect(tron.every((e: any) => e.network === 'tron')).toBe(true);
    expect((await call('GET', '/escrow-wallets/network/solana', t.admin)).status).toBe(400);
  });
});

describe('registering multisig wallets', () => {
  test('without a spec: a platform-managed BitGo 2-of-3 with a new multisig wallet row', async () => {
    const r = await call('POST', '/multisig/wallets', t.vendor, { network: 'ethereum', name: 'Ops ETH' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ owner_user_id: fx.user('vendor').id, network: 'ethereum', multisig_type: 'bitgo', management: 'platform_managed',
      signer_user_ids: [], threshold: 2, is_default: false, is_active: true, name: 'Ops ETH', permission_id: null });
    expect(r.body.signer_addresses).toHaveLength(3);
    const tree = await call('GET', `/merchants/${fx.user('vendor').id}`, t.vendor);
    expect(tree.body.merchant_wallets).toContainEqual(expect.objectContaining({ id: r.body.wallet_id, wallet_type: 'multisig', address: r.body.address }));
  });

  test('with a spec: signers are the users whose wallets hold the addresses; the checks on it', async () => {
    const signers = [fx.wallet('vendor', 'ethereum').address, fx.wallet('subvendor', 'ethereum').address];
    const spec = { multisig_type: 'gnosis_safe', signer_addresses: signers, threshold: 2 };
    const r = await call('POST', '/multisig/wallets', t.admin, { network: 'ethereum', owner_user_id: fx.user('subvendor').id, is_default: true, multisig: spec });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ management: 'self_managed', multisig_type: 'gnosis_safe', signer_user_ids: [fx.user('vendor').id, fx.user('subvendor').id],
      is_default: true, owner_user_id: fx.user('subvendor').id });
    const node = await call('GET', `/merchants/${fx.user('subvendor').id}`, t.subvendor);
    expect(node.body.merchant_wallets.filter((w: any) => w.network === 'ethereum' && w.is_default).map((w: any) => w.id)).toEqual([r.body.wallet_id]);

    const post = (token: string, body: unknown) => call('POST', '/multisig/wallets', token, body);
    expect((await post(t.vendor, { network: 'ethereum', multisig: { ...spec, threshold: 3 } })).status).toBe(422);
    expect((await post(t.vendor, { network: 'ethereum', multisig: { ...spec, signer_addresses: [signers[0], '0x000000000000000000000000000000000000dEaD'] } })).status).toBe(422);
    expect((await post(t.vendor, { network: 'ethereum', multisig: { ...spec, signer_addresses: [fx.wallet('vendor', 'tron').address] } })).status).toBe(400);
    expect((await post(t.vendor, { network: 'tron', multisig: spec })).status).toBe(400);
    expect((await post(t.vendor, { network: 'ethereum', multisig: { ...spec, safe_address: signers[0] } })).status).toBe(409);
    expect((await post(t.vendor, { network: 'ethereum', owner_user_id: fx.user('subvendor').id })).status).toBe(403);
    expect((await post(t.admin, { network: 'ethereum', owner_user_id: fx.user('alice').id })).status).toBe(422);
    expect((await post(t.admin, { network: 'ethereum', owner_user_id: '5a5a5a5a-5a5a-4a5a-8a5a-5a5a5a5a5a5a' })).status).toBe(404);
    expect((await post(t.alice, { network: 'ethereum' })).status).toBe(403);
  });

  test('the treasury registers a self-custody Safe through POST /wallets/for-owner', async () => {
    const spec = { multisig_type: 'gnosis_safe', signer_addresses: [fx.wallet('admin', 'ethereum').address, fx.wallet('officer', 'ethereum').address], threshold: 1 };
    const r = await call('POST', '/wallets/for-owner', t.treasury, { owner_type: 'treasury', network: 'ethereum', treasury_user_id: fx.user('treasury').id, multisig: spec });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ custody_kind: 'multisig', multisig_type: 'gnosis_safe', wallet: { wallet_type: 'multisig', is_default: false } });
    const bad = await call('POST', '/wallets/for-owner', t.treasury, { owner_type: 'treasury', network: 'ethereum', treasury_user_id: fx.user('treasury').id,
      multisig: { ...spec, threshold: 3 } });
    expect(bad.status).toBe(422);
  });
});

describe('multisig proposals', () => {
  test('threshold 2: one signature keeps it pending, a duplicate and a foreign signature are refused, the second executes once', async () => {
    const ms = fx.merchantMultisig('vendor_tron_2of2');
    const dest = fx.wallet('subvendor', 'tron').id;
    const usdt = held(ctx.server);
    const src0 = balance(ctx.server, ms.wallet_id);
    const dst0 = balance(ctx.server, dest);
    const created = await call('POST', '/transfers/b2b', t.vendor, { to_vendor_id: fx.user('subvendor').id, amount: '300', network: 'tron', from_wallet_id: ms.wallet_id });
    expect(created.status).toBe(202);
    const id = created.body.proposal_id;
    expect(balance(ctx.server, ms.wallet_id).locked).toBe((Number(src0.locked) + 300).toFixed(8));
    // TRON: the unsigned transaction the signers sign; its txID is sha256(raw_data) as on the real chain.
    const fresh = (await call('GET', `/multisig/proposals/${id}`, t.vendor)).body;
    expect(fresh).toMatchObject({ status: 'pending', threshold: 2, current_signatures: 0, signatures: [], network: 'tron', reference_type: 'transfer',
      reference_id: created.body.transfer.id, amount: '300.00000000', ethereum_first_confirm_requires_sender: false, ethereum_sender: null });
    expect(fresh.tron_unsigned_tx.rawDataHex).toMatch(/^0a02([0-9a-f]{2})+$/);
    expect(fresh.tron_unsigned_tx.txID).toBe(bytesToHex(sha256(hexToBytes(fresh.tron_unsigned_tx.rawDataHex))));

    const bothKinds = await call('POST', `/multisig/proposals/${id}/confirm`, t.vendor, { signature: SIG, signer_private_key: 'a'.repeat(64) });
    expect(bothKinds.status).toBe(400);
    expect((await call('POST', `/multisig/proposals/${id}/confirm`, t.vendor, {})).status).toBe(400);

    const first = await call('POST', `/multisig/proposals/${id}/confirm`, t.vendor, { signature: SIG });
    expect(first.status).toBe(200);
    expect(first.body.message).toBe('Signature recorded (1 of 2)');
    expect(first.body.proposal).toMatchObject({ status: 'pending', current_signatures: 1, tx_hash: null,
      signatures: [{ signer_user_id: fx.user('vendor').id, signer_address: fx.wallet('vendor', 'tron').address, signature: SIG }] });
    expect(balance(ctx.server, dest)).toEqual(dst0);

    const dup = await call('POST', `/multisig/proposals/${id}/confirm`, t.vendor, { signature: SIG });
    expect(dup.status).toBe(409);
    expect((await call('POST', `/multisig/proposals/${id}/confirm`, t.alice, { signature: SIG })).status).toBe(403);
    expect((await call('POST', `/multisig/proposals/${id}/confirm`, t.admin, { signature: SIG })).status).toBe(403);
    expect((await call('GET', `/multisig/proposals/${id}`, t.alice)).status).toBe(403);
    expect((await call('GET', `/multisig/proposals/${id}`, t.admin)).body.current_signatures).toBe(1);

    const second = await call('POST', `/multisig/proposals/${id}/confirm`, t.subvendor, { signer_private_key: 'c'.repeat(64) });
    expect(second.status).toBe(200);
    expect(second.body.message).toBe('Threshold reached (2 of 2); transaction broadcast and proposal executed');
    expect(second.body.proposal).toMatchObject({ status: 'executed', current_signatures: 2, executed_at: '2026-11-22T09:00:00Z' });
    expect(second.body.proposal.tx_hash).toBe(fresh.tron_unsigned_tx.txID); // the broadcast transaction is the one signed
    expect(second.body.proposal.signatures[1].signature).toMatch(/^[0-9a-f]{130}$/);
    expect(balance(ctx.server, ms.wallet_id)).toEqual({ amount: (Number(src0.amount) - 300).toFixed(8), locked: src0.locked });
    expect(balance(ctx.server, dest).amount).toBe((Number(dst0.amount) + 300).toFixed(8));
    expect(held(ctx.server)).toBe(usdt);

    const again = await call('POST', `/multisig/proposals/${id}/confirm`, t.subvendor, { signature: SIG });
    expect(again.status).toBe(409);
    expect(again.body.current_status).toBe('executed');
    const transfer = await call('GET', `/transfers/${created.body.transfer.id}`, t.subvendor);
    expect(transfer.body).toMatchObject({ status: 'completed', tx_hash: second.body.proposal.tx_hash, proposal_id: id, completed_at: '2026-11-22T09:00:00Z' });
    expect((await call('GET', '/multisig/proposals/4b4b4b4b-4b4b-4b4b-8b4b-4b4b4b4b4b4b', t.admin)).status).toBe(404);
  });

  test('an OTC-credit proposal on the treasury Safe needs ethereum_sender (a Safe owner) on its first confirmation', async () => {
    const world = ctx.server.sandbox.world;
    const safe = fx.f.multisig_wallets.find((m: any) => m.network === 'ethereum');
    const p = world.transaction(() => createProposal(world, { multisigWalletId: safe.id, asset: 'USDT', amount: '10', toAddress: fx.wallet('vendor', 'ethereum').address,
      toWalletId: fx.wallet('vendor', 'ethereum').id, referenceType: 'otc_credit', referenceId: '3c3c3c3c-3c3c-4c3c-8c3c-3c3c3c3c3c3c', createdBy: fx.user('treasury').id,
      requireSubmittingOwner: true })); // as the OTC desk's credit asks for it
    expect((await call('GET', `/multisig/proposals/${p.id}`, t.treasury)).body).toMatchObject({ ethereum_first_confirm_requires_sender: true, tron_unsigned_tx: null });
    expect((await call('POST', `/multisig/proposals/${p.id}/confirm`, t.treasury, { signature: SIG })).status).toBe(422);
    const stranger = await call('POST', `/multisig/proposals/${p.id}/confirm`, t.treasury, { signature: SIG, ethereum_sender: fx.wallet('alice', 'ethereum').address });
    expect(stranger.status).toBe(422);
    const owner = safe.signer_addresses[1].toLowerCase();
    const ok = await call('POST', `/multisig/proposals/${p.id}/confirm`, t.treasury, { signature: SIG, ethereum_sender: owner });
    expect(ok.status).toBe(200);
    expect(ok.body.proposal).toMatchObject({ ethereum_first_confirm_requires_sender: false, ethereum_sender: safe.signer_addresses[1], status: 'pending' });
    const done = await call('POST', `/multisig/proposals/${p.id}/confirm`, t.admin, { signature: SIG });
    expect(done.body.proposal.status).toBe('executed');
    expect(done.body.proposal.tx_hash).toMatch(/^0x[0-9a-f]{64}$/);
  });

  test('a cancelled proposal releases its reservation and cancels its transfer; it takes no more signatures', async () => {
    const world = ctx.server.sandbox.world;
    const ms = fx.merchantMultisig('vendor_tron_2of2');
    const before = balance(ctx.server, ms.wallet_id);
    const usdt = held(ctx.server);
    const r = await call('POST', '/transfers/b2b', t.vendor, { to_vendor_id: fx.user('subvendor').id, amount: '50', network: 'tron', from_wallet_id: ms.wallet_id });
    expect(balance(ctx.server, ms.wallet_id).locked).toBe((Number(before.locked) + 50).toFixed(8));
    world.transaction(() => cancelProposal(world, r.body.proposal_id));
    expect(balance(ctx.server, ms.wallet_id)).toEqual(before);
    expect(held(ctx.server)).toBe(usdt);
    expect((await call('GET', `/transfers/${r.body.transfer.id}`, t.vendor)).body.status).toBe('cancelled');
    const late = await call('POST', `/multisig/proposals/${r.body.proposal_id}/confirm`, t.vendor, { signature: SIG });
    expect(late.status).toBe(409);
    expect(late.body.current_status).toBe('cancelled');
  });
});
