// The settlement of a credit as the other areas show it: the proposal in GET .../settlement is the multisig area's
// proposal (same view as GET /multisig/proposals/{id}), the transfer is the transfers area's row, and OTC transfers
// answer GET /transfers/{id}/pricing with the pricing they were made with.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { tokens, fixtures, sign, upload, PDF, pendingBankDeposit, pricedDraft } from './support.ts';
import { cancelProposal } from '../../src/domain/multisig.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof tokens>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
beforeAll(async () => { t = await tokens(ctx.api); fx = await fixtures(ctx.api); });

const path = (id: string, tail = '') => `/api/v1/auth/otc/deposits/${id}${tail}`;
const get = (p: string, token: string) => ctx.api.call('GET', p, { token });

/** A priced draft of the vendor taken through proof, submit and confirm. */
async function confirmedPricedDeposit() {
  const d = await pricedDraft(ctx.api, t.vendor, fx.lane('b2b_deposit_usdt_kes_tron'));
  expect((await upload(ctx.api, t.vendor, d.id, PDF())).status).toBe(200);
  expect((await ctx.api.call('POST', path(d.id, '/submit'), { token: t.vendor, body: { payment_reference: 'FT1', transfer_date: '2026-11-21' } })).status).toBe(200);
  expect((await ctx.api.call('POST', path(d.id, '/confirm'), { token: t.admin })).status).toBe(200);
  return (await get(path(d.id), t.admin)).body;
}

describe('settlement views', () => {
  test('an Ethereum Safe credit: the settlement shows the very proposal and transfer the other areas serve', async () => {
    const d = await pendingBankDeposit(ctx.api, t.vendor, { requested_network: 'ethereum', requested_crypto_amount: '1000.00000000' });
    expect((await ctx.api.call('POST', path(d.id, '/confirm'), { token: t.admin })).status).toBe(200);
    const c = await ctx.api.call('POST', path(d.id, '/credit'), { token: t.admin, body: { asset: 'USDT', network: 'ethereum', crypto_amount: '1000' } });
    expect(c.status).toBe(202);
    const proposalId = c.body.proposal_id;
    const safe = fx.multisig('ethereum');

    const fresh = (await get(path(d.id, '/settlement'), t.vendor)).body;
    expect(fresh.proposal).toMatchObject({ ethereum_first_confirm_requires_sender: true, ethereum_sender: null });
    expect(fresh.proposal).toEqual((await get(`/api/v1/auth/multisig/proposals/${proposalId}`, t.admin)).body);

    // the Safe's first confirmation must name the submitting owner
    expect((await sign(ctx.api, t.treasury, proposalId)).status).toBe(422);
    const first = await sign(ctx.api, t.treasury, proposalId, { ethereum_sender: safe.signer_addresses[0] });
    expect(first.status).toBe(200);
    const half = (await get(path(d.id, '/settlement'), t.admin)).body;
    expect(half.proposal).toMatchObject({ ethereum_first_confirm_requires_sender: false, ethereum_sender: safe.signer_addresses[0], current_signatures: 1 });
    expect(half.proposal).toEqual(first.body.proposal);
    expect(half.proposal).toEqual((await get(`/api/v1/auth/multisig/proposals/${proposalId}`, t.admin)).body);

    const second = await sign(ctx.api, t.admin, proposalId);
    expect(second.body.proposal.status).toBe('executed');
    const done = (await get(path(d.id, '/settlement'), t.treasury)).body;
    expect(done.deposit).toMatchObject({ status: 'credited', credited_crypto_amount: '1000.00000000' });
    expect(done.proposal).toEqual(second.body.proposal);
    expect(done.transfer).toEqual((await get(`/api/v1/auth/transfers/${done.deposit.transfer_id}`, t.admin)).body);
    expect(done.transfer).toMatchObject({ transfer_type: 'OTC_CREDIT', status: 'completed', network: 'ethereum', tx_hash: second.body.proposal.tx_hash });
  });

  test('a cancelled credit proposal cancels its pending transfer at once; the deposit can be credited again', async () => {
    const d = await pendingBankDeposit(ctx.api, t.vendor);
    expect((await ctx.api.call('POST', path(d.id, '/confirm'), { token: t.admin })).status).toBe(200);
    const first = await ctx.api.call('POST', path(d.id, '/credit'), { token: t.admin, body: { asset: 'USDT', network: 'tron', crypto_amount: '1000' } });
    expect(first.status).toBe(202);
    const world = ctx.server.sandbox.world;
    world.transaction(() => cancelProposal(world, first.body.proposal_id));
    expect((await get(`/api/v1/auth/transfers/${first.body.transfer.id}`, t.admin)).body).toMatchObject({ status: 'cancelled', completed_at: null });
    expect((await get(path(d.id), t.admin)).body).toMatchObject({ status: 'confirmed' });
    const again = await ctx.api.call('POST', path(d.id, '/credit'), { token: t.admin, body: { asset: 'USDT', network: 'tron', crypto_amount: '1000' } });
    expect(again.status).toBe(202);
    expect(again.body.transfer.id).not.toBe(first.body.transfer.id);
    expect((await get(`/api/v1/auth/transfers/${first.body.transfer.id}`, t.admin)).body.status).toBe('cancelled');
  });
});

describe('pricing of OTC transfers (GET /api/v1/auth/transfers/{id}/pricing)', () => {
  test('a credit without the quartet keeps the deposit\'s own pricing, computed on the credited amount', async () => {
    const lane = fx.lane('b2b_deposit_usdt_kes_tron');
    const d = await confirmedPricedDeposit();
    const c = await ctx.api.call('POST', path(d.id, '/credit'), { token: t.treasury,
      body: { asset: 'USDT', network: 'tron', crypto_amount: d.requested_crypto_amount } });
    expect(c.status).toBe(202);
    const pricing = await get(`/api/v1/auth/transfers/${c.body.transfer.id}/pricing`, t.vendor); // the recipient
    expect(pricing.status).toBe(200);
    expect(pricing.body).toMatchObject({ transfer_id: c.body.transfer.id, pricing_profile_id: lane.profile, fx_rate_quote_id: lane.quote,
      flow_type: 'b2b', otc_type: 'deposit', network: 'tron', asset: 'USDT', fiat_currency: 'KES', fiat_amount_equivalent: '129760.00',
      crypto_amount: d.requested_crypto_amount, applied_fx_rate: '129.76', quoted_at: '2026-11-22T09:00:00Z' });
    expect((await get(`/api/v1/auth/transfers/${c.body.transfer.id}/pricing`, t.treasury)).status).toBe(200); // the sender
    expect((await get(`/api/v1/auth/transfers/${c.body.transfer.id}/pricing`, t.alice)).status).toBe(403);
  });

  test('a credit with the quartet keeps that pricing; a misfit quartet is refused with nothing written', async () => {
    const lane = fx.lane('b2b_deposit_usdt_kes_tron');
    const d = await pendingBankDeposit(ctx.api, t.vendor);
    expect((await ctx.api.call('POST', path(d.id, '/confirm'), { token: t.admin })).status).toBe(200);
    const quartet = { pricing_profile_id: lane.profile, fx_rate_quote_id: lane.quote, fiat_currency: 'KES', fiat_amount_equivalent: '129760' };
    const withdrawalLane = fx.lane('b2b_withdrawal_usdt_kes_tron');
    const misfit = await ctx.api.call('POST', path(d.id, '/credit'), { token: t.admin,
      body: { asset: 'USDT', network: 'tron', crypto_amount: '1000', ...quartet, pricing_profile_id: withdrawalLane.profile } });
    expect(misfit.status).toBe(422);
    expect(misfit.body.error).toMatch(/pricing_profile_id/);
    expect((await get(path(d.id), t.admin)).body).toMatchObject({ status: 'confirmed', transfer_id: null, credited_by: null });
    const badFiat = await ctx.api.call('POST', path(d.id, '/credit'), { token: t.admin,
      body: { asset: 'USDT', network: 'tron', crypto_amount: '1000', ...quartet, fiat_amount_equivalent: '10.001' } });
    expect([badFiat.status, badFiat.body.details?.[0]?.pointer]).toEqual([400, '/fiat_amount_equivalent']);

    const c = await ctx.api.call('POST', path(d.id, '/credit'), { token: t.admin, body: { asset: 'USDT', network: 'tron', crypto_amount: '1000', ...quartet } });
    expect(c.status).toBe(202);
    const pricing = (await get(`/api/v1/auth/transfers/${c.body.transfer.id}/pricing`, t.admin)).body;
    expect(pricing).toMatchObject({ pricing_profile_id: lane.profile, fx_rate_quote_id: lane.quote, otc_type: 'deposit',
      fiat_amount_equivalent: '129760.00', crypto_amount: '1000.00000000', applied_fx_rate: '129.76' });
  });

  test('a credit with no FX quote to name (negotiated reference or unpriced) keeps no snapshot: 404', async () => {
    const noSnapshot = async (transferId: string) => {
      const none = await get(`/api/v1/auth/transfers/${transferId}/pricing`, t.admin);
      expect(none.status).toBe(404);
      expect(none.body.error).toMatch(/without pricing/);
    };

    // unpriced: the one-shot create names no pricing rows
    const d = await pendingBankDeposit(ctx.api, t.vendor);
    expect((await ctx.api.call('POST', path(d.id, '/confirm'), { token: t.admin })).status).toBe(200);
    const c = await ctx.api.call('POST', path(d.id, '/credit'), { token: t.admin, body: { asset: 'USDT', network: 'tron', crypto_amount: '1000' } });
    expect(c.status).toBe(202);
    await noSnapshot(c.body.transfer.id);

    // priced by a negotiated FX reference: a profile, but the agreed rate instead of an FX quote
    const ref = (await ctx.api.call('POST', '/api/v1/auth/otc/negotiated-fx/references', { token: t.treasury, body: {
      merchant_id: fx.user('vendor@coinpool.test').id, agreed_transaction_date: '2026-11-22', fiat_currency: 'KES', agreed_amount: '129760.00',
      reference_fx_rate: '129.20', agreed_fx_rate: '128.75', timezone: 'Africa/Nairobi' } })).body.reference;
    const draft = (await ctx.api.call('POST', '/api/v1/auth/otc/deposits/draft', { token: t.vendor, body: { fiat_amount: '129760.00',
      fiat_currency: 'KES', requested_asset: 'USDT', requested_network: 'tron' } })).body.deposit;
    const q = await ctx.api.call('PATCH', path(draft.id, '/quote'), { token: t.vendor, body: { pricing_profile_id: fx.lane('b2b_deposit_usdt_kes_tron').profile,
      negotiated_fx_reference_code: ref.reference_code, requested_asset: 'USDT', requested_network: 'tron' } });
    expect(q.status).toBe(200);
    expect(q.body.deposit).toMatchObject({ negotiated_fx_reference_id: ref.id, fx_rate_quote_id: null });
    expect((await ctx.api.call('POST', path(draft.id, '/submit'), { token: t.vendor,
      body: { payment_reference: 'FT2', transfer_date: '2026-11-22', proof_url: 'https://example.com/p.pdf' } })).status).toBe(200);
    expect((await ctx.api.call('POST', path(draft.id, '/confirm'), { token: t.admin })).status).toBe(200);
    const nfxCredit = await ctx.api.call('POST', path(draft.id, '/credit'), { token: t.admin,
      body: { asset: 'USDT', network: 'tron', crypto_amount: q.body.deposit.requested_crypto_amount } });
    expect(nfxCredit.status).toBe(202);
    await noSnapshot(nfxCredit.body.transfer.id);
  });

  test('an executed withdrawal\'s transfer keeps the pricing the withdrawal was created with', async () => {
    const lane = fx.lane('b2b_withdrawal_usdt_kes_tron');
    const w = await ctx.api.call('POST', '/api/v1/auth/otc/withdrawals', { token: t.vendor, body: { asset: 'USDT', network: 'tron',
      crypto_amount: '100', fiat_currency: 'KES', method: 'mpesa', payout_phone_number: '+254712345678' } });
    expect(w.status).toBe(201);
    expect(w.body.withdrawal).not.toHaveProperty('pricing');
    const x = await ctx.api.call('POST', `/api/v1/auth/otc/withdrawals/${w.body.withdrawal.id}/execute`, { token: t.admin });
    expect(x.status).toBe(200);
    const pricing = (await get(`/api/v1/auth/transfers/${x.body.transfer.id}/pricing`, t.vendor)).body;
    // 100 USDT × 129.24 = 12924.00 KES gross; the withdrawal pays the net of the same arithmetic
    expect(pricing).toMatchObject({ pricing_profile_id: lane.profile, fx_rate_quote_id: lane.quote, flow_type: 'b2b', otc_type: 'withdrawal',
      fiat_currency: 'KES', fiat_amount_equivalent: '12924.00', crypto_amount: '100.00000000', applied_fx_rate: '129.24' });
    expect(pricing.amounts.net_fiat_amount).toBe(w.body.withdrawal.fiat_amount);
  });
});
