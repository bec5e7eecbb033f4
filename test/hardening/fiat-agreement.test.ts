// An order's fiat_amount is the price of its crypto (issue 17): 100 USDT for 1 KES used to complete. The offer's rate
// (or also the pricing quote's gross, when one is named) sets the price; ± 0.01 is tolerated; anything else is a 422 naming both.
import { describe, expect, test } from 'vitest';
import { Sandbox } from '../../src/sandbox.ts';
import { FIXTURE_PASSWORD } from '../../fixtures/default-world.ts';

const sandbox = new Sandbox({ start: new Date('2026-11-22T09:00:00Z'), frozen: true });
async function call(method: string, path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await sandbox.handle(new Request(`http://sandbox.local${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
  return { status: res.status, body: await res.json() };
}
const fx = sandbox.fixtures;
const alice = fx.users.find((u) => u.email === 'alice@coinpool.test')!;
const sell = fx.offers.find((o) => o.key === 'vendor_sell_usdt')!;
const buy = fx.offers.find((o) => o.key === 'vendor_buy_usdt_tron')!;
const lane = (key: string) => ({ pricing_profile_id: fx.pricing_profiles.find((p) => p.key === key)!.id, fx_rate_quote_id: fx.fx_rate_quotes.find((q) => q.key === key)!.id });
const tron = alice.wallets.find((w) => w.network === 'tron')!.address;

const onRamp = (token: string, usdt: string, fiat: string, extra: Record<string, unknown> = {}) => call('POST', '/api/v1/auth/orders', token, {
  customer_id: alice.id, vendor_id: sell.vendor_id, offer_id: sell.id, usdt_amount: usdt, fiat_amount: fiat, fiat_currency: 'KES',
  wallet_address: tron, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY', ...extra });

describe('fiat_amount agrees with the rate', () => {
  test('100 USDT for 1.00 KES is refused with 422 naming both amounts, nothing written', async () => {
    const token = (await call('POST', '/api/v1/users/login', undefined, { email: 'alice@coinpool.test', password: FIXTURE_PASSWORD })).body.access_token;
    expect(sell.rate).toBe('131.00');
    const before = sandbox.world.journal.version;
    const r = await onRamp(token, '100', '1.00');
    expect(r.status).toBe(422);
    expect(r.body.error).toBe("fiat_amount 1.00 KES does not agree with crypto_amount 100.00000000 at the offer's rate 131.00: expected 13100.00 KES (± 0.01)");
    expect(sandbox.world.journal.version).toBe(before);
    // Too much is as wrong as too little (a customer overcharged by a client bug).
    expect((await onRamp(token, '100', '13100.02')).status).toBe(422);
    expect((await onRamp(token, '100', '13099.98')).status).toBe(422);
  });

  test('the price to the cent, and one cent either way, is accepted', async () => {
    const token = (await call('POST', '/api/v1/users/login', undefined, { email: 'alice@coinpool.test', password: FIXTURE_PASSWORD })).body.access_token;
    for (const fiat of ['13100', '13100.00', '13099.99', '13100.01']) {
      const r = await onRamp(token, '100', fiat);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.fiat_amount).toBe(Number(fiat).toFixed(2));
      await call('PUT', `/api/v1/auth/order/id/${r.body.id}/cancel`, token);
    }
    // 10.12345678 USDT × 131 = 1326.17283818, rounded half up to 1326.17.
    expect((await onRamp(token, '10.12345678', '1326.17')).status).toBe(201);
  });

  test('off-ramp orders too, at the BUY offer rate', async () => {
    const token = (await call('POST', '/api/v1/users/login', undefined, { email: 'alice@coinpool.test', password: FIXTURE_PASSWORD })).body.access_token;
    const body = { customer_id: alice.id, vendor_id: buy.vendor_id, offer_id: buy.id, crypto_amount: '10', fiat_currency: 'KES', wallet_address: tron,
      payment_method: 'mpesa', order_type: 'OFF_RAMP_SELL', payout_phone: '+254711000222' };
    const wrong = await call('POST', '/api/v1/auth/orders', token, { ...body, fiat_amount: '100000' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error).toMatch(/^fiat_amount 100000\.00 KES does not agree with crypto_amount 10\.00000000 at the offer's rate 129\.35: expected 1293\.50 KES/);
    expect((await call('POST', '/api/v1/auth/orders', token, { ...body, fiat_amount: '1293.50' })).status).toBe(201);
  });

  test('with a pricing pair the quote prices the order, and the offer\'s rate still does (the docs\' quickstart)', async () => {
    const token = (await call('POST', '/api/v1/users/login', undefined, { email: 'alice@coinpool.test', password: FIXTURE_PASSWORD })).body.access_token;
    const pair = lane('onramp_usdt_kes_tron');
    const neither = await onRamp(token, '100', '13000.00', pair);
    expect(neither.status).toBe(422);
    expect(neither.body.error).toMatch(/^fiat_amount 13000\.00 KES does not agree with crypto_amount 100\.00000000 at the pricing quote or the offer's rate: expected 13065\.00 KES at the pricing quote .* \(applied rate 130\.65\) or 13100\.00 KES at the offer's rate 131\.00/);
    expect((await onRamp(token, '100', '13065.00', pair)).status).toBe(201);
    // The docs' quickstart: fiat_amount = usdt_amount × offer rate, sent with the pricing pair /pricing/resolve gave.
    expect((await onRamp(token, '100', '13100.00', pair)).status).toBe(201);
  });
});
