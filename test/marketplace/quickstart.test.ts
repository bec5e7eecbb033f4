// The whole quickstart over HTTP, as a partner would run it with curl against a fresh sandbox: register a customer →
// log in with the PIN → call a protected endpoint → a vendor publishes a SELL offer → the customer orders (with the
// on-ramp pricing pair, as the guide's order body does) → STK push → the Daraja callback → the USDT arrives in the
// customer's wallet, read back through the balances endpoint. Every balance of every currency is summed before and
// after: an on-ramp order only moves money.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { balances } from '../../src/domain/ledger.ts';
import { D } from '../../src/kernel/money.ts';
import { advance, fiatFor, fixtures } from './support.ts';

const ctx = useServer({ strict: true });
let fx: Awaited<ReturnType<typeof fixtures>>;
beforeAll(async () => { fx = await fixtures(ctx.api); });

/** Every balance row summed per currency (amount and locked part), as exact decimal strings. */
function allBalances(): Record<string, { amount: string; locked: string }> {
  const sums: Record<string, { amount: InstanceType<typeof D>; locked: InstanceType<typeof D> }> = {};
  for (const b of balances(ctx.server.sandbox.world).all()) {
    const s = (sums[b.currency] ??= { amount: new D(0), locked: new D(0) });
    s.amount = s.amount.plus(b.amount);
    s.locked = s.locked.plus(b.locked_amount);
  }
  return Object.fromEntries(Object.entries(sums).map(([c, s]) => [c, { amount: s.amount.toFixed(8), locked: s.locked.toFixed(8) }]));
}

describe('quickstart: register → login → offer → order → STK payment → the customer sees the USDT', () => {
  test('the whole flow over HTTP', async () => {
    const before = allBalances();

    // 1. register (README step 1)
    const reg = await ctx.api.call('POST', '/api/v1/users/register', { body: {
      email: 'user@example.com', phone_number: '+254712345678', first_name: 'John', last_name: 'Doe', password: 'your-secure-password',
      role: 'customer', kyc_status: 'pending', pin: '123456' } });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    const userId: string = reg.body.user.id;
    const tron = reg.body.wallets.find((w: any) => w.wallet.network === 'tron');
    expect(tron.balances.find((b: any) => b.currency === 'USDT').amount).toBe('0.00000000');

    // 2. log in with the PIN, 3. a protected call
    const login = await ctx.api.call('POST', '/api/v1/users/login-pin', { body: { email: 'user@example.com', pin: '123456' } });
    expect(login.status).toBe(200);
    const token: string = login.body.access_token;
    const me = await ctx.api.call('GET', '/api/v1/auth/user/email/user@example.com', { token });
    expect(me.status).toBe(200);
    expect(me.body.id ?? me.body.user?.id).toBe(userId);

    // 4. the vendor publishes a SELL offer
    const vendorToken = await ctx.api.login('vendor@coinpool.test');
    const vendor = fx.user('vendor@coinpool.test');
    const offer = await ctx.api.call('POST', '/api/v1/auth/offers', { token: vendorToken, body: {
      vendor_id: vendor.id, offer_type: 'SELL', asset: 'USDT', crypto_amount: '1000', available_amount: '1000', rate: '141.00',
      min_order: '10', max_order: '500' } });
    expect(offer.status, JSON.stringify(offer.body)).toBe(201);
    const listed = await ctx.api.call('GET', '/api/v1/auth/offers/type/SELL?page_id=1&page_size=5', { token });
    expect(listed.body.map((o: any) => o.id)).toContain(offer.body.id);

    // 5. the customer orders (the guide's body, with the on-ramp pricing pair: its quote prices the order at 130.65)
    const lane = fx.lane('onramp_usdt_kes_tron');
    const order = await ctx.api.call('POST', '/api/v1/auth/orders', { token, body: {
      customer_id: userId, vendor_id: vendor.id, offer_id: offer.body.id, usdt_amount: '100.00', fiat_amount: '13065.00',
      fiat_currency: 'KES', wallet_address: tron.wallet.address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY',
      expires_at: '2026-12-31T23:59:59Z', pricing_profile_id: lane.profile, fx_rate_quote_id: lane.quote } });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect(order.body).toMatchObject({ status: 'pending', usdt_amount: '100.00000000', fiat_amount: '13065.00', expires_at: '2026-12-31T23:59:59Z' });

    // 6. STK push; the prompt calls back 5 s later on the sandbox clock
    const pay = await ctx.api.call('POST', '/api/v1/auth/orders/payment', { token, body: { order_id: order.body.id, phone_number: '+254712345678' } });
    expect(pay.status, JSON.stringify(pay.body)).toBe(200);
    expect(pay.body).toMatchObject({ success: true, amount: '13065', response_code: '0' });
    await advance(ctx.api, 4);
    expect((await ctx.api.call('GET', `/api/v1/auth/order/id/${order.body.id}/details`, { token })).body.status).toBe('pending');
    await advance(ctx.api, 1);
    const prompts = (await ctx.api.call('GET', '/__sandbox/mpesa/stk')).body;
    const cb = prompts.find((p: any) => p.checkout_request_id === pay.body.checkout_request_id).callback.Body.stkCallback;
    expect(cb).toMatchObject({ MerchantRequestID: pay.body.merchant_request_id, CheckoutRequestID: pay.body.checkout_request_id, ResultCode: 0 });
    const paid = await ctx.api.call('GET', `/api/v1/auth/order/id/${order.body.id}/details`, { token });
    expect(paid.body.status).toBe('processing');

    // 7. the stablecoin is sent (5 s) and confirmed (60 s): the customer sees it
    await advance(ctx.api, 65);
    const done = await ctx.api.call('GET', `/api/v1/auth/order/id/${order.body.id}/details`, { token });
    expect(done.body.status).toBe('completed');
    const mine = await ctx.api.call('GET', `/api/v1/auth/balances/user/${userId}?networks=tron`, { token });
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.total_usdt).toBe('100.00000000');
    expect(mine.body.balances).toEqual([expect.objectContaining({ wallet_address: tron.wallet.address, usdt_balance: '100.00000000' })]);

    // No money was created or lost, and nothing stays locked.
    expect(allBalances()).toEqual(before);
  });

  test('the order refuses a partial pricing pair (400 naming the missing field) and stores nothing', async () => {
    const token = await ctx.api.login('alice@coinpool.test');
    const offer = fx.offer('vendor_sell_usdt');
    const count = (await ctx.api.call('GET', '/api/v1/auth/orders?page_id=1&page_size=100', { token })).body.length;
    const r = await ctx.api.call('POST', '/api/v1/auth/orders', { token, body: {
      customer_id: fx.user('alice@coinpool.test').id, vendor_id: offer.vendor_id, offer_id: offer.id, usdt_amount: '10', fiat_amount: '1310',
      fiat_currency: 'KES', wallet_address: fx.wallet('alice@coinpool.test', 'tron').address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY',
      pricing_profile_id: fx.lane('onramp_usdt_kes_tron').profile } });
    expect(r.status).toBe(400);
    expect(r.body.details.map((d: any) => d.pointer)).toContain('/fx_rate_quote_id');
    expect((await ctx.api.call('GET', '/api/v1/auth/orders?page_id=1&page_size=100', { token })).body.length).toBe(count);
  });

  test('a fiat currency named by an order cannot be deleted from the catalog (409)', async () => {
    const admin = await ctx.api.login('admin@coinpool.test');
    const token = await ctx.api.login('alice@coinpool.test');
    const created = await ctx.api.call('POST', '/api/v1/auth/fiat-currencies', { token: admin, body: { iso_code: 'RWF', display_name: 'Rwandan franc' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.fiat_currency?.id ?? created.body.id;
    const offer = fx.offer('vendor_sell_usdt');
    const o = await ctx.api.call('POST', '/api/v1/auth/orders', { token, body: {
      customer_id: fx.user('alice@coinpool.test').id, vendor_id: offer.vendor_id, offer_id: offer.id, usdt_amount: '10', fiat_amount: fiatFor(offer, '10'),
      fiat_currency: 'RWF', wallet_address: fx.wallet('alice@coinpool.test', 'tron').address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY' } });
    expect(o.status, JSON.stringify(o.body)).toBe(201);
    const del = await ctx.api.call('DELETE', `/api/v1/auth/fiat-currencies/${id}`, { token: admin });
    expect(del.status).toBe(409);
    expect(del.body.error).toMatch(/^fiat currency RWF is referenced by orders/);
    expect((await ctx.api.call('GET', `/api/v1/auth/fiat-currencies/${id}`, { token: admin })).status).toBe(200);
  });

  test('no response broke the contract', async () => {
    expect(ctx.server.sandbox.options.strict).toBe(true);
    expect((await ctx.api.call('GET', '/__sandbox/problems')).body).toEqual([]);
    expect((await ctx.api.call('GET', '/__sandbox/violations')).body.requests.filter((r: any) => r.status >= 500)).toEqual([]);
  });
});
