// OTC withdrawals paid out by M-Pesa go through the B2C simulator: a failed payout (by the number's ending, or through
// the control API for a payout that never reports) makes the withdrawal `failed` and restores the merchant's debited
// balance from the treasury exactly once; a success completes it. The books hold the same USDT throughout.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { tokens, fixtures, balance, held } from './support.ts';

const ctx = useServer({ strict: true });
let t: Awaited<ReturnType<typeof tokens>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
beforeAll(async () => { t = await tokens(ctx.api); fx = await fixtures(ctx.api); });

const vendorTron = () => fx.wallet('vendor@coinpool.test', 'tron').id;
const treasuryTron = () => fx.multisig('tron').wallet_id;
const books = () => ({ vendor: balance(ctx.server, vendorTron()), treasury: balance(ctx.server, treasuryTron()), total: held(ctx.server) });
const payoutOf = async (id: string) => ((await ctx.api.call('GET', '/__sandbox/mpesa/b2c')).body as any[]).find((p) => p.reference_id === id);
const withdrawal = async (id: string) => ((await ctx.api.call('GET', '/api/v1/auth/otc/withdrawals', { token: t.vendor })).body.withdrawals as any[])
  .find((w) => w.id === id);

/** A 500 USDT withdrawal of the vendor to `phone`, executed by the admin (status processing). */
async function executedMpesaWithdrawal(phone: string): Promise<string> {
  const w = await ctx.api.call('POST', '/api/v1/auth/otc/withdrawals', { token: t.vendor, body: { asset: 'USDT', network: 'tron',
    crypto_amount: '500', fiat_currency: 'KES', method: 'mpesa', payout_phone_number: phone, from_wallet_id: vendorTron() } });
  expect(w.status, JSON.stringify(w.body)).toBe(201);
  const done = await ctx.api.call('POST', `/api/v1/auth/otc/withdrawals/${w.body.withdrawal.id}/execute`, { token: t.admin });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  expect(done.body.withdrawal.status).toBe('processing');
  return w.body.withdrawal.id;
}

describe('OTC withdrawal payouts by M-Pesa B2C', () => {
  test('a recipient that is not registered (2040) fails the withdrawal and restores the merchant\'s balance once', async () => {
    const before = books();
    const id = await executedMpesaWithdrawal('+254711002040');
    expect(balance(ctx.server, vendorTron()).amount).toBe((Number(before.vendor.amount) - 500).toFixed(8));
    const p = await payoutOf(id);
    expect(p).toMatchObject({ purpose: 'otc_withdrawal', destination: '254711002040', status: 'processing', currency: 'KES' });
    await ctx.api.call('POST', '/__sandbox/clock/advance', { body: { seconds: 5 } });
    expect(await withdrawal(id)).toMatchObject({ status: 'failed', completed_at: null, completed_by: null });
    expect(books()).toEqual(before);
    const failedList = await ctx.api.call('GET', '/api/v1/auth/otc/withdrawals?status=failed', { token: t.vendor });
    expect(failedList.status).toBe(200);
    expect(failedList.body.withdrawals.map((w: any) => w.id)).toEqual([id]);

    // a duplicate result is refused, and nothing moves twice
    const again = await ctx.api.call('POST', `/__sandbox/mpesa/b2c/${p.payout_id}/resolve`, { body: { result_code: 2040 } });
    expect([again.status, again.body.current_status]).toEqual([409, 'failed']);
    await ctx.api.call('POST', '/__sandbox/clock/advance', { body: { seconds: 60 } });
    expect(books()).toEqual(before);
    const execute = await ctx.api.call('POST', `/api/v1/auth/otc/withdrawals/${id}/execute`, { token: t.admin });
    expect([execute.status, execute.body.current_status]).toEqual([409, 'failed']);
  });

  test('9999 never reports; the control call resolves it (0 completes, the treasury keeps the crypto)', async () => {
    const before = books();
    const id = await executedMpesaWithdrawal('+254711009999');
    await ctx.api.call('POST', '/__sandbox/clock/advance', { body: { seconds: 600 } });
    t = await tokens(ctx.api);
    expect((await withdrawal(id)).status).toBe('processing');
    const p = await payoutOf(id);
    expect(p).toMatchObject({ status: 'processing', resolves_at: null });
    const r = await ctx.api.call('POST', `/__sandbox/mpesa/b2c/${p.payout_id}/resolve`, { body: { result_code: 0 } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(await withdrawal(id)).toMatchObject({ status: 'completed', completed_by: fx.user('admin@coinpool.test').id });
    expect(books().vendor.amount).toBe((Number(before.vendor.amount) - 500).toFixed(8));
    expect(books().treasury.amount).toBe((Number(before.treasury.amount) + 500).toFixed(8));
    expect(books().total).toBe(before.total);
  });

  test('a bank withdrawal is not a B2C payout: it completes and is not listed', async () => {
    const w = await ctx.api.call('POST', '/api/v1/auth/otc/withdrawals', { token: t.vendor, body: { asset: 'USDT', network: 'tron',
      crypto_amount: '500', fiat_currency: 'KES', method: 'bank', payout_bank_account: '01100123452040', payout_bank_name: 'Example Bank' } });
    expect(w.status).toBe(201);
    await ctx.api.call('POST', `/api/v1/auth/otc/withdrawals/${w.body.withdrawal.id}/execute`, { token: t.admin });
    await ctx.api.call('POST', '/__sandbox/clock/advance', { body: { seconds: 5 } });
    expect((await withdrawal(w.body.withdrawal.id)).status).toBe('completed');
    expect(await payoutOf(w.body.withdrawal.id)).toBeUndefined();
  });

  test('no response or event broke the contract', async () => {
    expect((await ctx.api.call('GET', '/__sandbox/problems')).body).toEqual([]);
    expect((await ctx.api.call('GET', '/__sandbox/violations')).body.requests.filter((r: any) => r.status >= 500)).toEqual([]);
  });
});
