// M-Pesa C2B confirmations (stored once per TransID, matched to a merchant account, settled) and partner webhooks:
// signature verification against a local receiver that fails twice, retries on the sandbox clock, order events.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { startWebhookReceiver, type ReceivedHook, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { advance, fixtures, logins } from './support.ts';
import { c2bPayments, c2bSettlements } from '../../src/domain/marketplace/tables.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof logins>>;
let fx: Awaited<ReturnType<typeof fixtures>>;

type Received = ReceivedHook;
let received: Received[] = [];
let failuresLeft = 2;
let receiver: WebhookReceiver;
let receiverUrl = '';

beforeAll(async () => {
  t = await logins(ctx.api);
  fx = await fixtures(ctx.api);
  // Fails the first two c2b.payment.settled deliveries, accepts everything else.
  receiver = await startWebhookReceiver((hook) => {
    const isC2b = JSON.parse(hook.body).type === 'c2b.payment.settled';
    if (isC2b && failuresLeft > 0) { failuresLeft--; return 503; }
    return 200;
  });
  received = receiver.received;
  receiverUrl = `${receiver.base}/hooks`;
});
afterAll(() => receiver.close());

const SECRET = 'whsec_test_secret';
const verify = (r: Received) => {
  const header = String(r.headers['coinpool-signature']);
  const [, ts, sig] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? [];
  return !!ts && createHmac('sha256', SECRET).update(`${ts}.${r.body}`).digest('hex') === sig;
};
const waitFor = async (pred: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!pred()) throw new Error(`timed out waiting for ${what}`);
};
const c2bOf = () => received.filter((r) => JSON.parse(r.body).type === 'c2b.payment.settled');

function confirmation(extra: Record<string, unknown> = {}) {
  return { TransactionType: 'Pay Bill', TransID: 'TKA3B7C9D1', TransTime: '20261122120000', TransAmount: '5000', BusinessShortCode: '600984',
    BillRefNumber: ' mrc-vendor-001 ', InvoiceNumber: '', OrgAccountBalance: '125000.00', ThirdPartyTransID: '', MSISDN: '254727648169',
    FirstName: 'Jane', MiddleName: '', LastName: 'Wanjiku', ...extra };
}

describe('C2B confirmation and webhooks', () => {
  test('a matched payment is settled once and its webhook is signed and retried until the receiver accepts it', async () => {
    const reg = await ctx.api.call('POST', '/__sandbox/webhooks', { body: { url: receiverUrl, secret: SECRET, events: ['c2b.payment.settled', 'order.*'] } });
    expect(reg.status).toBe(201);

    const r = await ctx.api.call('POST', '/api/v1/mpesa/c2b/confirmation', { body: confirmation() });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ResultCode: 0, ResultDesc: 'Success' });
    const world = ctx.server.sandbox.world;
    expect(c2bPayments(world).filter((p) => p.trans_id === 'TKA3B7C9D1')).toHaveLength(1);
    const settlement = c2bSettlements(world).all()[0];
    expect(settlement).toMatchObject({ merchant_id: fx.user('vendor@coinpool.test').id, amount: '5000.00', currency: 'KES', account_reference: 'MRC-VENDOR-001' });

    await waitFor(() => c2bOf().length === 1, 'the first attempt');
    await advance(ctx.api, 10);
    await waitFor(() => c2bOf().length === 2, 'the second attempt');
    await advance(ctx.api, 30);
    await waitFor(() => c2bOf().length === 3, 'the third attempt');
    const attempts = c2bOf();
    expect(attempts.every(verify)).toBe(true);
    expect(new Set(attempts.map((a) => a.body)).size).toBe(1); // the same event each time
    const event = JSON.parse(attempts[0].body);
    expect(event).toMatchObject({ type: 'c2b.payment.settled', data: { trans_id: 'TKA3B7C9D1', amount: '5000.00', bill_ref_number: ' mrc-vendor-001 ',
      account_reference: 'MRC-VENDOR-001', transacted_at: '2026-11-22T09:00:00Z', payer_name: 'Jane Wanjiku', settlement_id: settlement.id } });
    const tampered = { ...attempts[0], body: attempts[0].body.replace('5000.00', '9000.00') };
    expect(verify(tampered)).toBe(false);

    // The attempt is recorded once the receiver's answer is in.
    let deliveries: any[] = [];
    for (let i = 0; i < 100; i++) {
      deliveries = (await ctx.api.call('GET', '/__sandbox/webhooks/deliveries')).body.filter((d: any) => d.event_type === 'c2b.payment.settled');
      if (deliveries[0]?.status === 'delivered') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0].status).toBe('delivered');
    expect(deliveries[0].attempts.map((a: any) => a.status)).toEqual([503, 503, 200]);

    const dup = await ctx.api.call('POST', '/api/v1/mpesa/c2b/confirmation', { body: confirmation() });
    expect(dup.body).toEqual({ ResultCode: 0, ResultDesc: 'Success' });
    expect(c2bPayments(world).filter((p) => p.trans_id === 'TKA3B7C9D1')).toHaveLength(1);
    expect(c2bSettlements(world).all()).toHaveLength(1);
  });

  test('an unmatched payment is stored without settlement; a malformed body is a 400 naming the field', async () => {
    const world = ctx.server.sandbox.world;
    const r = await ctx.api.call('POST', '/api/v1/mpesa/c2b/confirmation', { body: confirmation({ TransID: 'TKB0000001', BillRefNumber: 'NOBODY' }) });
    expect(r.status).toBe(200);
    expect(c2bPayments(world).find((p) => p.trans_id === 'TKB0000001')).toBeTruthy();
    expect(c2bSettlements(world).all()).toHaveLength(1);
    const bad = await ctx.api.call('POST', '/api/v1/mpesa/c2b/confirmation', { body: confirmation({ TransID: 'TKB0000002', TransAmount: 'lots' }) });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: any) => d.pointer)).toContain('/TransAmount');
    const badTime = await ctx.api.call('POST', '/api/v1/mpesa/c2b/confirmation', { body: confirmation({ TransID: 'TKB0000003', TransTime: '20261399250000' }) });
    expect(badTime.status).toBe(400);
    expect(c2bPayments(world).find((p) => p.trans_id === 'TKB0000003')).toBeUndefined();
  });

  test('order status changes reach the partner as signed order.status_changed events', async () => {
    const offer = fx.offer('vendor_sell_usdt');
    const o = await ctx.api.call('POST', '/api/v1/auth/orders', { token: t.alice, body: {
      customer_id: fx.user('alice@coinpool.test').id, vendor_id: offer.vendor_id, offer_id: offer.id, crypto_amount: '5', fiat_amount: '655',
      fiat_currency: 'KES', wallet_address: fx.wallet('alice@coinpool.test', 'tron').address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY' } });
    expect(o.status).toBe(201);
    await ctx.api.call('PUT', `/api/v1/auth/order/id/${o.body.id}/cancel`, { token: t.alice });
    const mine = () => received.map((r) => JSON.parse(r.body)).filter((e) => e.type === 'order.status_changed' && e.data.order_id === o.body.id);
    await waitFor(() => mine().length === 2, 'two order events');
    expect(mine().map((e) => [e.data.previous_status, e.data.status, e.data.reason])).toEqual([
      [null, 'pending', 'created'], ['pending', 'cancelled', 'cancelled_by_customer']]);
    expect(received.filter((r) => JSON.parse(r.body).type === 'order.status_changed').every(verify)).toBe(true);
  });

  test('no response or event broke the contract', async () => {
    expect((await ctx.api.call('GET', '/__sandbox/problems')).body).toEqual([]);
    expect((await ctx.api.call('GET', '/__sandbox/violations')).body.requests.filter((r: any) => r.status >= 500)).toEqual([]);
  });
});
