// Remittances over HTTP: the remittance off-ramp order priced from the beneficiary amount, corridors, custodial drafts
// (priced, escrowed, expiring) and their confirm, including a failed chain send and its retry; the treasury report
// counts what drafts and in-flight remittances commit.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { advance, balance, fixtures, logins, orderStatus, totalOf } from './support.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof logins>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
beforeAll(async () => { t = await logins(ctx.api); fx = await fixtures(ctx.api); });

const report = async () => (await ctx.api.call('GET', '/api/v1/auth/treasury/remittance/escrow-balance?network=tron', { token: t.admin })).body;

function remittanceBody(extra: Record<string, unknown> = {}) {
  const offer = fx.offer('vendor_buy_usdt_tron');
  const lane = fx.lane('offramp_usdt_kes_tron');
  return {
    customer_id: fx.user('alice@coinpool.test').id, vendor_id: offer.vendor_id, offer_id: offer.id, sender_name: 'Amina Clarke',
    sender_country: 'GB', sender_phone: '+447700900123', sender_wallet_address: fx.wallet('alice@coinpool.test', 'tron').address,
    beneficiary_phone: '254727648169', beneficiary_country: 'KE', beneficiary_fiat_amount: '50000.00', fiat_currency: 'KES',
    payment_method: 'mpesa', pricing_profile_id: lane.profile, fx_rate_quote_id: lane.quote, beneficiary_name: 'Wanjiru Kamau', ...extra,
  };
}

function draftBody(extra: Record<string, unknown> = {}) {
  const lane = fx.lane('offramp_usdt_kes_tron');
  return {
    custodial_wallet_id: fx.wallet('alice@coinpool.test', 'tron').id, beneficiary_fiat_amount: '6467.50', fiat_currency: 'KES',
    pricing_profile_id: lane.profile, fx_rate_quote_id: lane.quote, sender_name: 'Alice', sender_country: 'GB', sender_phone: '+447700900123',
    beneficiary_country: 'KE', beneficiary_phone: '254727648169', ...extra,
  };
}

describe('remittance off-ramp orders', () => {
  test('the stablecoin is priced from the net beneficiary amount (sender bears the 50 KES fee)', async () => {
    const r = await ctx.api.call('POST', '/api/v1/auth/remittance/off-ramp/orders', { token: t.alice, body: remittanceBody({ fee_bearer: 'sender' }) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    // applied rate 129.35; (50000 + 50) / 129.35 = 386.93467336...; rounded up to 8 places
    expect(r.body).toMatchObject({ order_type: 'OFF_RAMP_SELL', order_subtype: 'remittance_offramp', status: 'awaiting_crypto',
      crypto_amount: '386.93467337', fiat_amount: '50000.00', sender_name: { String: 'Amina Clarke', Valid: true },
      sender_country: { String: 'GB', Valid: true }, payment_phone_number: { String: '254727648169', Valid: true } });
    expect(r.body.escrow_wallet_address.Valid).toBe(true);
    expect((await report()).reserved_in_flight_orders_usdt).toBe('386.93467337');
    const receiver = await ctx.api.call('POST', '/api/v1/auth/remittance/off-ramp/orders', { token: t.alice, body: remittanceBody({ fee_bearer: 'receiver' }) });
    expect(receiver.body).toMatchObject({ crypto_amount: '386.54812525', fiat_amount: '49950.00' });
  });

  test('rules: same phone for M-Pesa, another user\'s wallet, bank fields, non-KES M-Pesa', async () => {
    const post = (body: object) => ctx.api.call('POST', '/api/v1/auth/remittance/off-ramp/orders', { token: t.alice, body });
    expect((await post(remittanceBody({ sender_phone: '+254727648169' }))).status).toBe(422);
    expect((await post(remittanceBody({ sender_wallet_address: fx.wallet('bob@coinpool.test', 'tron').address }))).status).toBe(422);
    const bank = await post(remittanceBody({ payout_method: 'bank' }));
    expect(bank.status).toBe(400);
    expect(bank.body.details.map((d: any) => d.pointer)).toContain('/beneficiary_bank_name');
    expect((await post(remittanceBody({ sender_country: 'XX' }))).status).toBe(400);
    expect((await post(remittanceBody({ customer_id: fx.user('bob@coinpool.test').id }))).status).toBe(403);
  });
});

describe('custodial remittance drafts', () => {
  test('corridors are listed', async () => {
    const r = await ctx.api.call('GET', '/api/v1/auth/remittance/custodial/corridors', { token: t.bob });
    expect(r.status).toBe(200);
    expect(r.body).toEqual([expect.objectContaining({ source_country: 'GB', destination_country: 'KE', fiat_currency: 'KES', network: 'tron',
      offer_id: fx.offer('vendor_buy_usdt_tron').id, is_active: true })]);
  });

  test('draft → confirm sends from the custodial wallet to the draft escrow; the order completes with a payout', async () => {
    const totalBefore = totalOf(ctx.server);
    const aliceTron = fx.wallet('alice@coinpool.test', 'tron').id;
    const before = balance(ctx.server, aliceTron).amount;
    const reservedBefore = (await report()).reserved_open_drafts_usdt;
    const d = await ctx.api.call('POST', '/api/v1/auth/remittance/custodial/drafts', { token: t.alice, body: draftBody() });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    // (6467.50 + 50) / 129.35 = 50.38654812...
    expect(d.body.draft).toMatchObject({ status: 'draft', order_id: null, network: 'tron', asset: 'USDT', fee_bearer: 'sender',
      total_fee_amount: '50.00', applied_fx_rate: '129.35', reference_fx_rate: '130.00', usdt_total_debit: '50.38654813',
      expires_at: '2026-11-22T09:15:00Z' });
    expect(d.body.pricing_snapshot_note).toMatch(/locked until expires_at/);
    expect(Number((await report()).reserved_open_drafts_usdt) - Number(reservedBefore)).toBeCloseTo(50.38654813, 8);
    expect((await ctx.api.call('POST', `/api/v1/auth/remittance/custodial/drafts/${d.body.draft.id}/confirm`, { token: t.bob })).status).toBe(403);
    const c = await ctx.api.call('POST', `/api/v1/auth/remittance/custodial/drafts/${d.body.draft.id}/confirm`, { token: t.alice, body: {} });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    expect(c.body.order).toMatchObject({ status: 'confirming', order_subtype: 'custodial_remittance_offramp', crypto_amount: '50.38654813',
      fiat_amount: '6467.50', corridor_id: d.body.draft.corridor_id, escrow_reference: { String: d.body.draft.id, Valid: true } });
    expect(c.body.custodial_transfer).toMatchObject({ status: 'pending', error: null, to_address: d.body.draft.escrow_wallet_address, amount: '50.38654813' });
    expect(balance(ctx.server, aliceTron).amount).toBe((Number(before) - 50.38654813).toFixed(8));
    const again = await ctx.api.call('POST', `/api/v1/auth/remittance/custodial/drafts/${d.body.draft.id}/confirm`, { token: t.alice });
    expect(again.status).toBe(409);
    expect(again.body.current_status).toBe('confirmed');
    await advance(ctx.api, 80);
    expect(await orderStatus(ctx.api, t.alice, c.body.order.id)).toBe('completed');
    expect(totalOf(ctx.server)).toBe(totalBefore);
  });

  test('a failed chain send fails the order; funding the wallet and confirming again retries the same order', async () => {
    const bobTron = fx.wallet('bob@coinpool.test', 'tron');
    const tooPoor = await ctx.api.call('POST', '/api/v1/auth/remittance/custodial/drafts', { token: t.bob,
      body: draftBody({ custodial_wallet_id: bobTron.id }) });
    expect(tooPoor.status).toBe(422); // the draft itself checks the balance
    await ctx.api.call('POST', '/__sandbox/faucet', { body: { wallet_id: bobTron.id, asset: 'USDT', amount: '60' } });
    const d = await ctx.api.call('POST', '/api/v1/auth/remittance/custodial/drafts', { token: t.bob, body: draftBody({ custodial_wallet_id: bobTron.id,
      sender_phone: '+254722000111' }) });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    // Bob spends the balance elsewhere before confirming (send-payment of an off-ramp order).
    const offer = fx.offer('vendor_buy_usdt_tron');
    const spend = await ctx.api.call('POST', '/api/v1/auth/orders', { token: t.bob, body: { customer_id: fx.user('bob@coinpool.test').id,
      vendor_id: offer.vendor_id, offer_id: offer.id, crypto_amount: '20', fiat_amount: '2587.00', fiat_currency: 'KES',
      wallet_address: bobTron.address, payment_method: 'mpesa', order_type: 'OFF_RAMP_SELL', payout_phone: '254722000111' } });
    expect((await ctx.api.call('POST', `/api/v1/auth/orders/${spend.body.id}/send-payment`, { token: t.bob, body: { wallet_id: bobTron.id, confirm: true } })).status).toBe(200);

    const offerAvail = async () => (await ctx.api.call('GET', '/api/v1/auth/offers/type/BUY?page_id=1&page_size=10', { token: t.bob })).body
      .find((x: any) => x.id === offer.id).available_amount;
    const availBefore = await offerAvail();
    const first = await ctx.api.call('POST', `/api/v1/auth/remittance/custodial/drafts/${d.body.draft.id}/confirm`, { token: t.bob });
    expect(first.status).toBe(200);
    expect(first.body.order.status).toBe('failed');
    expect(first.body.custodial_transfer).toMatchObject({ status: 'failed', transaction_hash: null, error: 'insufficient balance' });
    expect(await offerAvail()).toBe(availBefore); // the reservation went back

    await ctx.api.call('POST', '/__sandbox/faucet', { body: { wallet_id: bobTron.id, asset: 'USDT', amount: '20' } });
    const retry = await ctx.api.call('POST', `/api/v1/auth/remittance/custodial/drafts/${d.body.draft.id}/confirm`, { token: t.bob });
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.body.order.id).toBe(first.body.order.id);
    expect(retry.body.order.status).toBe('confirming');
    expect(retry.body.custodial_transfer.status).toBe('pending');
    expect(Number(availBefore) - Number(await offerAvail())).toBeCloseTo(50.38654813, 8);
  });

  test('a draft expires after 15 minutes and cannot be confirmed', async () => {
    const d = await ctx.api.call('POST', '/api/v1/auth/remittance/custodial/drafts', { token: t.alice, body: draftBody() });
    expect(d.status).toBe(201);
    await advance(ctx.api, 15 * 60);
    t = await logins(ctx.api);
    const c = await ctx.api.call('POST', `/api/v1/auth/remittance/custodial/drafts/${d.body.draft.id}/confirm`, { token: t.alice });
    expect(c.status).toBe(409);
    expect(c.body.current_status).toBe('expired');
    expect((await report()).reserved_open_drafts_usdt).toBe('0.00000000');
  });

  test('no response or event broke the contract', async () => {
    expect((await ctx.api.call('GET', '/__sandbox/problems')).body).toEqual([]);
    expect((await ctx.api.call('GET', '/__sandbox/violations')).body.requests.filter((r: any) => r.status >= 500)).toEqual([]);
  });
});
