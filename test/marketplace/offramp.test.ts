// Off-ramp orders over HTTP: a unique escrow address per order, the deposit (external, by faucet to the escrow
// address; or in-app, by send-payment), confirmations, the simulated M-Pesa B2C payout, expiry; money is conserved.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { advance, balance, fiatFor, fixtures, logins, orderStatus, totalOf } from './support.ts';
import { fiatPayouts } from '../../src/simulation/mpesa-b2c.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof logins>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
beforeAll(async () => { t = await logins(ctx.api); fx = await fixtures(ctx.api); });

async function offRamp(amount: string, extra: Record<string, unknown> = {}) {
  const offer = fx.offer('vendor_buy_usdt_tron');
  return ctx.api.call('POST', '/api/v1/auth/orders', { token: t.alice, body: {
    customer_id: fx.user('alice@coinpool.test').id, vendor_id: offer.vendor_id, offer_id: offer.id, crypto_amount: amount,
    fiat_amount: fiatFor(offer, amount), fiat_currency: 'KES', wallet_address: fx.wallet('alice@coinpool.test', 'tron').address, payment_method: 'mpesa',
    order_type: 'OFF_RAMP_SELL', payout_phone: '+254711000222', ...extra } });
}

describe('off-ramp orders', () => {
  test('each order gets its own escrow address on the customer\'s network; wrong offer type is refused', async () => {
    const a = await offRamp('10');
    const b = await offRamp('10');
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body).toMatchObject({ status: 'awaiting_crypto', order_subtype: 'standard_offramp', escrow_network: { String: 'tron', Valid: true },
      payment_phone_number: { String: '254711000222', Valid: true } });
    expect(a.body.escrow_wallet_address.String).toMatch(/^T[1-9A-HJ-NP-Za-km-z]{33}$/);
    expect(a.body.escrow_wallet_address.String).not.toBe(b.body.escrow_wallet_address.String);
    const sell = fx.offer('vendor_sell_usdt');
    const wrong = await offRamp('10', { offer_id: sell.id });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error).toMatch(/needs a BUY offer/);
  });

  test('an external deposit to the escrow is detected, confirmed, settled to the vendor and paid out by B2C', async () => {
    const totalBefore = totalOf(ctx.server);
    const vendorTron = fx.wallet('vendor@coinpool.test', 'tron').id;
    const vendorBefore = balance(ctx.server, vendorTron).amount;
    const o = (await offRamp('100')).body;
    const early = await ctx.api.call('POST', `/__sandbox/faucet`, { body: { address: o.escrow_wallet_address.String, asset: 'USDT', amount: '100' } });
    expect(early.status).toBe(200);
    const minted = Number(totalBefore) + 100;
    await advance(ctx.api, 3);
    const seen = await ctx.api.call('GET', `/api/v1/auth/order/id/${o.id}/details`, { token: t.alice });
    expect(seen.body.status).toBe('confirming');
    expect(seen.body.deposit_detected_at.Valid).toBe(true);
    expect(seen.body.deposit_tx_hash.String).toMatch(/^[0-9a-f]{64}$/);
    expect((await ctx.api.call('PUT', `/api/v1/auth/order/id/${o.id}/cancel`, { token: t.alice })).body.current_status).toBe('confirming');
    await advance(ctx.api, 60);
    const received = await ctx.api.call('GET', `/api/v1/auth/order/id/${o.id}/details`, { token: t.alice });
    expect(received.body).toMatchObject({ status: 'crypto_received', deposit_confirmations: 20 });
    expect(balance(ctx.server, vendorTron).amount).toBe((Number(vendorBefore) + 100).toFixed(8));
    await advance(ctx.api, 5);
    const paying = await ctx.api.call('GET', `/api/v1/auth/order/id/${o.id}/details`, { token: t.alice });
    expect(paying.body.status).toBe('processing');
    expect(paying.body.payment_txn_id.String).toMatch(/^[A-Z0-9]{10}$/);
    await advance(ctx.api, 10);
    const done = await ctx.api.call('GET', `/api/v1/auth/order/id/${o.id}/details`, { token: t.alice });
    expect(done.body.status).toBe('completed');
    const payout = fiatPayouts(ctx.server.sandbox.world).find((p) => p.reference_id === o.id)!;
    expect(payout).toMatchObject({ method: 'mpesa', destination: '254711000222', amount: '12935.00', currency: 'KES', status: 'completed',
      receipt: paying.body.payment_txn_id.String });
    expect(totalOf(ctx.server)).toBe(minted.toFixed(8));
  });

  test('send-payment moves the stablecoin from the customer\'s custodial wallet into escrow (confirm must be true)', async () => {
    const totalBefore = totalOf(ctx.server);
    const aliceTron = fx.wallet('alice@coinpool.test', 'tron').id;
    const before = balance(ctx.server, aliceTron).amount;
    const o = (await offRamp('25')).body;
    const noConfirm = await ctx.api.call('POST', `/api/v1/auth/orders/${o.id}/send-payment`, { token: t.alice, body: { wallet_id: aliceTron, confirm: false } });
    expect(noConfirm.status).toBe(400);
    const wrongNet = await ctx.api.call('POST', `/api/v1/auth/orders/${o.id}/send-payment`, { token: t.alice,
      body: { wallet_id: fx.wallet('alice@coinpool.test', 'ethereum').id, confirm: true } });
    expect(wrongNet.status).toBe(422);
    const notMine = await ctx.api.call('POST', `/api/v1/auth/orders/${o.id}/send-payment`, { token: t.alice,
      body: { wallet_id: fx.wallet('bob@coinpool.test', 'tron').id, confirm: true } });
    expect(notMine.status).toBe(403);
    const byAdmin = await ctx.api.call('POST', `/api/v1/auth/orders/${o.id}/send-payment`, { token: t.admin, body: { wallet_id: aliceTron, confirm: true } });
    expect(byAdmin.status).toBe(403);
    const r = await ctx.api.call('POST', `/api/v1/auth/orders/${o.id}/send-payment`, { token: t.alice, body: { wallet_id: aliceTron, confirm: true } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'pending', estimated_confirmations: 20, network: 'tron',
      message: 'USDT transfer initiated successfully. Waiting for blockchain confirmation.' });
    expect(balance(ctx.server, aliceTron).amount).toBe((Number(before) - 25).toFixed(8));
    const details = await ctx.api.call('GET', `/api/v1/auth/order/id/${o.id}/details`, { token: t.alice });
    expect(details.body.status).toBe('confirming');
    expect(details.body.deposit_tx_hash.String).toBe(r.body.transaction_hash);
    const twice = await ctx.api.call('POST', `/api/v1/auth/orders/${o.id}/send-payment`, { token: t.alice, body: { wallet_id: aliceTron, confirm: true } });
    expect(twice.status).toBe(409);
    await advance(ctx.api, 80);
    expect(await orderStatus(ctx.api, t.alice, o.id)).toBe('completed');
    expect(totalOf(ctx.server)).toBe(totalBefore);
  });

  test('too little balance is a 422; an unfunded order expires and releases the offer', async () => {
    const big = await offRamp('1000');
    expect(big.status).toBe(201);
    const r = await ctx.api.call('POST', `/api/v1/auth/orders/${big.body.id}/send-payment`, { token: t.alice,
      body: { wallet_id: fx.wallet('alice@coinpool.test', 'tron').id, confirm: true } });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatch(/insufficient balance/);
    const offerBefore = (await ctx.api.call('GET', '/api/v1/auth/offers/type/BUY?page_id=1&page_size=10', { token: t.alice })).body
      .find((x: any) => x.id === big.body.offer_id).available_amount;
    await advance(ctx.api, 31 * 60);
    t = await logins(ctx.api);
    expect(await orderStatus(ctx.api, t.alice, big.body.id)).toBe('cancelled');
    const offerAfter = (await ctx.api.call('GET', '/api/v1/auth/offers/type/BUY?page_id=1&page_size=10', { token: t.alice })).body
      .find((x: any) => x.id === big.body.offer_id).available_amount;
    expect(Number(offerAfter) - Number(offerBefore)).toBeGreaterThanOrEqual(1000);
  });

  test('lists filter by type and the caller\'s own transactions come back in one call', async () => {
    const off = await ctx.api.call('GET', '/api/v1/auth/orders?page_id=1&page_size=100&order_type=OFF_RAMP_SELL', { token: t.vendor });
    expect(off.body.length).toBeGreaterThan(0);
    expect(off.body.every((o: any) => o.order_type === 'OFF_RAMP_SELL')).toBe(true);
    const mine = await ctx.api.call('GET', '/api/v1/auth/customer/transactions', { token: t.alice });
    expect(mine.status).toBe(200);
    expect(mine.body.offers).toEqual([]);
    expect(mine.body.orders.every((o: any) => o.customer_id === fx.user('alice@coinpool.test').id)).toBe(true);
    const vendor = await ctx.api.call('GET', '/api/v1/auth/customer/transactions?page_size=2', { token: t.vendor });
    expect(vendor.body.offers).toHaveLength(2);
    expect(vendor.body.orders).toEqual([]);
    const stats = await ctx.api.call('GET', `/api/v1/auth/orders/stats/customer/${fx.user('alice@coinpool.test').id}`, { token: t.alice });
    expect(stats.body).toMatchObject({ total_orders: 5, completed_orders: 2, cancelled_orders: 3, pending_orders: 0 });
    expect(atob(stats.body.total_usdt)).toBe('125.00000000');
    expect(atob(stats.body.total_volume)).toBe('16168.75'); // 125 USDT at the offer's 129.35
    expect((await ctx.api.call('GET', `/api/v1/auth/orders/stats/customer/${fx.user('alice@coinpool.test').id}`, { token: t.bob })).status).toBe(403);
  });

  test('no response or event broke the contract', async () => {
    expect((await ctx.api.call('GET', '/__sandbox/problems')).body).toEqual([]);
    expect((await ctx.api.call('GET', '/__sandbox/violations')).body.requests.filter((r: any) => r.status >= 500)).toEqual([]);
  });
});
