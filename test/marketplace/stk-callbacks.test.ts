// STK callbacks that arrive twice or too late change nothing the second time; expiry by a clock jump releases what the
// order held; illegal moves are 409s naming the current status.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import type { DomainEvent } from '../../src/kernel/world.ts';
import { ledgerEntries } from '../../src/domain/ledger.ts';
import { advance, balance, fiatFor, fixtures, logins, orderStatus } from './support.ts';

const ctx = useServer({ strict: true });
let t: Awaited<ReturnType<typeof logins>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
const events: DomainEvent[] = [];
beforeAll(async () => {
  t = await logins(ctx.api);
  fx = await fixtures(ctx.api);
  ctx.server.sandbox.world.onEvent((e) => { events.push(e); });
});

async function newOffer() {
  const r = await ctx.api.call('POST', '/api/v1/auth/offers', { token: t.vendor, body: {
    vendor_id: fx.user('vendor@coinpool.test').id, offer_type: 'SELL', asset: 'USDT', crypto_amount: '500', available_amount: '500', rate: '130',
    min_order: '1', max_order: '500' } });
  expect(r.status).toBe(201);
  return r.body;
}

async function order(offer: any, amount: string, extra: Record<string, unknown> = {}) {
  const r = await ctx.api.call('POST', '/api/v1/auth/orders', { token: t.alice, body: {
    customer_id: fx.user('alice@coinpool.test').id, vendor_id: offer.vendor_id, offer_id: offer.id, crypto_amount: amount, fiat_amount: fiatFor(offer, amount),
    fiat_currency: 'KES', wallet_address: fx.wallet('alice@coinpool.test', 'tron').address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY', ...extra } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

const pay = (orderId: string, phone: string) =>
  ctx.api.call('POST', '/api/v1/auth/orders/payment', { token: t.alice, body: { order_id: orderId, phone_number: phone } });
const resolve = (checkout: string, code: number) =>
  ctx.api.call('POST', `/__sandbox/mpesa/stk/${checkout}/resolve`, { body: { result_code: code } });
const details = async (id: string) => (await ctx.api.call('GET', `/api/v1/auth/order/id/${id}/details`, { token: t.alice })).body;
const available = async (offerId: string) =>
  (await ctx.api.call('GET', '/api/v1/auth/customer/transactions?page_size=100', { token: t.vendor })).body.offers.find((o: any) => o.id === offerId).available_amount;
const eventsOf = (type: string, pick: (d: any) => boolean) => events.filter((e) => e.type === type && pick(e.data));
const ledgerOf = (orderId: string) => ledgerEntries(ctx.server.sandbox.world).filter((e: any) => JSON.stringify(e).includes(orderId)).length;

describe('duplicate and late STK callbacks', () => {
  test('a duplicate success callback is refused and changes nothing: one payment, one delivery, one receipt', async () => {
    const offer = await newOffer();
    const o = await order(offer, '10');
    const aliceTron = fx.wallet('alice@coinpool.test', 'tron').id;
    const aliceBefore = balance(ctx.server, aliceTron).amount;
    const p = await pay(o.id, '254712345678');
    const first = await resolve(p.body.checkout_request_id, 0);
    expect(first.status).toBe(200);
    expect(first.body.callback.Body.stkCallback).toMatchObject({ MerchantRequestID: p.body.merchant_request_id, ResultCode: 0 });
    const paid = await details(o.id);
    expect(paid.status).toBe('processing');

    const dupSuccess = await resolve(p.body.checkout_request_id, 0);
    expect(dupSuccess.status).toBe(409);
    expect(dupSuccess.body.current_status).toBe('succeeded');
    const dupFailure = await resolve(p.body.checkout_request_id, 1032);
    expect(dupFailure.status).toBe(409);
    // Neither the scheduled callback (due at +5 s) nor the duplicates do anything more.
    await advance(ctx.api, 5);
    const after = await details(o.id);
    expect(after.mpesa_receipt_number).toEqual(paid.mpesa_receipt_number);
    expect(after.status).toBe('confirming');
    await advance(ctx.api, 600);
    t = await logins(ctx.api);
    expect(await orderStatus(ctx.api, t.alice, o.id)).toBe('completed');
    expect(balance(ctx.server, aliceTron).amount).toBe((Number(aliceBefore) + 10).toFixed(8));
    expect(eventsOf('payment.status_changed', (d) => d.reference_id === o.id)).toHaveLength(1);
    expect(eventsOf('order.status_changed', (d) => d.order_id === o.id).map((e) => (e.data as any).reason))
      .toEqual(['created', 'payment_received', 'crypto_sent', 'crypto_confirmed']);
    const prompts = (await ctx.api.call('GET', '/__sandbox/mpesa/stk')).body.filter((x: any) => x.reference_id === o.id);
    expect(prompts).toHaveLength(1);
    expect(prompts[0].status).toBe('succeeded');
  });

  test('a late success for a cancelled order is reversed to the payer: no move, no release twice', async () => {
    const offer = await newOffer();
    const vendorTron = fx.wallet('vendor@coinpool.test', 'tron').id;
    const lockedBefore = balance(ctx.server, vendorTron).locked;
    const o = await order(offer, '25');
    const p = await pay(o.id, '254711119999'); // never calls back by itself
    expect(p.status).toBe(200);
    const c = await ctx.api.call('PUT', `/api/v1/auth/order/id/${o.id}/cancel`, { token: t.alice });
    expect(c.status).toBe(200);
    expect(await available(offer.id)).toBe('500.00000000');
    expect(balance(ctx.server, vendorTron).locked).toBe(lockedBefore);
    const ledgerBefore = ledgerOf(o.id);
    const orderEvents = eventsOf('order.status_changed', (d) => d.order_id === o.id).length;

    const late = await resolve(p.body.checkout_request_id, 0);
    expect(late.status).toBe(200);
    // The money went back to the payer (issue 17): the prompt says so, and the partner hears succeeded, then reversed.
    expect(late.body).toMatchObject({ status: 'reversed', result_code: 0, mpesa_receipt_number: expect.stringMatching(/^[A-Z0-9]{10}$/),
      reversal_reason: `order ${o.id} is cancelled; the payment was reversed to the payer`, reversed_at: expect.any(String) });
    const listed = (await ctx.api.call('GET', '/__sandbox/mpesa/stk')).body.find((x: any) => x.checkout_request_id === p.body.checkout_request_id);
    expect(listed.status).toBe('reversed');
    expect(eventsOf('payment.status_changed', (d) => d.checkout_request_id === p.body.checkout_request_id).map((e: any) => e.data.status)).toEqual(['succeeded', 'reversed']);
    const after = await details(o.id);
    expect(after.status).toBe('cancelled');
    expect(after.mpesa_receipt_number).toEqual({ String: '', Valid: false });
    expect(await available(offer.id)).toBe('500.00000000');
    expect(balance(ctx.server, vendorTron).locked).toBe(lockedBefore);
    expect(ledgerOf(o.id)).toBe(ledgerBefore);
    expect(eventsOf('order.status_changed', (d) => d.order_id === o.id)).toHaveLength(orderEvents);
    expect((await resolve(p.body.checkout_request_id, 0)).status).toBe(409);
  });

  test('a failure callback after a success on a re-push leaves the paid order alone', async () => {
    const offer = await newOffer();
    const o = await order(offer, '5');
    const silent = await pay(o.id, '254711119999');
    const ok = await pay(o.id, '254712345678'); // a 9999 prompt does not block a new push
    expect(ok.status).toBe(200);
    await advance(ctx.api, 5);
    expect(await orderStatus(ctx.api, t.alice, o.id)).toBe('processing');
    const receipt = (await details(o.id)).mpesa_receipt_number;
    expect((await resolve(silent.body.checkout_request_id, 1032)).status).toBe(200);
    expect((await details(o.id)).mpesa_receipt_number).toEqual(receipt);
    expect(await orderStatus(ctx.api, t.alice, o.id)).toBe('processing');
  });
});

describe('expiry and illegal moves', () => {
  test('an unpaid order expires by a clock advance: offer reservation and vendor lock come back', async () => {
    const offer = await newOffer();
    const vendorTron = fx.wallet('vendor@coinpool.test', 'tron').id;
    await advance(ctx.api, 120); // earlier tests' paid orders finish delivering (their locks go)
    t = await logins(ctx.api);
    const lockedBefore = balance(ctx.server, vendorTron).locked;
    const now = Date.parse((await ctx.api.call('GET', '/__sandbox/clock')).body.now);
    const o = await order(offer, '40', { expires_at: new Date(now + 120_000).toISOString() });
    expect(await available(offer.id)).toBe('460.00000000');
    expect(balance(ctx.server, vendorTron).locked).toBe((Number(lockedBefore) + 40).toFixed(8));
    await advance(ctx.api, 119);
    expect(await orderStatus(ctx.api, t.alice, o.id)).toBe('pending');
    await advance(ctx.api, 1);
    expect(await orderStatus(ctx.api, t.alice, o.id)).toBe('cancelled');
    expect(await available(offer.id)).toBe('500.00000000');
    expect(balance(ctx.server, vendorTron).locked).toBe(lockedBefore);
    expect(eventsOf('order.status_changed', (d) => d.order_id === o.id).map((e) => (e.data as any).reason)).toEqual(['created', 'expired']);
    const cancel = await ctx.api.call('PUT', `/api/v1/auth/order/id/${o.id}/cancel`, { token: t.alice });
    expect(cancel.status).toBe(409);
    expect(cancel.body.current_status).toBe('cancelled');
  });

  test('paying, cancelling or sending for an order past pending is a 409 naming its status', async () => {
    const offer = await newOffer();
    const o = await order(offer, '3');
    const p = await pay(o.id, '254712345678');
    await resolve(p.body.checkout_request_id, 0);
    const again = await pay(o.id, '254712345678');
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: 'order is processing; cannot start a payment', current_status: 'processing' });
    const cancel = await ctx.api.call('PUT', `/api/v1/auth/order/id/${o.id}/cancel`, { token: t.vendor });
    expect(cancel.status).toBe(409);
    expect(cancel.body).toEqual({ error: 'order is processing; cannot cancel', current_status: 'processing' });
    const send = await ctx.api.call('POST', `/api/v1/auth/orders/${o.id}/send-payment`, { token: t.alice,
      body: { wallet_id: fx.wallet('alice@coinpool.test', 'tron').id, confirm: true } });
    expect(send.status).toBe(409);
    expect(send.body.current_status).toBe('processing');
  });

  test('no response broke the contract', async () => {
    expect(ctx.server.sandbox.options.strict).toBe(true);
    expect((await ctx.api.call('GET', '/__sandbox/problems')).body).toEqual([]);
    expect((await ctx.api.call('GET', '/__sandbox/violations')).body.requests.filter((r: any) => r.status >= 500)).toEqual([]);
  });
});
