// The one-shot deposit (POST /otc/deposits) checks the pricing ids it names as PATCH .../quote does: an unknown
// profile or quote, or one that does not fit the deposit, gets the same status and message, and nothing is written.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { tokens, fixtures } from './support.ts';
import { otcDeposits } from '../../src/domain/otc/deposits.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof tokens>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
beforeAll(async () => { t = await tokens(ctx.api); fx = await fixtures(ctx.api); });

const UNKNOWN = '3fa85f64-5717-4562-b3fc-2c963f66afa6'; // the docs' placeholder id
const bank = { method: 'bank', fiat_amount: '129760.00', fiat_currency: 'KES', payment_reference: 'FT-IDS-1', transfer_date: '2026-11-21',
  requested_asset: 'USDT', requested_network: 'tron' };

async function bothWays(ids: Record<string, string>) {
  const before = otcDeposits(ctx.server.sandbox.world).size;
  const oneShot = await ctx.api.call('POST', '/api/v1/auth/otc/deposits', { token: t.vendor, body: { ...bank, ...ids } });
  expect(otcDeposits(ctx.server.sandbox.world).size).toBe(before);
  const draft = await ctx.api.call('POST', '/api/v1/auth/otc/deposits/draft', { token: t.vendor,
    body: { fiat_amount: bank.fiat_amount, fiat_currency: 'KES', requested_asset: 'USDT', requested_network: 'tron' } });
  const quote = await ctx.api.call('PATCH', `/api/v1/auth/otc/deposits/${draft.body.deposit.id}/quote`, { token: t.vendor,
    body: { requested_asset: 'USDT', requested_network: 'tron', ...ids } });
  return { oneShot, quote };
}

describe('one-shot deposit pricing ids', () => {
  test('an unknown pricing profile: 404, as PATCH .../quote', async () => {
    const lane = fx.lane('b2b_deposit_usdt_kes_tron');
    const { oneShot, quote } = await bothWays({ pricing_profile_id: UNKNOWN, fx_rate_quote_id: lane.quote });
    expect(oneShot.status).toBe(404);
    expect(oneShot.body).toEqual(quote.body);
    expect(oneShot.body.error).toBe(`pricing profile ${UNKNOWN} not found`);
  });

  test('an unknown fx rate quote: 404, as PATCH .../quote', async () => {
    const lane = fx.lane('b2b_deposit_usdt_kes_tron');
    const { oneShot, quote } = await bothWays({ pricing_profile_id: lane.profile, fx_rate_quote_id: UNKNOWN });
    expect(oneShot.status).toBe(404);
    expect([oneShot.status, oneShot.body]).toEqual([quote.status, quote.body]);
  });

  test('a profile of another lane: 422, as PATCH .../quote', async () => {
    const other = fx.lane('onramp_usdt_kes_tron');
    const lane = fx.lane('b2b_deposit_usdt_kes_tron');
    const { oneShot, quote } = await bothWays({ pricing_profile_id: other.profile, fx_rate_quote_id: lane.quote });
    expect(oneShot.status).toBe(422);
    expect([oneShot.status, oneShot.body]).toEqual([quote.status, quote.body]);
  });

  test('the seeded deposit lane is accepted and stored', async () => {
    const lane = fx.lane('b2b_deposit_usdt_kes_tron');
    const r = await ctx.api.call('POST', '/api/v1/auth/otc/deposits', { token: t.vendor,
      body: { ...bank, payment_reference: 'FT-IDS-OK', pricing_profile_id: lane.profile, fx_rate_quote_id: lane.quote } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.deposit ?? r.body).toMatchObject({ pricing_profile_id: lane.profile, fx_rate_quote_id: lane.quote });
  });
});
