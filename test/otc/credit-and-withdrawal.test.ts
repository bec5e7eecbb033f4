// Credit rules (quote tolerance, override by admin/treasury only, officer cap, asset/network/address checks, treasury
// balance) and withdrawals (lock on create, execute once, payout later), with a balance conservation check across both.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { tokens, fixtures, balance, held, sign, pendingBankDeposit } from './support.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof tokens>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
beforeAll(async () => { t = await tokens(ctx.api); fx = await fixtures(ctx.api); });

const path = (id: string, tail = '') => `/api/v1/auth/otc/deposits/${id}${tail}`;
async function confirmedDeposit(amount: string) {
  const d = await pendingBankDeposit(ctx.api, t.vendor, { requested_crypto_amount: amount });
  const r = await ctx.api.call('POST', path(d.id, '/confirm'), { token: t.admin });
  expect(r.status).toBe(200);
  return d;
}
const credit = (id: string, token: string, body: Record<string, unknown>) =>
  ctx.api.call('POST', path(id, '/credit'), { token, body: { asset: 'USDT', network: 'tron', ...body } });

describe('credit rules', () => {
  test('10 bps tolerance: inside passes, outside needs admin/treasury with override_reason', async () => {
    const d = await confirmedDeposit('1000.00000000');
    const far = await credit(d.id, t.officer, { crypto_amount: '1001.10000000' }); // 11 bps
    expect(far.status).toBe(422);
    expect(far.body).toMatchObject({ requires_second_approval: true });
    expect(far.body.error).toMatch(/11\.00 bps/);
    expect((await credit(d.id, t.officer, { crypto_amount: '1001.10000000', override_reason: 'desk deal' })).status).toBe(403);
    expect((await credit(d.id, t.treasury, { crypto_amount: '1001.10000000' })).status).toBe(422);
    const overridden = await credit(d.id, t.treasury, { crypto_amount: '1001.10000000', override_reason: 'rate agreed by phone' });
    expect(overridden.status).toBe(202);
    const audit = (await ctx.api.call('GET', path(d.id, '/audit'), { token: t.admin })).body.entries;
    expect(audit.at(-1)).toMatchObject({ action: 'credit_requested', reason: 'rate agreed by phone', actor_role: 'treasury' });

    const near = await confirmedDeposit('1000.00000000');
    expect((await credit(near.id, t.officer, { crypto_amount: '1000.99000000' })).status).toBe(202); // 9.9 bps
  });

  test('an otc_officer is capped at 10 000 USD; admin is not', async () => {
    const d = await confirmedDeposit('10000.01000000');
    const capped = await credit(d.id, t.officer, { crypto_amount: '10000.01000000' });
    expect(capped.status).toBe(422);
    expect(capped.body).toMatchObject({ requires_second_approval: true });
    expect(capped.body.error).toMatch(/10000 USD/);
    expect((await credit(d.id, t.admin, { crypto_amount: '10000.01000000' })).status).toBe(202);
  });

  test('asset/network mismatch, wrong address, short treasury and partial pricing are refused; nothing is reserved', async () => {
    const d = await confirmedDeposit('100.00000000');
    const treasury = fx.multisig('tron').wallet_id;
    // The refused credits are in USDT (and one in USDC): neither balance of the treasury wallet may change.
    const before = { USDC: balance(ctx.server, treasury, 'USDC'), USDT: balance(ctx.server, treasury, 'USDT') };
    expect((await credit(d.id, t.admin, { asset: 'USDC', crypto_amount: '100' })).status).toBe(422);
    expect((await credit(d.id, t.admin, { network: 'ethereum', crypto_amount: '100' })).status).toBe(422);
    expect((await credit(d.id, t.admin, { crypto_amount: '100', to_address: fx.wallet('vendor@coinpool.test', 'ethereum').address })).status).toBe(422);
    const both = await credit(d.id, t.admin, { crypto_amount: '100', to_address: fx.wallet('vendor@coinpool.test', 'tron').address, to_wallet_id: fx.wallet('vendor@coinpool.test', 'tron').id });
    expect(both.status).toBe(400);
    expect((await credit(d.id, t.admin, { crypto_amount: '100', pricing_profile_id: fx.lane('b2b_deposit_usdt_kes_tron').profile })).status).toBe(400);
    const big = await confirmedDeposit('2000000.00000000');
    const short = await credit(big.id, t.admin, { crypto_amount: '2000000' });
    expect(short.status).toBe(422);
    expect(short.body.error).toMatch(/insufficient treasury balance/);
    expect({ USDC: balance(ctx.server, treasury, 'USDC'), USDT: balance(ctx.server, treasury, 'USDT') }).toEqual(before);
    expect((await ctx.api.call('GET', path(d.id), { token: t.admin })).body).toMatchObject({ status: 'confirmed', transfer_id: null });
  });
});

describe('withdrawals and conservation', () => {
  test('lock on create, execute once, payout 5 s later; credits and withdrawals conserve the books', async () => {
    const { api } = ctx;
    const usdt = held(ctx.server, 'USDT');
    const vendorTron = fx.wallet('vendor@coinpool.test', 'tron').id;
    const treasuryTron = fx.multisig('tron').wallet_id;
    const v0 = balance(ctx.server, vendorTron, 'USDT');
    const tr0 = balance(ctx.server, treasuryTron, 'USDT');

    const w = await api.call('POST', '/api/v1/auth/otc/withdrawals', { token: t.subvendor, body: { asset: 'USDT', network: 'tron',
      crypto_amount: '5000', fiat_currency: 'KES', method: 'bank', payout_bank_account: '01100123456789', payout_bank_name: 'Example Bank',
      from_wallet_id: vendorTron } });
    expect(w.status).toBe(201);
    // withdrawal lane: applied 129.24; gross 646200.00; fee 25 bps = 1615.50 → net 644584.50
    expect(w.body.withdrawal).toMatchObject({ status: 'pending', usdt_amount: '5000.00000000', applied_fx_rate: '129.24', fiat_amount: '644584.50',
      merchant_id: fx.user('vendor@coinpool.test').id, from_wallet_id: vendorTron, payout_phone_number: null });
    const id = w.body.withdrawal.id;
    expect(balance(ctx.server, vendorTron, 'USDT')).toEqual({ amount: v0.amount, locked: (Number(v0.locked) + 5000).toFixed(8) });

    const tooMuch = await api.call('POST', '/api/v1/auth/otc/withdrawals', { token: t.vendor, body: { asset: 'USDT', network: 'tron',
      crypto_amount: '100000', fiat_currency: 'KES', method: 'mpesa', payout_phone_number: '+254712345678' } });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error).toMatch(/insufficient balance/);
    expect((await api.call('POST', '/api/v1/auth/otc/withdrawals', { token: t.vendor, body: { asset: 'USDT', network: 'tron',
      crypto_amount: '10', fiat_currency: 'KES', method: 'bank' } })).status).toBe(400);
    expect((await api.call('POST', '/api/v1/auth/otc/withdrawals', { token: t.vendor, body: { asset: 'USDT', network: 'ethereum',
      crypto_amount: '10', fiat_currency: 'KES', method: 'bank', payout_bank_account: '0110', payout_bank_name: 'B' } })).status).toBe(422); // no ethereum lane

    const queue = await api.call('GET', '/api/v1/auth/otc/withdrawals/queue/pending', { token: t.admin });
    expect(queue.body.withdrawals.map((x: any) => x.id)).toEqual([id]);
    expect((await api.call('GET', '/api/v1/auth/otc/withdrawals/queue/pending', { token: t.officer })).status).toBe(403);
    expect((await api.call('POST', `/api/v1/auth/otc/withdrawals/${id}/execute`, { token: t.treasury })).status).toBe(403);

    const done = await api.call('POST', `/api/v1/auth/otc/withdrawals/${id}/execute`, { token: t.admin });
    expect(done.status).toBe(200);
    expect(done.body.withdrawal).toMatchObject({ status: 'processing', approved_by: fx.user('admin@coinpool.test').id, transfer_id: done.body.transfer.id });
    expect(done.body.transfer).toMatchObject({ status: 'completed' });
    expect(balance(ctx.server, vendorTron, 'USDT')).toEqual({ amount: (Number(v0.amount) - 5000).toFixed(8), locked: v0.locked });
    expect(balance(ctx.server, treasuryTron, 'USDT').amount).toBe((Number(tr0.amount) + 5000).toFixed(8));
    const twice = await api.call('POST', `/api/v1/auth/otc/withdrawals/${id}/execute`, { token: t.admin });
    expect([twice.status, twice.body.current_status]).toEqual([409, 'processing']);
    expect(balance(ctx.server, vendorTron, 'USDT').amount).toBe((Number(v0.amount) - 5000).toFixed(8));

    await api.call('POST', '/__sandbox/clock/advance', { body: { seconds: 5 } });
    const list = await api.call('GET', '/api/v1/auth/otc/withdrawals?status=completed', { token: t.vendor });
    expect(list.body.withdrawals).toHaveLength(1);
    expect(list.body.withdrawals[0]).toMatchObject({ id, status: 'completed', completed_by: fx.user('admin@coinpool.test').id });
    expect((await api.call('GET', '/api/v1/auth/otc/withdrawals', { token: t.alice })).status).toBe(403);

    // a credit back to the vendor, signed through: the books hold the same USDT as before both
    const d = await confirmedDeposit('250.00000000');
    const c = await credit(d.id, t.treasury, { crypto_amount: '250' });
    expect(c.status).toBe(202);
    expect((await sign(api, t.treasury, c.body.proposal_id)).status).toBe(200);
    expect((await sign(api, t.admin, c.body.proposal_id)).body.proposal.status).toBe('executed');
    expect(balance(ctx.server, vendorTron, 'USDT').amount).toBe((Number(v0.amount) - 5000 + 250).toFixed(8));
    expect(held(ctx.server, 'USDT')).toBe(usdt);
  });
});
