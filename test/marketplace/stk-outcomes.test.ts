// Each M-Pesa STK outcome (chosen by the phone number's ending) against an on-ramp order: the Daraja callback body,
// what happens to the order, and that a never-answering prompt leaves the order to its expiry.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { advance, balance, fiatFor, fixtures, logins, orderStatus } from './support.ts';
import { offers, orders } from '../../src/domain/marketplace/tables.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof logins>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
beforeAll(async () => { t = await logins(ctx.api); fx = await fixtures(ctx.api); });

async function order(expiresAt?: string) {
  const offer = fx.offer('vendor_sell_usdt');
  const r = await ctx.api.call('POST', '/api/v1/auth/orders', { token: t.alice, body: {
    customer_id: fx.user('alice@coinpool.test').id, vendor_id: offer.vendor_id, offer_id: offer.id, usdt_amount: '20.5', fiat_amount: fiatFor(offer, '20.5'),
    fiat_currency: 'KES', wallet_address: fx.wallet('alice@coinpool.test', 'ethereum').address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY',
    ...(expiresAt ? { expires_at: expiresAt } : {}) } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

const prompt = async (checkout: string) => {
  const list = (await ctx.api.call('GET', '/__sandbox/mpesa/stk')).body;
  return (Array.isArray(list) ? list : list.prompts).find((p: any) => p.checkout_request_id === checkout);
};

const FAILURES = [
  { phone: '254711111032', code: 1032, desc: 'Request cancelled by user' },
  { phone: '254711111037', code: 1037, desc: 'DS timeout user cannot be reached' },
  { phone: '254711110001', code: 1, desc: 'The balance is insufficient for the transaction.' },
  { phone: '254711112001', code: 2001, desc: 'The initiator information is invalid.' },
  { phone: '254711111019', code: 1019, desc: 'Transaction has expired' },
];

describe('STK outcomes by phone ending', () => {
  test.each(FAILURES)('$phone → ResultCode $code, the order stays pending and can be paid again', async ({ phone, code, desc }) => {
    const o = await order();
    const pay = await ctx.api.call('POST', '/api/v1/auth/orders/payment', { token: t.alice, body: { order_id: o.id, phone_number: phone } });
    expect(pay.status).toBe(200);
    expect(pay.body.amount).toBe('2686'); // 20.5 USDT × 131 = 2685.50, rounded half up
    await advance(ctx.api, 5);
    const p = await prompt(pay.body.checkout_request_id);
    expect(p.status).toBe('failed');
    const cb = p.callback.Body.stkCallback;
    expect(cb.ResultCode).toBe(code);
    expect(cb.ResultDesc).toMatch(desc);
    expect(cb.CallbackMetadata).toBeUndefined();
    expect(cb.CheckoutRequestID).toBe(pay.body.checkout_request_id);
    expect(cb.MerchantRequestID).toBe(pay.body.merchant_request_id);
    expect(p.result_code).toBe(code);
    expect(p.mpesa_receipt_number).toBeNull();
    expect(await orderStatus(ctx.api, t.alice, o.id)).toBe('pending');
    const retry = await ctx.api.call('POST', '/api/v1/auth/orders/payment', { token: t.alice, body: { order_id: o.id, phone_number: '254712345678' } });
    expect(retry.status).toBe(200);
    await advance(ctx.api, 5);
    expect(await orderStatus(ctx.api, t.alice, o.id)).toBe('processing');
  });

  test('any other number succeeds with the Daraja CallbackMetadata', async () => {
    const o = await order();
    const pay = await ctx.api.call('POST', '/api/v1/auth/orders/payment', { token: t.alice, body: { order_id: o.id, phone_number: '254722000111' } });
    await advance(ctx.api, 5);
    const cb = (await prompt(pay.body.checkout_request_id)).callback.Body.stkCallback;
    expect(cb.ResultCode).toBe(0);
    const items = Object.fromEntries(cb.CallbackMetadata.Item.map((i: any) => [i.Name, i.Value]));
    expect(Object.keys(items)).toEqual(['Amount', 'MpesaReceiptNumber', 'Balance', 'TransactionDate', 'PhoneNumber']);
    expect(items.Amount).toBe(2686);
    expect(items.PhoneNumber).toBe(254722000111);
    const details = await ctx.api.call('GET', `/api/v1/auth/order/id/${o.id}/details`, { token: t.alice });
    expect(details.body.mpesa_receipt_number).toEqual({ String: items.MpesaReceiptNumber, Valid: true });
  });

  test('9999 never calls back: the order waits, does not block cancel, and expires with its reservation released', async () => {
    const offerId = fx.offer('vendor_sell_usdt').id;
    const offerAvailable = () => Number(offers(ctx.server.sandbox.world).get(offerId)!.available_amount);
    const vendorLocked = (walletId: string) => Number(balance(ctx.server, walletId).locked);
    const expires = '2026-11-22T12:00:00Z';
    const availableBefore = offerAvailable();
    const o = await order(expires);
    const lockWallet = orders(ctx.server.sandbox.world).get(o.id)!.vendor_lock_wallet_id!;
    expect(lockWallet).toBeTruthy();
    expect(offerAvailable()).toBe(availableBefore - 20.5); // the order reserves its 20.5 USDT
    const pay = await ctx.api.call('POST', '/api/v1/auth/orders/payment', { token: t.alice, body: { order_id: o.id, phone_number: '254711119999' } });
    expect(pay.status).toBe(200);
    await advance(ctx.api, 600);
    t = await logins(ctx.api);
    expect((await prompt(pay.body.checkout_request_id)).status).toBe('pending');
    expect(await orderStatus(ctx.api, t.alice, o.id)).toBe('pending');
    // A 9999 prompt will never call back, so it does not block cancelling its order (unlike a prompt still due).
    const other = await order();
    const otherPay = await ctx.api.call('POST', '/api/v1/auth/orders/payment', { token: t.alice, body: { order_id: other.id, phone_number: '254711119999' } });
    expect(otherPay.status).toBe(200);
    expect((await prompt(otherPay.body.checkout_request_id)).resolves_at).toBeNull();
    const cancel = await ctx.api.call('PUT', `/api/v1/auth/order/id/${other.id}/cancel`, { token: t.alice });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    expect(cancel.body.status).toBe('cancelled');
    expect(offerAvailable()).toBe(availableBefore - 20.5); // only the waiting order still holds its reservation
    const lockedBeforeExpiry = vendorLocked(lockWallet);
    await ctx.api.call('POST', '/__sandbox/clock/set', { body: { now: '2026-11-22T12:00:00Z' } });
    t = await logins(ctx.api);
    expect(await orderStatus(ctx.api, t.alice, o.id)).toBe('cancelled');
    // Expiry released the reservation on the offer and the vendor's lock.
    expect(offerAvailable()).toBe(availableBefore);
    expect(vendorLocked(lockWallet)).toBeCloseTo(lockedBeforeExpiry - 20.5, 8);
    // A late success for the cancelled order is reversed to the payer.
    const late = await ctx.api.call('POST', `/__sandbox/mpesa/stk/${pay.body.checkout_request_id}/resolve`, { body: { result_code: 0 } });
    expect(late.status).toBe(200);
    expect(late.body.status).toBe('reversed');
    expect(await orderStatus(ctx.api, t.alice, o.id)).toBe('cancelled');
  });

  test('a failed callback after the expiry time cancels the order (expired) once the prompt resolves', async () => {
    const now = Date.parse((await ctx.api.call('GET', '/__sandbox/clock')).body.now);
    const o = await order(new Date(now + 3000).toISOString());
    const pay = await ctx.api.call('POST', '/api/v1/auth/orders/payment', { token: t.alice, body: { order_id: o.id, phone_number: '254711111032' } });
    expect(pay.status).toBe(200);
    await advance(ctx.api, 3); // expiry due while the prompt is out: it waits for the callback
    expect(await orderStatus(ctx.api, t.alice, o.id)).toBe('pending');
    await advance(ctx.api, 2);
    expect(await orderStatus(ctx.api, t.alice, o.id)).toBe('cancelled');
  });

  test('every prompt event was a valid payment.status_changed and no response broke the contract', async () => {
    const problems = (await ctx.api.call('GET', '/__sandbox/problems')).body;
    expect(problems).toEqual([]);
    const v = (await ctx.api.call('GET', '/__sandbox/violations')).body.requests.filter((r: any) => r.status >= 500);
    expect(v).toEqual([]);
  });
});
