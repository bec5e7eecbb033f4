// Phone fields whose form the docs do not fix (OTC withdrawal payout_phone_number, OTC M-Pesa deposit phone_number)
// take both the E.164 form and the bare MSISDN, and store and print the + form; a malformed number is still a 400.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { tokens } from './support.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof tokens>>;
beforeAll(async () => { t = await tokens(ctx.api); });

const withdraw = (phone: string) => ctx.api.call('POST', '/api/v1/auth/otc/withdrawals', { token: t.vendor, body: { asset: 'USDT',
  network: 'tron', crypto_amount: '100', fiat_currency: 'KES', method: 'mpesa', payout_phone_number: phone } });

describe('phone forms the docs leave open', () => {
  test('an OTC withdrawal takes 254711000222 and +254711000222, both stored as +254711000222', async () => {
    for (const phone of ['254711000222', '+254711000222']) {
      const w = await withdraw(phone);
      expect(w.status, JSON.stringify(w.body)).toBe(201);
      expect(w.body.withdrawal.payout_phone_number).toBe('+254711000222');
    }
    const bad = await withdraw('0711-000-222');
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: any) => d.pointer)).toContain('/payout_phone_number');
  });

  test('an OTC M-Pesa deposit takes the bare MSISDN and prints mpesa_phone_number with +', async () => {
    const r = await ctx.api.call('POST', '/api/v1/auth/otc/deposits', { token: t.vendor, body: { method: 'mpesa', fiat_amount: '5000',
      fiat_currency: 'KES', phone_number: '254711000222', requested_asset: 'USDT', requested_network: 'tron' } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const deposit = r.body.deposit ?? r.body;
    expect(deposit.mpesa_phone_number).toBe('+254711000222');
    expect(deposit.checkout_request_id).toMatch(/711000222$/);
  });
});
