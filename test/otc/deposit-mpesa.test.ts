// Mobile-money deposits: the STK push goes out on create, and each simulated outcome confirms (with the receipt) or
// rejects ("mpesa: <ResultDesc>") the deposit 5 s of sandbox clock later; 9999 never calls back.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { tokens } from './support.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof tokens>>;
beforeAll(async () => { t = await tokens(ctx.api); });

const create = (phone: string, extra: Record<string, unknown> = {}) => ctx.api.call('POST', '/api/v1/auth/otc/deposits', { token: t.vendor,
  body: { method: 'mpesa', fiat_amount: '5000', fiat_currency: 'KES', phone_number: phone, requested_asset: 'USDT', requested_network: 'tron', ...extra } });

describe('M-Pesa deposits', () => {
  test('each STK outcome settles the deposit once', async () => {
    const outcomes: [string, string, string | null][] = [
      ['+254712340000', 'confirmed', null],
      ['+254712341032', 'rejected', 'mpesa: Request cancelled by user'],
      ['+254712341037', 'rejected', 'mpesa: DS timeout user cannot be reached'],
      ['+254712340001', 'rejected', 'mpesa: The balance is insufficient for the transaction.'],
      ['+254712342001', 'rejected', 'mpesa: The initiator information is invalid.'],
      ['+254712341019', 'rejected', 'mpesa: Transaction has expired'],
      ['+254712349999', 'pending', null],
    ];
    const created = [];
    for (const [phone] of outcomes) {
      const r = await create(phone);
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ status: 'pending', method: 'mpesa', mpesa_phone_number: phone, fiat_amount: '5000.00', mpesa_receipt_number: null });
      expect(r.body.checkout_request_id).toMatch(/^ws_CO_/);
      created.push(r.body);
    }
    const prompts = (await ctx.api.call('GET', '/__sandbox/mpesa/stk')).body;
    expect(JSON.stringify(prompts)).toContain(created[0].checkout_request_id);
    await ctx.api.call('POST', '/__sandbox/clock/advance', { body: { seconds: 6 } });
    for (const [i, [, status, reason]] of outcomes.entries()) {
      const d = (await ctx.api.call('GET', `/api/v1/auth/otc/deposits/${created[i].id}`, { token: t.vendor })).body;
      expect([i, d.status, d.rejection_reason]).toEqual([i, status, reason]);
      if (status === 'confirmed') {
        expect(d.mpesa_receipt_number).toMatch(/^[A-Z0-9]{10}$/);
        // The callback came 5 s after the push: a jump of 6 s plays it at its own time.
        expect(d).toMatchObject({ confirmed_by: null, confirmed_at: '2026-11-22T09:00:05Z' });
      }
      if (status === 'rejected') expect(d).toMatchObject({ rejected_by: null, mpesa_receipt_number: null });
    }
    const audit = (await ctx.api.call('GET', `/api/v1/auth/otc/deposits/${created[0].id}/audit`, { token: t.vendor })).body.entries;
    expect(audit.map((e: any) => e.action)).toEqual(['created', 'mpesa_stk_initiated', 'mpesa_payment_succeeded']);
    expect(audit[2]).toMatchObject({ actor_user_id: null, from_status: 'pending', to_status: 'confirmed' });
    // the confirmed mobile-money deposit is ready for credit; the silent one can still be rejected by an officer
    const ready = (await ctx.api.call('GET', '/api/v1/auth/otc/deposits/queue/ready-to-credit', { token: t.admin })).body.deposits;
    expect(ready.map((d: any) => d.id)).toEqual([created[0].id]);
    const silent = created[6].id;
    expect((await ctx.api.call('POST', `/api/v1/auth/otc/deposits/${silent}/confirm`, { token: t.officer })).status).toBe(409);
    expect((await ctx.api.call('POST', `/api/v1/auth/otc/deposits/${silent}/reject`, { token: t.officer, body: { rejection_reason: 'No callback' } })).status).toBe(200);
  });

  test('a prompt resolved through the control API settles at once; a late callback changes nothing', async () => {
    const r = await create('+254712345678');
    const resolved = await ctx.api.call('POST', `/__sandbox/mpesa/stk/${r.body.checkout_request_id}/resolve`, { body: { result_code: 1032 } });
    expect(resolved.status).toBe(200);
    const d = (await ctx.api.call('GET', `/api/v1/auth/otc/deposits/${r.body.id}`, { token: t.vendor })).body;
    expect(d).toMatchObject({ status: 'rejected', rejection_reason: 'mpesa: Request cancelled by user' });
    await ctx.api.call('POST', '/__sandbox/clock/advance', { body: { seconds: 10 } });
    expect((await ctx.api.call('GET', `/api/v1/auth/otc/deposits/${r.body.id}`, { token: t.vendor })).body.status).toBe('rejected');
  });

  test('mobile money needs KES and whole shillings (422) and a phone number (400)', async () => {
    expect((await create('+254712345678', { fiat_currency: 'USD' })).status).toBe(422);
    expect((await create('+254712345678', { fiat_amount: '10.50' })).status).toBe(422);
    const none = await ctx.api.call('POST', '/api/v1/auth/otc/deposits', { token: t.vendor, body: { method: 'mpesa', fiat_amount: '5000', fiat_currency: 'KES' } });
    expect(none.status).toBe(400);
    expect(none.body.details.map((x: any) => x.pointer)).toContain('/phone_number');
  });
});
