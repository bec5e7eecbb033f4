// One long jump of the sandbox clock plays out like the same time passing in small steps: every job runs at its own
// due time, stamps that time, and schedules its follow-ups from it (on-ramp order: STK callback at +5 s, USDT sent
// 5 s later, confirmed 60 s after that; webhook retries 10/30/90/270 s after each failed attempt).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { advance, fixtures, logins } from '../support/seeded.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof logins>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
let receiver: WebhookReceiver;
beforeAll(async () => {
  t = await logins(ctx.api);
  fx = await fixtures(ctx.api);
  receiver = await startWebhookReceiver((hook) => (hook.path === '/fail' ? 503 : 204));
});
afterAll(() => receiver.close());

const now = async () => Date.parse((await ctx.api.call('GET', '/__sandbox/clock')).body.now);

async function paidOrder(): Promise<{ id: string; pushedAt: number }> {
  const offer = fx.offer('vendor_sell_usdt');
  const o = await ctx.api.call('POST', '/api/v1/auth/orders', { token: t.alice, body: {
    customer_id: fx.user('alice').id, vendor_id: offer.vendor_id, offer_id: offer.id, usdt_amount: '10', fiat_amount: '1310.00',
    fiat_currency: 'KES', wallet_address: fx.wallet('alice', 'tron').address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY' } });
  expect(o.status, JSON.stringify(o.body)).toBe(201);
  const pushedAt = await now();
  const pay = await ctx.api.call('POST', '/api/v1/auth/orders/payment', { token: t.alice, body: { order_id: o.body.id, phone_number: '254712345678' } });
  expect(pay.status).toBe(200);
  return { id: o.body.id, pushedAt };
}

describe('a long clock jump', () => {
  test('completes an on-ramp order in one jump of 70 s, each step stamped at its own time', async () => {
    const { id, pushedAt } = await paidOrder();
    await advance(ctx.api, 70);
    const order = (await ctx.api.call('GET', `/api/v1/auth/order/id/${id}/details`, { token: t.alice })).body;
    expect(order.status).toBe('completed');
    const prompt = (await ctx.api.call('GET', '/__sandbox/mpesa/stk')).body.find((p: any) => p.reference_id === id);
    const items = Object.fromEntries(prompt.callback.Body.stkCallback.CallbackMetadata.Item.map((i: any) => [i.Name, i.Value]));
    // Daraja's TransactionDate is YYYYMMDDHHmmss in Nairobi time (UTC+3) of the callback: 5 s after the push, not the
    // end of the jump.
    const at5 = new Date(pushedAt + 5000 + 3 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14);
    expect(String(items.TransactionDate)).toBe(at5);
  });

  test('plays every retry of a failing webhook receiver, 10, 30, 90 and 270 s after each attempt', async () => {
    const hook = await ctx.api.call('POST', '/__sandbox/webhooks', { body: { url: `${receiver.base}/fail`, secret: 'whsec_jump', events: ['payment.*'] } });
    expect(hook.status).toBe(201);
    const { id } = await paidOrder();
    await advance(ctx.api, 5); // the STK callback: payment.status_changed, first attempt answered 503
    await ctx.server.sandbox.settle();
    await advance(ctx.api, 3600); // one jump past all four retries
    for (let i = 0; i < 10 && receiver.received.length < 5; i++) await ctx.server.sandbox.settle();
    const deliveries = (await ctx.api.call('GET', '/__sandbox/webhooks/deliveries')).body.filter((d: any) => d.endpoint_id === hook.body.id);
    expect(deliveries).toHaveLength(1);
    const times = deliveries[0].attempts.map((a: any) => Date.parse(a.at));
    expect(deliveries[0].status).toBe('failed');
    expect(times.slice(1).map((tm: number, i: number) => (tm - times[i]) / 1000)).toEqual([10, 30, 90, 270]);
    expect(receiver.received.filter((h) => h.path === '/fail')).toHaveLength(5);
    expect(JSON.parse(receiver.received[0].body).data).toMatchObject({ purpose: 'order', reference_id: id });
  });
});
