// An order is written once, already holding its amount on the offer and (on-ramp) on the vendor's wallet: the holds
// are taken before the row is inserted. These pin the edges of that order of steps: an order taking the offer's last
// unit, a refused hold leaving nothing behind, and a cancel giving back what the freshly written row holds.
import Decimal from 'decimal.js';
import { describe, expect, test } from 'vitest';
import { useSeededServer } from '../support/server.ts';
import { balance, fiatFor } from './support.ts';

const { ctx, t, fx } = useSeededServer();

async function sellOffer(available: string, max: string) {
  const r = await ctx.api.call('POST', '/api/v1/auth/offers', { token: t.vendor, body: {
    vendor_id: fx.user('vendor').id, offer_type: 'SELL', asset: 'USDT', crypto_amount: available, available_amount: available, rate: '130.5',
    min_order: '1', max_order: max, description: 'holds test' } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

const order = (offer: { id: string; vendor_id: string; rate: string }, amount: string) => ctx.api.call('POST', '/api/v1/auth/orders', {
  token: t.alice, body: {
    customer_id: fx.user('alice').id, vendor_id: offer.vendor_id, offer_id: offer.id, crypto_amount: amount, fiat_amount: fiatFor(offer, amount),
    fiat_currency: 'KES', wallet_address: fx.wallet('alice', 'tron').address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY' } });

const offerAvailable = async (id: string): Promise<string> => {
  const list = await ctx.api.call('GET', '/api/v1/auth/customer/transactions?page_size=100', { token: t.vendor });
  return list.body.offers.find((o: { id: string }) => o.id === id).available_amount;
};

const rows = (table: string): number => ctx.server.sandbox.world.table(table).size;

describe('order holds', () => {
  test("an order may take the offer's last unit; the next one is refused naming available_amount", async () => {
    const offer = await sellOffer('7.5', '7.5');
    const all = await order(offer, '7.5');
    expect(all.status, JSON.stringify(all.body)).toBe(201);
    expect(await offerAvailable(offer.id)).toBe('0.00000000');
    const more = await order(offer, '1');
    expect(more.status).toBe(422);
    expect(more.body.error).toBe("amount 1.00000000 exceeds the offer's available_amount 0.00000000");
  });

  test('cancelling a fresh order gives back both holds its row was written with', async () => {
    const vendorTron = fx.wallet('vendor', 'tron').id;
    const offer = await sellOffer('20', '20');
    const before = balance(ctx.server, vendorTron);
    const placed = await order(offer, '3');
    expect(placed.status).toBe(201);
    expect(balance(ctx.server, vendorTron).locked).toBe(new Decimal(before.locked).plus(3).toFixed(8));
    const cancelled = await ctx.api.call('PUT', `/api/v1/auth/order/id/${placed.body.id}/cancel`, { token: t.alice });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await offerAvailable(offer.id)).toBe('20.00000000');
    expect(balance(ctx.server, vendorTron)).toEqual(before);
  });

  test("a vendor short of stablecoin: 422, and neither the offer's reservation nor an order row nor a ledger entry stays", async () => {
    const vendorTron = fx.wallet('vendor', 'tron').id;
    const offer = await sellOffer('50', '50');
    // The vendor sends away all but 2 USDT of what it has available, so the offer outgrows its backing.
    const have = balance(ctx.server, vendorTron);
    const spare = new Decimal(have.amount).minus(have.locked).minus(2).toFixed(8);
    const sent = await ctx.api.call('POST', '/api/v1/auth/transfers/p2p', { token: t.vendor,
      body: { to_user_id: fx.user('alice').id, amount: spare, network: 'tron' } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const [orders, entries, jobs, before] = [rows('orders'), rows('ledger_entries'), rows('jobs'), balance(ctx.server, vendorTron)];

    const refused = await order(offer, '5');
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe("the vendor's default tron wallet has 2.00000000 USDT available; the order needs 5.00000000");
    expect(await offerAvailable(offer.id)).toBe('50.00000000');
    expect([rows('orders'), rows('ledger_entries'), rows('jobs')]).toEqual([orders, entries, jobs]);
    expect(balance(ctx.server, vendorTron)).toEqual(before);

    // What remains is still sold: the hold that fits is taken and shows on the vendor's wallet.
    const fits = await order(offer, '2');
    expect(fits.status, JSON.stringify(fits.body)).toBe(201);
    expect(await offerAvailable(offer.id)).toBe('48.00000000');
    expect(balance(ctx.server, vendorTron).locked).toBe(new Decimal(before.locked).plus(2).toFixed(8));
  });
});
