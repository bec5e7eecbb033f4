// The contract's documented request examples of the pricing writes must work against the seeded sandbox: the harness
// and partners replay them as they are. (They once carried a quote expiry in the past and a fee cap below the floor of
// the profile the examples point at.)
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { productDocument } from '../../src/contracts/document.ts';

const ctx = useServer({ strict: true });
let admin = '';
let profiles: { key: string; id: string }[] = [];
beforeAll(async () => {
  admin = await ctx.api.login('admin@coinpool.test');
  profiles = (await ctx.api.call('GET', '/__sandbox/fixtures')).body.pricing_profiles;
});

const media = (path: string, method: string) =>
  (productDocument.paths[path] as any)[method].requestBody.content['application/json'];

describe('pricing request examples', () => {
  const quoteExamples = Object.entries(media('/api/v1/auth/pricing/fx-quotes', 'post').examples as Record<string, { value: object }>);

  test.each(quoteExamples)('createFxRateQuote example %s is accepted (201)', async (_name, { value }) => {
    const r = await ctx.api.call('POST', '/api/v1/auth/pricing/fx-quotes', { token: admin, body: value });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  });

  test('the updatePricingProfile example applies to every seeded profile (200)', async () => {
    const example = media('/api/v1/auth/pricing/profiles/{id}', 'put').example;
    for (const p of profiles) {
      const r = await ctx.api.call('PUT', `/api/v1/auth/pricing/profiles/${p.id}`, { token: admin, body: example });
      expect(r.status, `${p.key}: ${JSON.stringify(r.body)}`).toBe(200);
      expect(r.body).toMatchObject({ percentage_fee_bps: 80, max_fee: { String: '800.00', Valid: true } });
    }
  });

  test('resolve-otc uses OTC lane rows only: no lane for the scope is a 404, never the generic b2b rows', async () => {
    const token = await ctx.api.login('alice@coinpool.test');
    const body = { flow_type: 'b2b', otc_type: 'deposit', asset: 'USDT', fiat_currency: 'KES', amount_in: '1000', amount_in_type: 'fiat' };
    const generic = await ctx.api.call('POST', '/api/v1/auth/pricing/resolve', { token, body: { flow_type: 'b2b', asset: 'USDT',
      fiat_currency: 'KES', amount_in: '1000', network: 'ethereum' } });
    expect(generic.status).toBe(200); // a generic b2b row covers ethereum ...
    const lane = await ctx.api.call('POST', '/api/v1/auth/pricing/resolve-otc', { token, body: { ...body, network: 'ethereum' } });
    expect(lane.status).toBe(404); // ... but the OTC deposit lane is tron-only
    expect(lane.body.error).toBe('no active fx rate quote for b2b:deposit/USDT/KES/ethereum');
  });
});
