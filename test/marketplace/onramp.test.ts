// The on-ramp quickstart over HTTP: offer → order → STK push → callback → the customer sees the USDT arrive; plus
// the on-ramp rules (limits, reservation, vendor lock, cancel, expiry, access) and money conservation.
import { describe, expect, test } from 'vitest';
import { useSeededServer } from '../support/server.ts';
import { advance, balance, fiatFor, logins, orderStatus, totalOf } from './support.ts';

const { ctx, t, fx } = useSeededServer();

async function newSellOffer(extra: Record<string, unknown> = {}) {
  const vendor = fx.user('vendor@coinpool.test');
  const r = await ctx.api.call('POST', '/api/v1/auth/offers', { token: t.vendor, body: {
    vendor_id: vendor.id, offer_type: 'SELL', asset: 'USDT', crypto_amount: '1000', available_amount: '800', rate: '130.5',
    min_order: '5', max_order: '500', description: 'test offer', ...extra } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function onRampOrder(offer: any, amount = '100', extra: Record<string, unknown> = {}) {
  const alice = fx.user('alice@coinpool.test');
  return ctx.api.call('POST', '/api/v1/auth/orders', { token: t.alice, body: {
    customer_id: alice.id, vendor_id: offer.vendor_id, offer_id: offer.id, crypto_amount: amount, fiat_amount: fiatFor(offer, amount),
    fiat_currency: 'KES', wallet_address: fx.wallet('alice@coinpool.test', 'tron').address, payment_method: 'mpesa',
    order_type: 'ON_RAMP_BUY', ...extra } });
}

const offerAvailable = async (id: string) => {
  const list = await ctx.api.call('GET', '/api/v1/auth/customer/transactions?page_size=100', { token: t.vendor });
  return list.body.offers.find((o: any) => o.id === id).available_amount;
};

describe('offers', () => {
  test('a SELL offer is created with 8/2-place amounts and Go null wrappers, and listed by type', async () => {
    const offer = await newSellOffer();
    expect(offer).toMatchObject({ offer_type: 'SELL', crypto_amount: '1000.00000000', usdt_amount: '1000.00000000',
      available_amount: '800.00000000', rate: '130.50', min_order: '5.00000000', status: 'active',
      description: { String: 'test offer', Valid: true }, pricing_profile_id: null, deleted_at: { Time: '0001-01-01T00:00:00Z', Valid: false } });
    const list = await ctx.api.call('GET', '/api/v1/auth/offers/type/SELL?page_id=1&page_size=5', { token: t.bob });
    expect(list.status).toBe(200);
    expect(list.body[0].id).toBe(offer.id);
    expect(list.body.every((o: any) => o.offer_type === 'SELL')).toBe(true);
  });

  test('offer rules: available ≤ size, min ≤ max, balance backing, publisher = caller, BUY pricing', async () => {
    const vendor = fx.user('vendor@coinpool.test');
    const base = { vendor_id: vendor.id, offer_type: 'SELL', asset: 'USDT', crypto_amount: '100', available_amount: '100', rate: '130', min_order: '1', max_order: '50' };
    const post = (token: string, body: object) => ctx.api.call('POST', '/api/v1/auth/offers', { token, body });
    expect((await post(t.vendor, { ...base, available_amount: '101' })).status).toBe(422);
    expect((await post(t.vendor, { ...base, min_order: '60' })).status).toBe(422);
    const tooBig = await post(t.vendor, { ...base, crypto_amount: '99999999', available_amount: '99999999', max_order: '50' });
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.error).toMatch(/available USDT balance/);
    expect((await post(t.alice, base)).status).toBe(403);
    const noRate = await post(t.vendor, { ...base, rate: undefined });
    expect(noRate.status).toBe(400);
    expect(noRate.body.details.map((d: any) => d.pointer)).toContain('/rate');
    const buyNoPricing = await post(t.vendor, { ...base, offer_type: 'BUY', rate: undefined });
    expect(buyNoPricing.status).toBe(400);
    const lane = fx.lane('offramp_usdt_kes_tron');
    const onLane = fx.lane('onramp_usdt_kes_tron');
    const wrongFlow = await post(t.vendor, { ...base, offer_type: 'BUY', rate: undefined, pricing_profile_id: onLane.profile, fx_rate_quote_id: onLane.quote, default_fee_bearer: 'sender' });
    expect(wrongFlow.status).toBe(422);
    const buy = await post(t.vendor, { ...base, offer_type: 'BUY', rate: undefined, pricing_profile_id: lane.profile, fx_rate_quote_id: lane.quote, default_fee_bearer: 'receiver' });
    expect(buy.status).toBe(201);
    expect(buy.body.rate).toBe('129.35'); // the quote's applied rate: 130.00 less 50 bps
    expect(buy.body.default_fee_bearer).toBe('receiver');
  });
});

describe('the on-ramp quickstart', () => {
  test('order → STK push → success callback → stablecoin delivered and confirmed; money is conserved', async () => {
    const totalBefore = totalOf(ctx.server);
    const vendorTron = fx.wallet('vendor@coinpool.test', 'tron').id;
    const aliceTron = fx.wallet('alice@coinpool.test', 'tron').id;
    const vendorBefore = balance(ctx.server, vendorTron);
    const aliceBefore = balance(ctx.server, aliceTron);
    const offer = await newSellOffer();

    const order = await onRampOrder(offer);
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect(order.body).toMatchObject({ status: 'pending', order_type: 'ON_RAMP_BUY', order_subtype: 'standard_onramp', crypto_amount: '100.00000000',
      usdt_amount: '100.00000000', fiat_amount: '13050.00', escrow_wallet_address: { String: '', Valid: false }, deposit_confirmations: 0,
      expires_at: '2026-11-22T09:30:00Z', corridor_id: null });
    expect(await offerAvailable(offer.id)).toBe('700.00000000');
    expect(balance(ctx.server, vendorTron).locked).toBe('100.00000000');

    const pay = await ctx.api.call('POST', '/api/v1/auth/orders/payment', { token: t.alice, body: { order_id: order.body.id, phone_number: '+254712345678' } });
    expect(pay.status, JSON.stringify(pay.body)).toBe(200);
    expect(pay.body).toMatchObject({ success: true, order_id: order.body.id, payment_method: 'mpesa', amount: '13050', response_code: '0',
      response_description: 'Success. Request accepted for processing', customer_message: 'Success. Request accepted for processing' });
    expect(pay.body.checkout_request_id).toMatch(/^ws_CO_\d+$/);
    const again = await ctx.api.call('POST', '/api/v1/auth/orders/payment', { token: t.alice, body: { order_id: order.body.id, phone_number: '254712345678' } });
    expect(again.status).toBe(409);
    const cancelWhilePaying = await ctx.api.call('PUT', `/api/v1/auth/order/id/${order.body.id}/cancel`, { token: t.alice });
    expect(cancelWhilePaying.status).toBe(409);
    expect(cancelWhilePaying.body.current_status).toBe('pending');

    await advance(ctx.api, 5);
    const paid = await ctx.api.call('GET', `/api/v1/auth/order/id/${order.body.id}/details`, { token: t.alice });
    expect(paid.body.status).toBe('processing');
    expect(paid.body.mpesa_receipt_number.Valid).toBe(true);
    expect(paid.body.payment_txn_id).toEqual(paid.body.mpesa_receipt_number);
    expect(paid.body.checkout_request_id).toEqual({ String: pay.body.checkout_request_id, Valid: true });
    expect(paid.body.payment_phone_number).toEqual({ String: '254712345678', Valid: true });
    const prompts = (await ctx.api.call('GET', '/__sandbox/mpesa/stk')).body;
    const prompt = (Array.isArray(prompts) ? prompts : prompts.prompts).find((p: any) => (p.checkout_request_id ?? p.id) === pay.body.checkout_request_id);
    expect(prompt.callback.Body.stkCallback.ResultCode).toBe(0);

    await advance(ctx.api, 5);
    const sent = await ctx.api.call('GET', `/api/v1/auth/order/id/${order.body.id}/details`, { token: t.alice });
    expect(sent.body.status).toBe('confirming');
    expect(sent.body.blockchain_txn_hash.String).toMatch(/^[0-9a-f]{64}$/);
    expect(balance(ctx.server, aliceTron).amount).toBe((Number(aliceBefore.amount) + 100).toFixed(8));

    await advance(ctx.api, 60);
    const done = await ctx.api.call('GET', `/api/v1/auth/order/id/${order.body.id}/details`, { token: t.vendor });
    expect(done.body).toMatchObject({ status: 'completed', customer_email: 'alice@coinpool.test', vendor_email: 'vendor@coinpool.test',
      offer_type: 'SELL', offer_rate: '130.50', customer_phone: '+254711222333' });
    expect(done.body.completed_at.Valid).toBe(true);
    expect(balance(ctx.server, vendorTron)).toEqual({ amount: (Number(vendorBefore.amount) - 100).toFixed(8), locked: vendorBefore.locked });
    expect(await offerAvailable(offer.id)).toBe('700.00000000');
    expect(totalOf(ctx.server)).toBe(totalBefore);

    const stats = await ctx.api.call('GET', `/api/v1/auth/orders/stats/customer/${fx.user('alice@coinpool.test').id}`, { token: t.alice });
    expect(stats.status).toBe(200);
    expect(stats.body.completed_orders).toBeGreaterThanOrEqual(1);
    expect(atob(stats.body.total_usdt)).toMatch(/^\d+\.\d{8}$/);
  });

  test('a completed order cannot be cancelled: 409 naming its status', async () => {
    const offer = await newSellOffer();
    const order = await onRampOrder(offer, '10');
    const pay = await ctx.api.call('POST', '/api/v1/auth/orders/payment', { token: t.alice, body: { order_id: order.body.id, phone_number: '254712345678' } });
    const r = await ctx.api.call('POST', `/__sandbox/mpesa/stk/${pay.body.checkout_request_id}/resolve`, { body: { result_code: 0 } });
    expect(r.status).toBe(200);
    const dup = await ctx.api.call('POST', `/__sandbox/mpesa/stk/${pay.body.checkout_request_id}/resolve`, { body: { result_code: 0 } });
    expect(dup.status).toBe(409);
    await advance(ctx.api, 70);
    expect(await orderStatus(ctx.api, t.alice, order.body.id)).toBe('completed');
    const c = await ctx.api.call('PUT', `/api/v1/auth/order/id/${order.body.id}/cancel`, { token: t.alice });
    expect(c.status).toBe(409);
    expect(c.body).toEqual({ error: 'order is completed; cannot cancel', current_status: 'completed' });
  });
});

describe('reservations', () => {
  test('limits are enforced and cancel gives the reservation and the vendor lock back', async () => {
    const offer = await newSellOffer();
    const vendorTron = fx.wallet('vendor@coinpool.test', 'tron').id;
    const lockedBefore = balance(ctx.server, vendorTron).locked;
    expect((await onRampOrder(offer, '4')).status).toBe(422);
    expect((await onRampOrder(offer, '501')).status).toBe(422);
    const order = await onRampOrder(offer, '250');
    expect(order.status).toBe(201);
    expect(await offerAvailable(offer.id)).toBe('550.00000000');
    expect(balance(ctx.server, vendorTron).locked).toBe((Number(lockedBefore) + 250).toFixed(8));
    expect((await ctx.api.call('PUT', `/api/v1/auth/order/id/${order.body.id}/cancel`, { token: t.bob })).status).toBe(403);
    const c = await ctx.api.call('PUT', `/api/v1/auth/order/id/${order.body.id}/cancel`, { token: t.vendor });
    expect(c.status).toBe(200);
    expect(c.body.status).toBe('cancelled');
    expect(await offerAvailable(offer.id)).toBe('800.00000000');
    expect(balance(ctx.server, vendorTron).locked).toBe(lockedBefore);
    const again = await ctx.api.call('PUT', `/api/v1/auth/order/id/${order.body.id}/cancel`, { token: t.alice });
    expect(again.status).toBe(409);
    expect(again.body.current_status).toBe('cancelled');
  });

  test('an unpaid order expires on the sandbox clock and releases its reservation', async () => {
    const offer = await newSellOffer();
    const order = await onRampOrder(offer, '50', { expires_at: '2026-11-22T23:00:00Z' });
    expect(order.status).toBe(201);
    expect(await offerAvailable(offer.id)).toBe('750.00000000');
    await ctx.api.call('POST', '/__sandbox/clock/set', { body: { now: '2026-11-22T23:00:01Z' } });
    Object.assign(t, await logins(ctx.api)); // the jump outlived the access tokens
    expect(await orderStatus(ctx.api, t.alice, order.body.id)).toBe('cancelled');
    expect(await offerAvailable(offer.id)).toBe('800.00000000');
    const pay = await ctx.api.call('POST', '/api/v1/auth/orders/payment', { token: t.alice, body: { order_id: order.body.id, phone_number: '254712345678' } });
    expect(pay.status).toBe(409);
    expect(pay.body.current_status).toBe('cancelled');
  });

  test('200 concurrent orders against one offer leave an exact available_amount', async () => {
    const vendor = fx.user('vendor@coinpool.test');
    const created = await ctx.api.call('POST', '/api/v1/auth/offers', { token: t.vendor, body: {
      vendor_id: vendor.id, offer_type: 'SELL', asset: 'USDT', crypto_amount: '1000', available_amount: '1000', rate: '130',
      min_order: '1', max_order: '1000' } });
    const offer = created.body;
    const vendorTron = fx.wallet('vendor@coinpool.test', 'tron').id;
    const lockedBefore = Number(balance(ctx.server, vendorTron).locked);
    const results = await Promise.all(Array.from({ length: 200 }, () => onRampOrder(offer, '7.3')));
    const ok = results.filter((r) => r.status === 201).length;
    expect(ok).toBe(136); // floor(1000 / 7.3)
    expect(results.filter((r) => r.status === 422).length).toBe(64);
    expect(await offerAvailable(offer.id)).toBe('7.20000000');
    expect(balance(ctx.server, vendorTron).locked).toBe((lockedBefore + 136 * 7.3).toFixed(8));
  });
});

describe('access and validation', () => {
  test('only parties read an order; bad input names the field', async () => {
    const offer = await newSellOffer();
    const order = await onRampOrder(offer, '10');
    expect((await ctx.api.call('GET', `/api/v1/auth/order/id/${order.body.id}/details`, { token: t.bob })).status).toBe(403);
    expect((await ctx.api.call('GET', `/api/v1/auth/order/id/${order.body.id}/details`, { token: t.admin })).status).toBe(200);
    expect((await ctx.api.call('GET', '/api/v1/auth/order/id/00000000-0000-4000-8000-00000000beef/details', { token: t.alice })).status).toBe(404);
    const bad = await onRampOrder(offer, '10', { payment_method: 'cash', order_type: 'OFF_RAMP_SELL' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: any) => d.pointer)).toEqual(expect.arrayContaining(['/payment_method', '/payout_phone']));
    const forBob = await onRampOrder(offer, '10', { customer_id: fx.user('bob@coinpool.test').id });
    expect(forBob.status).toBe(403);
    const inactiveFiat = await onRampOrder(offer, '10', { fiat_currency: 'XYZ' });
    expect(inactiveFiat.status).toBe(422);
    const bobPays = await ctx.api.call('POST', '/api/v1/auth/orders/payment', { token: t.bob, body: { order_id: order.body.id, phone_number: '254712345678' } });
    expect(bobPays.status).toBe(403);
    const list = await ctx.api.call('GET', '/api/v1/auth/orders?page_id=1&page_size=100&order_type=ON_RAMP_BUY', { token: t.bob });
    expect(list.body).toEqual([]);
    const mine = await ctx.api.call('GET', '/api/v1/auth/orders?page_id=1&page_size=2', { token: t.alice });
    expect(mine.body).toHaveLength(2);
    expect(mine.body[0].id).toBe(order.body.id);
    const pending: any[] = [];
    for (let page = 1; ; page++) {
      const r = await ctx.api.call('GET', `/api/v1/auth/orders/pending?page_id=${page}&page_size=100`, { token: t.alice });
      if (r.body.length === 0) break;
      pending.push(...r.body);
    }
    expect(pending.at(-1).id).toBe(order.body.id); // oldest first
    expect(pending.at(-1).rate).toBe('130.50');
    expect(pending.every((o: any) => o.status === 'pending' || o.status === 'awaiting_crypto')).toBe(true);
  });

  test('no response broke the contract', async () => {
    // The log lists the refused bad requests too; none of them may be a 5xx (our own contract violation).
    const v = await ctx.api.call('GET', '/__sandbox/violations');
    const ours = v.body.requests.filter((r: any) => r.status >= 500);
    expect(ours, JSON.stringify(ours)).toEqual([]);
    expect((await ctx.api.call('GET', '/__sandbox/problems')).body).toEqual([]);
  });
});
