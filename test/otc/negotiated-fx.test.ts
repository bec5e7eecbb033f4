// Negotiated FX references: creation (code, zone, expiry, fee preview, email in the outbox), lookups, single use by
// a deposit (consumed on submit, released on reject), cancel, resend, and expiry on the sandbox clock.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { tokens, fixtures } from './support.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof tokens>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
beforeAll(async () => { t = await tokens(ctx.api); fx = await fixtures(ctx.api); });

const REFS = '/api/v1/auth/otc/negotiated-fx/references';
const create = (body: Record<string, unknown> = {}, token = t.treasury) => ctx.api.call('POST', REFS, { token, body: {
  merchant_id: fx.user('vendor@coinpool.test').id, agreed_transaction_date: '2026-11-22', fiat_currency: 'KES', agreed_amount: '1300000.00',
  reference_fx_rate: '129.20', agreed_fx_rate: '128.75', timezone: 'Africa/Nairobi', ...body } });

async function draftPricedWith(code: string) {
  const d = (await ctx.api.call('POST', '/api/v1/auth/otc/deposits/draft', { token: t.vendor, body: { fiat_amount: '1300000.00', fiat_currency: 'KES',
    requested_asset: 'USDT', requested_network: 'tron' } })).body.deposit;
  const q = await ctx.api.call('PATCH', `/api/v1/auth/otc/deposits/${d.id}/quote`, { token: t.vendor, body: {
    pricing_profile_id: fx.lane('b2b_deposit_usdt_kes_tron').profile, negotiated_fx_reference_code: code, requested_asset: 'USDT', requested_network: 'tron' } });
  return { d, q };
}
const submit = (id: string) => ctx.api.call('POST', `/api/v1/auth/otc/deposits/${id}/submit`, { token: t.vendor,
  body: { payment_reference: 'FT1', transfer_date: '2026-11-22', proof_url: 'https://example.com/p.pdf' } });

describe('negotiated FX references', () => {
  test('create: code, zone, expiry, fee preview and the merchant email', async () => {
    const r = await create({ narration: 'Desk deal' });
    expect(r.status).toBe(201);
    const ref = r.body.reference;
    expect(ref.reference_code).toMatch(/^NFX-20261122-[A-Z0-9]{4}$/);
    // 1300000 / 128.75 = 10097.08737864 USDT; 25 bps fee on it = 25.24271845 (half-up) (3250 KES, inside the 1000–100000 KES bounds)
    expect(ref).toMatchObject({ status: 'active', timezone: 'Africa/Nairobi', expires_at: '2026-11-22T21:00:00Z', asset: 'USDT', network: 'tron',
      agreed_amount_type: 'fiat', agreed_amount: '1300000.00', pricing_profile_id: fx.lane('b2b_deposit_usdt_kes_tron').profile,
      gross_fiat_amount: '1300000.00', gross_crypto_amount: '10097.08737864', total_fee_amount: '25.24271845', net_crypto_amount: '10071.84466019',
      fee_currency: 'USDT', created_by_user_id: fx.user('treasury@coinpool.test').id, consumed_at: null });
    const outbox = (await ctx.api.call('GET', '/__sandbox/outbox')).body;
    expect(JSON.stringify(outbox)).toContain(ref.reference_code);
    expect(JSON.stringify(outbox)).toContain('vendor@coinpool.test');

    expect((await ctx.api.call('GET', `${REFS}/${ref.id}`, { token: t.admin })).body.reference.id).toBe(ref.id);
    expect((await ctx.api.call('GET', `${REFS}/by-code/${ref.reference_code}`, { token: t.vendor })).status).toBe(200);
    expect((await ctx.api.call('GET', `${REFS}/by-code/${ref.reference_code}`, { token: t.subvendor })).status).toBe(200);
    expect((await ctx.api.call('GET', `${REFS}/by-code/${ref.reference_code}`, { token: t.alice })).status).toBe(404);
    expect((await ctx.api.call('GET', `${REFS}/by-code/nfx-bad`, { token: t.vendor })).status).toBe(400);
    const list = await ctx.api.call('GET', `${REFS}?merchant_id=${ref.merchant_id}&status=active`, { token: t.treasury });
    expect(list.body.references.map((x: any) => x.id)).toContain(ref.id);
    expect((await ctx.api.call('GET', REFS, { token: t.vendor })).status).toBe(403);
  });

  test('bad creations: unknown merchant 404, a sub-merchant 422, past date 422, bad zone 400, officer 403', async () => {
    expect((await create({ merchant_id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await create({ merchant_id: fx.user('subvendor@coinpool.test').id })).status).toBe(422);
    expect((await create({ agreed_transaction_date: '2026-11-21' })).status).toBe(422);
    const zone = await create({ timezone: 'Mars/Olympus' });
    expect([zone.status, zone.body.details?.[0]?.pointer]).toEqual([400, '/timezone']);
    expect((await create({}, t.officer)).status).toBe(403);
  });

  test('single use: priced with the agreed rate, consumed on submit, released on reject', async () => {
    const ref = (await create()).body.reference;
    const first = await draftPricedWith(ref.reference_code);
    expect(first.q.status).toBe(200);
    // the agreed 128.75 replaces the quote: fee 3250.00 KES, net 1296750.00 / 128.75 = 10071.84466019
    expect(first.q.body.deposit).toMatchObject({ status: 'priced', negotiated_fx_reference_id: ref.id, requested_crypto_amount: '10071.84466019', fx_rate_quote_id: null });
    const second = await draftPricedWith(ref.reference_code);
    expect(second.q.status).toBe(200); // checked, not consumed, at pricing time
    expect((await submit(first.d.id)).status).toBe(200);
    const consumed = (await ctx.api.call('GET', `${REFS}/${ref.id}`, { token: t.treasury })).body.reference;
    expect(consumed).toMatchObject({ status: 'consumed', consumed_otc_deposit_id: first.d.id });
    const late = await submit(second.d.id);
    expect(late.status).toBe(422);
    expect(late.body.error).toMatch(/consumed/);
    expect((await draftPricedWith(ref.reference_code)).q.status).toBe(422);
    expect((await ctx.api.call('POST', `${REFS}/${ref.id}/cancel`, { token: t.treasury })).status).toBe(409);

    await ctx.api.call('POST', `/api/v1/auth/otc/deposits/${first.d.id}/reject`, { token: t.officer, body: { rejection_reason: 'wrong amount' } });
    expect((await ctx.api.call('GET', `${REFS}/${ref.id}`, { token: t.treasury })).body.reference).toMatchObject({ status: 'active', consumed_otc_deposit_id: null });
    expect((await submit(second.d.id)).status).toBe(200);
  });

  test('cancel, resend, and expiry at the end of the agreed day in its zone', async () => {
    const ref = (await create()).body.reference;
    const mails = async () => ((await ctx.api.call('GET', '/__sandbox/outbox')).body as any[]).filter((m) => m.reference_id === ref.id);
    expect(await mails()).toHaveLength(1);
    const resent = await ctx.api.call('POST', `${REFS}/${ref.id}/resend-email`, { token: t.treasury });
    expect(resent.status).toBe(200);
    expect(resent.body.notification).toMatchObject({ reference_id: ref.id, channel: 'email', recipient_email: 'vendor@coinpool.test',
      cc_emails: ['treasury@coinpool.test'], status: 'sent', error: null });
    const sent = await mails();
    expect(sent).toHaveLength(2); // the resend is a second email in the outbox, to the merchant, naming the code
    expect(sent[1]).toMatchObject({ to: 'vendor@coinpool.test', kind: 'negotiated_fx_reference' });
    expect(sent[1].subject + sent[1].body).toContain(ref.reference_code);
    const { d } = await draftPricedWith(ref.reference_code);
    const cancelled = await ctx.api.call('POST', `${REFS}/${ref.id}/cancel`, { token: t.treasury, body: { reason: 'Merchant withdrew' } });
    expect(cancelled.body.reference).toMatchObject({ status: 'cancelled', cancellation_reason: 'Merchant withdrew', cancelled_by: fx.user('treasury@coinpool.test').id });
    expect((await submit(d.id)).status).toBe(422);
    expect((await ctx.api.call('POST', `${REFS}/${ref.id}/resend-email`, { token: t.treasury })).body.current_status).toBe('cancelled');

    const later = (await create()).body.reference;
    const pricedBefore = await draftPricedWith(later.reference_code);
    expect(pricedBefore.q.status).toBe(200);
    await ctx.api.call('POST', '/__sandbox/clock/set', { body: { now: '2026-11-22T21:00:00Z' } });
    t.treasury = await ctx.api.login('treasury@coinpool.test'); // the old tokens expired with the jump
    t.vendor = await ctx.api.login('vendor@coinpool.test');
    expect((await ctx.api.call('GET', `${REFS}/${later.id}`, { token: t.treasury })).body.reference.status).toBe('expired');
    // an expired code prices nothing, and a deposit priced with it before the expiry cannot be submitted
    const tooLate = await draftPricedWith(later.reference_code);
    expect(tooLate.q.status).toBe(422);
    expect(tooLate.q.body.error).toMatch(/expired/);
    const stale = await submit(pricedBefore.d.id);
    expect(stale.status).toBe(422);
    expect(stale.body.error).toMatch(/expired/);
    expect((await ctx.api.call('GET', `/api/v1/auth/otc/deposits/${pricedBefore.d.id}`, { token: t.vendor })).body.status).toBe('priced');
    const expired = await ctx.api.call('POST', `${REFS}/${later.id}/cancel`, { token: t.treasury });
    expect([expired.status, expired.body.current_status]).toEqual([409, 'expired']);
  });
});
