// Partner webhooks against local receivers: payment.status_changed reaches the partner signed; a receiver that never
// accepts gets exactly 5 attempts, 10/30/90/270 s apart on the sandbox clock (never earlier), each one listed at
// GET /__sandbox/webhooks/deliveries and each signed with HMAC-SHA256 over "<t>.<body>" where t is the attempt's time.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { startWebhookReceiver, type ReceivedHook, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { advance, fixtures, logins } from './support.ts';

const ctx = useServer({ strict: true });
const SECRET = 'whsec_retry_secret';

type Received = ReceivedHook;
let received: Received[] = [];
let receiver: WebhookReceiver;
let base = '';

beforeAll(async () => {
  receiver = await startWebhookReceiver((hook) => (hook.path === '/fail' ? 500 : 204));
  received = receiver.received;
  base = receiver.base;
});
afterAll(() => receiver.close());

/** Checks the header independently of the sandbox's code: t=<unix s>,v1=<hex HMAC-SHA256(secret, "t.body")>. */
function signedAt(r: Received, secret = SECRET): number | null {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(r.headers['coinpool-signature']));
  if (!m) return null;
  return createHmac('sha256', secret).update(`${m[1]}.${r.body}`).digest('hex') === m[2] ? Number(m[1]) : null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(read: () => Promise<T> | T, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await read();
    if (ok(v)) return v;
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}
const deliveriesOf = async (type: string) =>
  (await ctx.api.call('GET', '/__sandbox/webhooks/deliveries')).body.filter((d: any) => d.event_type === type);
const at = (path: string) => received.filter((r) => r.path === path);

describe('partner webhooks', () => {
  test('payment.status_changed reaches the partner, signed, when an order\'s STK prompt resolves', async () => {
    const t = await logins(ctx.api);
    const fx = await fixtures(ctx.api);
    const reg = await ctx.api.call('POST', '/__sandbox/webhooks', { body: { url: `${base}/ok`, secret: SECRET, events: ['payment.*'] } });
    expect(reg.status).toBe(201);
    const offer = fx.offer('vendor_sell_usdt');
    const o = await ctx.api.call('POST', '/api/v1/auth/orders', { token: t.alice, body: {
      customer_id: fx.user('alice@coinpool.test').id, vendor_id: offer.vendor_id, offer_id: offer.id, crypto_amount: '2', fiat_amount: '262',
      fiat_currency: 'KES', wallet_address: fx.wallet('alice@coinpool.test', 'tron').address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY' } });
    expect(o.status).toBe(201);
    const pay = await ctx.api.call('POST', '/api/v1/auth/orders/payment', { token: t.alice, body: { order_id: o.body.id, phone_number: '254711111032' } });
    expect(pay.status).toBe(200);
    expect(at('/ok')).toHaveLength(0); // nothing before the prompt resolves, and order events are not subscribed
    await advance(ctx.api, 5);
    await until(() => at('/ok'), (r) => r.length === 1, 'the payment event');
    const [hit] = at('/ok');
    const clockNow = Date.parse((await ctx.api.call('GET', '/__sandbox/clock')).body.now) / 1000;
    expect(signedAt(hit)).toBe(clockNow);
    expect(signedAt(hit, 'another-secret')).toBeNull();
    expect(hit.headers['coinpool-event']).toBe('payment.status_changed');
    expect(JSON.parse(hit.body)).toMatchObject({ type: 'payment.status_changed', data: { checkout_request_id: pay.body.checkout_request_id,
      purpose: 'order', reference_id: o.body.id, status: 'failed', result_code: 1032, mpesa_receipt_number: null, amount: '262' } });
    const [delivery] = await until(() => deliveriesOf('payment.status_changed'), (d) => d[0]?.status === 'delivered', 'the delivery record');
    expect(delivery.attempts.map((a: any) => a.status)).toEqual([204]);
  });

  test('a receiver that always fails gets 5 attempts after 10, 30, 90 and 270 s of sandbox time, then none', async () => {
    const reg = await ctx.api.call('POST', '/__sandbox/webhooks', { body: { url: `${base}/fail`, secret: SECRET, events: ['c2b.payment.settled'] } });
    expect(reg.status).toBe(201);
    const c2b = await ctx.api.call('POST', '/api/v1/mpesa/c2b/confirmation', { body: {
      TransactionType: 'Pay Bill', TransID: 'TKR0000001', TransTime: '20261122120000', TransAmount: '1500', BusinessShortCode: '600984',
      BillRefNumber: 'MRC-VENDOR-001', MSISDN: '254727648169', FirstName: 'Jane', LastName: 'Wanjiku' } });
    expect(c2b.status).toBe(200);

    const attempted = (n: number) => until(() => deliveriesOf('c2b.payment.settled'),
      (d) => d[0]?.attempts.length === n && d[0].status !== 'delivering', `attempt ${n} to be recorded`);
    let [d] = await attempted(1);
    expect(d).toMatchObject({ status: 'pending', url: `${base}/fail` });
    for (const [n, delay] of [[2, 10], [3, 30], [4, 90], [5, 270]]) {
      await advance(ctx.api, delay - 1);
      await sleep(50);
      expect(at('/fail'), `no attempt ${n} before its delay`).toHaveLength(n - 1);
      await advance(ctx.api, 1);
      [d] = await attempted(n);
    }
    expect(d.status).toBe('failed');
    expect(d.next_attempt_at).toBeNull();
    expect(d.attempts.map((a: any) => a.status)).toEqual([500, 500, 500, 500, 500]);
    const times = d.attempts.map((a: any) => Date.parse(a.at) / 1000);
    expect(times.slice(1).map((s: number, i: number) => s - times[i])).toEqual([10, 30, 90, 270]);

    await advance(ctx.api, 3600);
    await sleep(50);
    const hits = at('/fail');
    expect(hits).toHaveLength(5);
    expect(hits.map((h) => signedAt(h))).toEqual(times); // each attempt signed with its own timestamp
    expect(new Set(hits.map((h) => h.body)).size).toBe(1);
    expect(new Set(hits.map((h) => h.headers['coinpool-delivery'])).size).toBe(1);
  });

  test('no response or event broke the contract', async () => {
    expect((await ctx.api.call('GET', '/__sandbox/problems')).body).toEqual([]);
    expect((await ctx.api.call('GET', '/__sandbox/violations')).body.requests.filter((r: any) => r.status >= 500)).toEqual([]);
  });
});
