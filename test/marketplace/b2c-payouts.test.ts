// The fiat leg of off-ramp orders can fail: the M-Pesa B2C payout's Daraja result is chosen by the payout number's
// ending (2040, 0001, 2001 fail; 9999 never reports; anything else succeeds) or sent through the control API. A failed
// payout makes the order `failed` and gives the escrowed stablecoin back to the customer, exactly once; the books balance.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import type { DomainEvent } from '../../src/kernel/world.ts';
import { advance, balance, fixtures, logins, orderStatus, totalOf } from './support.ts';

const ctx = useServer({ strict: true });
let t: Awaited<ReturnType<typeof logins>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
let receiver: WebhookReceiver;
const events: DomainEvent[] = [];
beforeAll(async () => {
  t = await logins(ctx.api);
  fx = await fixtures(ctx.api);
  ctx.server.sandbox.world.onEvent((e) => { events.push(e); });
  receiver = await startWebhookReceiver();
  const reg = await ctx.api.call('POST', '/__sandbox/webhooks', { body: { url: `${receiver.base}/hooks`, secret: 'whsec_b2c', events: ['order.*', 'payout.*'] } });
  expect(reg.status).toBe(201);
  return () => receiver.close();
});

const aliceTron = () => fx.wallet('alice@coinpool.test', 'tron').id;
const vendorTron = () => fx.wallet('vendor@coinpool.test', 'tron').id;
const details = async (id: string) => (await ctx.api.call('GET', `/api/v1/auth/order/id/${id}/details`, { token: t.alice })).body;
const payouts = async () => (await ctx.api.call('GET', '/__sandbox/mpesa/b2c')).body as any[];
const payoutOf = async (orderId: string) => (await payouts()).find((p) => p.reference_id === orderId);
const resolve = (payoutId: string, body: unknown) => ctx.api.call('POST', `/__sandbox/mpesa/b2c/${payoutId}/resolve`, { body });
const offerAvailable = async () => (await ctx.api.call('GET', '/api/v1/auth/offers/type/BUY?page_id=1&page_size=10', { token: t.alice })).body
  .find((x: any) => x.id === fx.offer('vendor_buy_usdt_tron').id).available_amount;
const reasonsOf = (orderId: string) => events.filter((e) => e.type === 'order.status_changed' && e.data.order_id === orderId).map((e) => e.data.reason);
const payoutEventsOf = (orderId: string) => events.filter((e) => e.type === 'payout.status_changed' && e.data.reference_id === orderId);

/** What a failed payout must leave exactly as it was: the customer's and the vendor's wallets, the offer, the books. */
async function snapshot() {
  return { alice: balance(ctx.server, aliceTron()), vendor: balance(ctx.server, vendorTron()), total: totalOf(ctx.server), offer: await offerAvailable() };
}

/** An off-ramp order of 10 USDT paid out to `phone`, funded in-app from Alice's TRON wallet and played to `processing`. */
async function processingOrder(phone: string): Promise<any> {
  const offer = fx.offer('vendor_buy_usdt_tron');
  const o = await ctx.api.call('POST', '/api/v1/auth/orders', { token: t.alice, body: {
    customer_id: fx.user('alice@coinpool.test').id, vendor_id: offer.vendor_id, offer_id: offer.id, crypto_amount: '10', fiat_amount: '1293.50',
    fiat_currency: 'KES', wallet_address: fx.wallet('alice@coinpool.test', 'tron').address, payment_method: 'mpesa', order_type: 'OFF_RAMP_SELL',
    payout_phone: phone } });
  expect(o.status, JSON.stringify(o.body)).toBe(201);
  const sent = await ctx.api.call('POST', `/api/v1/auth/orders/${o.body.id}/send-payment`, { token: t.alice, body: { wallet_id: aliceTron(), confirm: true } });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  await advance(ctx.api, 60);
  expect(await orderStatus(ctx.api, t.alice, o.body.id)).toBe('crypto_received');
  // settled to the vendor but held there until the payout reports
  expect(balance(ctx.server, vendorTron()).locked).not.toBe('0.00000000');
  await advance(ctx.api, 5);
  const d = await details(o.body.id);
  expect(d.status).toBe('processing');
  return d;
}

describe('B2C payout outcomes on an off-ramp order', () => {
  test.each([
    ['254711002040', 2040, 'Credit Party customer type (Unregistered or Registered Customer) can\'t be supported by the service.'],
    ['254711000001', 1, 'The balance is insufficient for the transaction.'],
    ['254711002001', 2001, 'The initiator information is invalid.'],
  ])('payout number %s: ResultCode %i fails the order and the stablecoin goes back to the customer', async (phone, code, desc) => {
    const before = await snapshot();
    const o = await processingOrder(phone);
    await advance(ctx.api, 10);
    const d = await details(o.id);
    expect(d.status).toBe('failed');
    expect(d.blockchain_txn_hash).toMatchObject({ Valid: true }); // the refund's hash
    expect(d.blockchain_txn_hash.String).toMatch(/^[0-9a-f]{64}$/);
    const after = await snapshot();
    expect(after).toEqual(before);

    const p = await payoutOf(o.id);
    expect(p).toMatchObject({ status: 'failed', result_code: code, result_desc: desc, destination: phone, amount: '1293.50', currency: 'KES',
      method: 'mpesa', purpose: 'order', transaction_id: o.payment_txn_id.String, completed_at: null });
    expect(p.result).toEqual({ Result: { ResultType: 0, ResultCode: code, ResultDesc: desc, OriginatorConversationID: p.originator_conversation_id,
      ConversationID: p.conversation_id, TransactionID: p.transaction_id } });
    expect(p.conversation_id).toMatch(/^AG_\d{8}_[0-9a-f]{20}$/);

    expect(reasonsOf(o.id)).toEqual(['created', 'deposit_detected', 'deposit_confirmed', 'payout_started', 'payout_failed']);
    const [ev] = payoutEventsOf(o.id);
    expect(payoutEventsOf(o.id)).toHaveLength(1);
    expect(ev.data).toMatchObject({ payout_id: p.payout_id, status: 'failed', result_code: code, result_desc: desc, transaction_id: p.transaction_id });
  });

  test('any other number succeeds with ResultParameters; the vendor keeps the stablecoin', async () => {
    const before = await snapshot();
    const o = await processingOrder('254711000222');
    await advance(ctx.api, 10);
    expect((await details(o.id)).status).toBe('completed');
    const p = await payoutOf(o.id);
    expect(p).toMatchObject({ status: 'completed', result_code: 0, result_desc: 'The service request is processed successfully.' });
    expect(p.completed_at).toBe(p.resolved_at);
    expect(p.result.Result.ResultParameters.ResultParameter).toEqual([
      { Key: 'TransactionAmount', Value: 1293.5 },
      { Key: 'TransactionReceipt', Value: p.transaction_id },
      { Key: 'ReceiverPartyPublicName', Value: '254711000222 - M-PESA CUSTOMER' },
      { Key: 'TransactionCompletedDateTime', Value: expect.stringMatching(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/) },
      { Key: 'B2CRecipientIsRegisteredCustomer', Value: 'Y' },
    ]);
    const after = await snapshot();
    expect(after.alice).toEqual({ amount: (Number(before.alice.amount) - 10).toFixed(8), locked: before.alice.locked });
    expect(after.vendor).toEqual({ amount: (Number(before.vendor.amount) + 10).toFixed(8), locked: before.vendor.locked });
    expect(after.total).toBe(before.total);
    expect(reasonsOf(o.id).at(-1)).toBe('payout_completed');
  });
});

describe('a payout that never reports, and the control API', () => {
  test('GET /__sandbox/mpesa/b2c/outcomes lists the magic endings the payouts above follow', async () => {
    const r = await ctx.api.call('GET', '/__sandbox/mpesa/b2c/outcomes');
    expect(r.status).toBe(200);
    expect(r.body.map((o: any) => [o.suffix, o.result_code])).toEqual([['2040', 2040], ['0001', 1], ['2001', 2001], [null, 0], ['9999', null]]);
  });

  test('9999 stays processing until resolved; resolving it fails the order once; 404 and 409 name what is wrong', async () => {
    const before = await snapshot();
    const o = await processingOrder('254711009999');
    const pending = await payoutOf(o.id);
    expect(pending).toMatchObject({ status: 'processing', resolves_at: null, result: null, result_code: null });
    await advance(ctx.api, 3600);
    t = await logins(ctx.api);
    expect(await orderStatus(ctx.api, t.alice, o.id)).toBe('processing');
    expect(payoutEventsOf(o.id)).toHaveLength(0);

    const bad = await resolve(pending.payout_id, { result_code: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: any) => d.pointer)).toContain('/result_code');
    const unknown = await resolve('00000000-0000-4000-8000-000000000000', { result_code: 0 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/no M-Pesa B2C payout/);

    const r = await resolve(pending.payout_id, { result_code: 2040 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'failed', result_code: 2040 });
    expect(await orderStatus(ctx.api, t.alice, o.id)).toBe('failed');
    expect(await snapshot()).toEqual(before);

    const again = await resolve(pending.payout_id, { result_code: 0 });
    expect([again.status, again.body.current_status]).toEqual([409, 'failed']);
    expect(await orderStatus(ctx.api, t.alice, o.id)).toBe('failed');
    expect(await snapshot()).toEqual(before);
    expect(payoutEventsOf(o.id)).toHaveLength(1);
    expect(reasonsOf(o.id).filter((r) => r === 'payout_failed')).toHaveLength(1);

    const cancel = await ctx.api.call('PUT', `/api/v1/auth/order/id/${o.id}/cancel`, { token: t.alice });
    expect([cancel.status, cancel.body.current_status]).toEqual([409, 'failed']);
  });

  test('a result sent early wins; the due result then changes nothing (no second event, no second movement)', async () => {
    const before = await snapshot();
    const o = await processingOrder('254711002040'); // would fail at its due time
    const p = await payoutOf(o.id);
    const r = await resolve(p.payout_id, { result_code: 0 });
    expect(r.body).toMatchObject({ status: 'completed', result_code: 0 });
    expect(r.body.result.Result.ResultParameters).toBeDefined();
    await advance(ctx.api, 30);
    expect((await details(o.id)).status).toBe('completed');
    expect(payoutEventsOf(o.id)).toHaveLength(1);
    expect(reasonsOf(o.id).filter((x) => x === 'payout_completed')).toHaveLength(1);
    expect((await snapshot()).vendor).toEqual({ amount: (Number(before.vendor.amount) + 10).toFixed(8), locked: before.vendor.locked });
    const late = await resolve(p.payout_id, { result_code: 2040 });
    expect([late.status, late.body.current_status]).toEqual([409, 'completed']);
    expect(late.body.error).toMatch(/already completed/);
  });
});

describe('remittances paid out by M-Pesa', () => {
  test('a remittance order whose beneficiary is not registered fails and refunds the sender\'s wallet', async () => {
    const before = await snapshot();
    const offer = fx.offer('vendor_buy_usdt_tron');
    const lane = fx.lane('offramp_usdt_kes_tron');
    const o = await ctx.api.call('POST', '/api/v1/auth/remittance/off-ramp/orders', { token: t.alice, body: {
      customer_id: fx.user('alice@coinpool.test').id, vendor_id: offer.vendor_id, offer_id: offer.id, sender_name: 'Amina Clarke',
      sender_country: 'GB', sender_phone: '+447700900123', sender_wallet_address: fx.wallet('alice@coinpool.test', 'tron').address,
      beneficiary_phone: '254727002040', beneficiary_country: 'KE', beneficiary_fiat_amount: '1000.00', fiat_currency: 'KES',
      payment_method: 'mpesa', pricing_profile_id: lane.profile, fx_rate_quote_id: lane.quote } });
    expect(o.status, JSON.stringify(o.body)).toBe(201);
    const sent = await ctx.api.call('POST', `/api/v1/auth/orders/${o.body.id}/send-payment`, { token: t.alice, body: { wallet_id: aliceTron(), confirm: true } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    await advance(ctx.api, 80);
    expect(await orderStatus(ctx.api, t.alice, o.body.id)).toBe('failed');
    expect(await payoutOf(o.body.id)).toMatchObject({ status: 'failed', result_code: 2040, destination: '254727002040' });
    expect(await snapshot()).toEqual(before);
    expect(reasonsOf(o.body.id).at(-1)).toBe('payout_failed');
  });

  test('a custodial remittance whose payout fails credits the custodial wallet back; the draft cannot be confirmed again', async () => {
    const before = await snapshot();
    const lane = fx.lane('offramp_usdt_kes_tron');
    const d = await ctx.api.call('POST', '/api/v1/auth/remittance/custodial/drafts', { token: t.alice, body: {
      custodial_wallet_id: aliceTron(), beneficiary_fiat_amount: '1000.00', fiat_currency: 'KES', pricing_profile_id: lane.profile,
      fx_rate_quote_id: lane.quote, sender_name: 'Alice', sender_country: 'GB', sender_phone: '+447700900123', beneficiary_country: 'KE',
      beneficiary_phone: '254727000001' } });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    const c = await ctx.api.call('POST', `/api/v1/auth/remittance/custodial/drafts/${d.body.draft.id}/confirm`, { token: t.alice, body: {} });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    await advance(ctx.api, 80);
    expect(await orderStatus(ctx.api, t.alice, c.body.order.id)).toBe('failed');
    expect(await payoutOf(c.body.order.id)).toMatchObject({ status: 'failed', result_code: 1 });
    expect(await snapshot()).toEqual(before);
    const again = await ctx.api.call('POST', `/api/v1/auth/remittance/custodial/drafts/${d.body.draft.id}/confirm`, { token: t.alice, body: {} });
    expect([again.status, again.body.current_status]).toEqual([409, 'confirmed']);
  });
});

describe('webhooks and the contract', () => {
  test('order.status_changed (payout_failed) and payout.status_changed went out through the partner webhooks', async () => {
    const deliveries = (await ctx.api.call('GET', '/__sandbox/webhooks/deliveries')).body as any[];
    const failedOrders = deliveries.filter((d) => d.event_type === 'order.status_changed' && d.event.data.reason === 'payout_failed');
    expect(failedOrders.length).toBeGreaterThanOrEqual(6);
    expect(failedOrders.every((d) => d.event.data.status === 'failed' && d.event.data.previous_status === 'processing')).toBe(true);
    const payoutEvents = deliveries.filter((d) => d.event_type === 'payout.status_changed');
    expect(payoutEvents.map((d) => d.event.data.status).sort()).toEqual(
      events.filter((e) => e.type === 'payout.status_changed').map((e) => e.data.status).sort());
    expect(payoutEvents.some((d) => d.event.data.result_code === 2040)).toBe(true);
  });

  test('no response, event or Daraja body broke the contract', async () => {
    expect((await ctx.api.call('GET', '/__sandbox/problems')).body).toEqual([]);
    expect((await ctx.api.call('GET', '/__sandbox/violations')).body.requests.filter((r: any) => r.status >= 500)).toEqual([]);
  });
});
