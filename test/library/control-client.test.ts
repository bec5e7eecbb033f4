// The library's control client: a partner's test drives the sandbox (clock, faucet, M-Pesa outcomes, violations)
// without writing /__sandbox URLs, in-process against the production base URL.
import { afterAll, describe, expect, test } from 'vitest';
import { createSandbox, ControlError } from '../../src/index.ts';

const sb = createSandbox({ start: new Date('2026-11-22T09:00:00Z'), frozen: true });
afterAll(() => sb.close());
const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('createSandbox().control', () => {
  test('an on-ramp purchase paid by STK push, resolved by the test, with the clock driven from the test', async () => {
    const fx = await sb.control.fixtures();
    const alice = fx.users.find((u: any) => u.email === 'alice@coinpool.test');
    const offer = fx.offers.find((o: any) => o.key === 'vendor_sell_usdt');
    const token = await sb.login(alice.email);
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const order = await (await sb.fetch('/api/v1/auth/orders', { method: 'POST', headers: auth, body: JSON.stringify({
      customer_id: alice.id, vendor_id: offer.vendor_id, offer_id: offer.id, usdt_amount: '10', fiat_amount: '1310.00', fiat_currency: 'KES',
      wallet_address: alice.wallets.find((w: any) => w.network === 'tron').address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY' }) })).json();
    // A number ending 9999 never calls back by itself: the test decides the outcome.
    const push = await (await sb.fetch('/api/v1/auth/orders/payment', { method: 'POST', headers: auth,
      body: JSON.stringify({ order_id: order.id, phone_number: '254711119999' }) })).json();
    const prompt = (await sb.control.mpesa.stkPrompts()).find((p: any) => p.checkout_request_id === push.checkout_request_id);
    expect(prompt.status).toBe('pending');
    await sb.control.mpesa.resolveStk(push.checkout_request_id, 0);
    await sb.control.clock.advance(70);
    expect(await sb.control.clock.now()).toBe('2026-11-22T09:01:10Z');
    const details = await (await sb.fetch(`/api/v1/auth/order/id/${order.id}/details`, { headers: auth })).json();
    expect(details.status).toBe('completed');
  });

  test('the faucet credits a wallet; a bad call throws a ControlError naming the operation, the status and the field', async () => {
    const fx = await sb.control.fixtures();
    const bob = fx.users.find((u: any) => u.email === 'bob@coinpool.test');
    const wallet = bob.wallets.find((w: any) => w.network === 'ethereum');
    const credited = await sb.control.faucet({ wallet_id: wallet.id, asset: 'USDC', amount: '12.5' });
    expect(credited).toMatchObject({ wallet_id: wallet.id, asset: 'USDC', amount: '12.50000000' });
    const error = await sb.control.faucet({ wallet_id: wallet.id, asset: 'DOGE', amount: '1' }).catch((e) => e);
    expect(error).toBeInstanceOf(ControlError);
    expect(error).toMatchObject({ operationId: 'faucet', status: 400 });
    expect(error.message).toMatch(/\/asset/);
  });

  test('a partner asserts that their client sent nothing invalid', async () => {
    await sb.control.clearViolations();
    expect(await sb.control.violations()).toEqual({ count: 0, requests: [] });
    await sb.fetch('/api/v1/users/login', json({ email: 'not-an-email', password: '' }));
    const { count, requests } = await sb.control.violations();
    expect(count).toBe(1);
    expect(requests[0]).toMatchObject({ operation_id: 'loginUser', status: 400 });
  });

  test('call() reaches any control operation by operationId; unknown ones are refused before sending', async () => {
    expect(await sb.control.call('getSettings')).toEqual({ escrow_custody_provider: 'bitgo', latency: null });
    await expect(sb.control.call('launchRocket')).rejects.toThrow(/no control operation launchRocket/);
    await expect(sb.control.call('resolveStkPrompt', { body: { result_code: 0 } })).rejects.toThrow(/path parameter checkout_request_id/);
  });
});
