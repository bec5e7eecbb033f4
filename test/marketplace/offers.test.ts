// Offer rules that need pricing rows of their own: a BUY offer's profile and quote must agree on spread_bps and the
// quote must still be live; the body rules of each offer type are 400s naming the field.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { advance, fixtures, logins } from './support.ts';

const ctx = useServer({ strict: true });
let t: Awaited<ReturnType<typeof logins>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
beforeAll(async () => { t = await logins(ctx.api); fx = await fixtures(ctx.api); });

const buyBody = (extra: Record<string, unknown> = {}) => ({
  vendor_id: fx.user('vendor@coinpool.test').id, offer_type: 'BUY', asset: 'USDT', crypto_amount: '100', available_amount: '100',
  min_order: '1', max_order: '50', pricing_profile_id: fx.lane('offramp_usdt_kes_tron').profile, fx_rate_quote_id: fx.lane('offramp_usdt_kes_tron').quote,
  default_fee_bearer: 'sender', ...extra,
});
const postOffer = (body: object) => ctx.api.call('POST', '/api/v1/auth/offers', { token: t.vendor, body });
const newQuote = async (extra: Record<string, unknown>) => {
  const r = await ctx.api.call('POST', '/api/v1/auth/pricing/fx-quotes', { token: t.admin, body: {
    flow_type: 'offramp', asset: 'USDT', fiat_currency: 'KES', network: 'tron', reference_rate: '130.00', source: 'manual', ...extra } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
};

describe('BUY offer pricing', () => {
  test('a quote whose spread_bps differs from the profile\'s is refused (422) and nothing is stored', async () => {
    const before = (await ctx.api.call('GET', '/api/v1/auth/offers/type/BUY?page_id=1&page_size=10', { token: t.vendor })).body.length;
    const quote = await newQuote({ spread_bps: 60 });
    const r = await postOffer(buyBody({ fx_rate_quote_id: quote.id }));
    expect(r.status).toBe(422);
    expect(r.body.error).toBe('spread_bps differ: pricing profile 50, fx rate quote 60; they must be equal');
    expect((await ctx.api.call('GET', '/api/v1/auth/offers/type/BUY?page_id=1&page_size=10', { token: t.vendor })).body).toHaveLength(before);
  });

  test('a quote with the same spread prices the offer until it expires', async () => {
    const now = Date.parse((await ctx.api.call('GET', '/__sandbox/clock')).body.now);
    const quote = await newQuote({ reference_rate: '131.00', spread_bps: 50, expires_at: new Date(now + 60_000).toISOString() });
    const ok = await postOffer(buyBody({ fx_rate_quote_id: quote.id }));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ rate: '130.35', fx_rate_quote_id: quote.id, default_fee_bearer: 'sender' }); // 131 less 50 bps, half up
    await advance(ctx.api, 60);
    const late = await postOffer(buyBody({ fx_rate_quote_id: quote.id }));
    expect(late.status).toBe(422);
    expect(late.body.error).toBe(`fx rate quote ${quote.id} has expired`);
  });

  test('the body rules of each type are 400s naming the field', async () => {
    const noBearer = await postOffer(buyBody({ default_fee_bearer: undefined }));
    expect(noBearer.status).toBe(400);
    expect(noBearer.body.details.map((d: any) => d.pointer)).toContain('/default_fee_bearer');
    const sellWithPricing = await postOffer({ ...buyBody(), offer_type: 'SELL', rate: '130' });
    expect(sellWithPricing.status).toBe(400);
    // Each field a SELL offer must not carry is named (not a bare "must NOT be valid" at /).
    expect(sellWithPricing.body.details.map((d: any) => d.pointer).sort()).toEqual(['/default_fee_bearer', '/fx_rate_quote_id', '/pricing_profile_id']);
  });

  test('no response broke the contract', async () => {
    expect((await ctx.api.call('GET', '/__sandbox/problems')).body).toEqual([]);
    expect((await ctx.api.call('GET', '/__sandbox/violations')).body.requests.filter((r: any) => r.status >= 500)).toEqual([]);
  });
});
