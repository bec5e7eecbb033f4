// Resolution and previews over HTTP: POST /pricing/resolve, /pricing/resolve-otc and /pricing/quote against the seeded
// pricing, with the worked examples of contracts/notes/pricing.md (exact decimals), the matching rules and the 4xx.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { registerListingLookup, type PricingListing } from '../../src/domain/pricing/index.ts';

const ctx = useServer();
let admin = '';
let alice = '';
const fx: Record<string, any> = {};
const prof: Record<string, any> = {};
let users: Record<string, string> = {};

const post = (path: string, body: unknown, token = alice) => ctx.api.call('POST', `/api/v1/auth/pricing/${path}`, { token, body });
const kesOnramp = { flow_type: 'onramp', asset: 'USDT', fiat_currency: 'KES', network: 'tron' };

beforeAll(async () => {
  const fixtures = (await ctx.api.call('GET', '/__sandbox/fixtures')).body;
  for (const q of fixtures.fx_rate_quotes) fx[q.key] = q;
  for (const p of fixtures.pricing_profiles) prof[p.key] = p;
  users = Object.fromEntries(fixtures.users.map((u: any) => [u.email.split('@')[0], u.id]));
  admin = await ctx.api.login('admin@coinpool.test');
  alice = await ctx.api.login('alice@coinpool.test');
});

describe('worked examples (exact decimals)', () => {
  test('on-ramp 10000.00 KES: 1% fee, spread 50 bps', async () => {
    const r = await post('resolve', { ...kesOnramp, amount_in: '10000', amount_in_type: 'fiat' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      pricing_profile_id: prof.onramp_usdt_kes_tron.id, fx_rate_quote_id: fx.onramp_usdt_kes_tron.id, flow_type: 'onramp',
      network: 'tron', asset: 'USDT', fiat_currency: 'KES', amount_in: '10000.00', amount_in_type: 'fiat',
      reference_fx_rate: '130.00', applied_fx_rate: '130.65', spread_bps: 50, spread_amount: '49.75',
      fees: { fixed_fee: '0.00', fixed_fee_currency: 'KES', percentage_fee_bps: 100, percentage_fee_amount: '100.00',
        total_fee_amount: '100.00', fee_currency: 'KES' },
      amounts: { gross_fiat_amount: '10000.00', net_fiat_amount: '9900.00', gross_crypto_amount: '76.54037504',
        net_crypto_amount: '75.77497129' },
      settlement_side: 'customer', rate_source: 'manual', quoted_at: '2026-11-22T09:00:00Z', expires_at: '2026-11-22T09:15:00Z',
    });
  });

  test('a small on-ramp amount pays the minimum fee; percentage_fee_amount stays unclamped', async () => {
    const r = await post('resolve', { ...kesOnramp, amount_in: '500.00' });
    expect(r.status).toBe(200);
    expect(r.body.fees).toMatchObject({ percentage_fee_amount: '5.00', total_fee_amount: '10.00' });
    expect(r.body.amounts).toEqual({ gross_fiat_amount: '500.00', net_fiat_amount: '490.00',
      gross_crypto_amount: '3.82701875', net_crypto_amount: '3.75047837' });
  });

  test('OTC deposit 100000000 KES: 0.25% capped at 100000.00, merchant bears the fee', async () => {
    const r = await post('resolve-otc', { flow_type: 'b2b', otc_type: 'deposit', network: 'tron', asset: 'USDT',
      fiat_currency: 'KES', amount_in: '100000000', amount_in_type: 'fiat' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      otc_type: 'deposit', pricing_profile_id: prof.b2b_deposit_usdt_kes_tron.id, fx_rate_quote_id: fx.b2b_deposit_usdt_kes_tron.id,
      flow_type: 'b2b', network: 'tron', asset: 'USDT', fiat_currency: 'KES', amount_in: '100000000.00', amount_in_type: 'fiat',
      reference_fx_rate: '129.50', applied_fx_rate: '129.76', spread_amount: '200369.91',
      fees: { fixed_fee: '0.00', fixed_fee_currency: 'KES', percentage_fee_bps: 25, percentage_fee_amount: '250000.00',
        total_fee_amount: '100000.00', fee_currency: 'KES' },
      amounts: { gross_fiat_amount: '100000000.00', net_fiat_amount: '99900000.00', gross_crypto_amount: '770653.51418002',
        net_crypto_amount: '769882.86066584' },
    });
  });

  test('OTC withdrawal 25000 USDT (crypto side): applied rate below the reference', async () => {
    const r = await post('resolve-otc', { flow_type: 'b2b', otc_type: 'withdrawal', asset: 'USDT', fiat_currency: 'KES',
      amount_in: '25000', amount_in_type: 'crypto' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ fx_rate_quote_id: fx.b2b_withdrawal_usdt_kes_tron.id, network: 'tron',
      amount_in: '25000.00000000', reference_fx_rate: '129.50', applied_fx_rate: '129.24', spread_amount: '6500.00',
      fees: { percentage_fee_amount: '8077.50', total_fee_amount: '8077.50' },
      amounts: { gross_fiat_amount: '3231000.00', net_fiat_amount: '3222922.50', gross_crypto_amount: '25000.00000000',
        net_crypto_amount: '24937.50000000' } });
  });

  test('off-ramp live quote 500 USDT: fixed 50.00 split, the caller bears 25.00', async () => {
    const r = await post('quote', { flow_type: 'offramp', asset: 'USDT', fiat_currency: 'KES', network: 'tron',
      amount_in: '500', amount_in_type: 'crypto' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ pricing_profile_id: prof.offramp_usdt_kes_tron.id, amount_in: '500.00000000',
      applied_fx_rate: '129.35', spread_bps: 50, spread_amount: '325.00', settlement_side: 'split',
      fees: { fixed_fee: '50.00', percentage_fee_bps: 0, percentage_fee_amount: '0.00', total_fee_amount: '50.00' },
      amounts: { gross_fiat_amount: '64675.00', net_fiat_amount: '64650.00', gross_crypto_amount: '500.00000000',
        net_crypto_amount: '499.80672593' }, expires_at: '2026-11-22T09:15:00Z' });
    expect(r.body).not.toHaveProperty('otc_type');
  });

  test('remittance corridor: alpha-2 countries normalised, UGX amounts', async () => {
    const r = await post('resolve', { flow_type: 'remittance', asset: 'USDT', fiat_currency: 'UGX', amount_in: '370000',
      source_country: 'ke', destination_country: 'UG' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ fx_rate_quote_id: fx.remittance_usdt_ken_uga_tron.id, source_country: 'KEN',
      destination_country: 'UGA', network: 'tron', applied_fx_rate: '3681.50', spread_bps: 50, spread_amount: '1859.30',
      fees: { total_fee_amount: '3700.00', fee_currency: 'UGX' },
      amounts: { gross_fiat_amount: '370000.00', net_fiat_amount: '366300.00', gross_crypto_amount: '100.50251256',
        net_crypto_amount: '99.49748743' } });
  });

  test('hybrid fees clamp at max_fee and a split fee rounds the caller half up', async () => {
    const hybrid = await post('profiles', { name: 'USDC on-ramp hybrid', flow_type: 'onramp', asset: 'USDC', fee_type: 'hybrid',
      fixed_fee: '20', percentage_fee_bps: 150, max_fee: '100.00', rate_source: 'manual', settlement_side: 'customer' }, admin);
    expect(hybrid.status).toBe(201);
    const q1 = await post('fx-quotes', { flow_type: 'onramp', asset: 'USDC', fiat_currency: 'KES', reference_rate: '100',
      spread_bps: 100, source: 'manual' }, admin);
    expect(q1.status).toBe(201);
    expect(q1.body.applied_rate).toBe('101.00');
    const r = await post('quote', { flow_type: 'onramp', asset: 'USDC', fiat_currency: 'KES', amount_in: '10000', amount_in_type: 'fiat' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ pricing_profile_id: hybrid.body.id, fx_rate_quote_id: q1.body.id, network: '',
      spread_amount: '99.01', fees: { fixed_fee: '20.00', percentage_fee_amount: '150.00', total_fee_amount: '100.00' },
      amounts: { gross_crypto_amount: '99.00990099', net_fiat_amount: '9900.00', net_crypto_amount: '98.01980198' } });

    const split = await post('profiles', { name: 'USDC off-ramp split 5 cents', flow_type: 'offramp', asset: 'USDC',
      fee_type: 'fixed', fixed_fee: '0.05', rate_source: 'manual', settlement_side: 'split', network: 'ethereum' }, admin);
    const q2 = await post('fx-quotes', { flow_type: 'offramp', asset: 'USDC', fiat_currency: 'KES', reference_rate: '100.00',
      source: 'manual', network: 'ethereum' }, admin);
    expect([split.status, q2.status]).toEqual([201, 201]);
    const s = await post('quote', { flow_type: 'offramp', asset: 'USDC', fiat_currency: 'KES', amount_in: '10', amount_in_type: 'crypto', network: 'ethereum' });
    expect(s.status).toBe(200);
    expect(s.body.amounts).toEqual({ gross_fiat_amount: '1000.00', net_fiat_amount: '999.97', gross_crypto_amount: '10.00000000',
      net_crypto_amount: '9.99970000' });
  });
});

describe('matching rules', () => {
  test('generic resolve with flow_type b2b (B2B transfers) uses the generic b2b rows, never an OTC lane', async () => {
    const r = await post('resolve', { flow_type: 'b2b', asset: 'USDT', fiat_currency: 'KES', amount_in: '1000', network: 'tron' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ pricing_profile_id: prof.b2b_transfer_usdt_kes.id, fx_rate_quote_id: fx.b2b_transfer_usdt_kes.id,
      network: 'tron', applied_fx_rate: '129.50', fees: { total_fee_amount: '0.00' } });
    expect([prof.b2b_deposit_usdt_kes_tron.id, prof.b2b_withdrawal_usdt_kes_tron.id]).not.toContain(r.body.pricing_profile_id);
  });

  test('/pricing/quote with otc_type selects that lane; otc_type with another flow is a 400', async () => {
    const r = await post('quote', { flow_type: 'b2b', otc_type: 'deposit', asset: 'USDT', fiat_currency: 'KES', amount_in: '1000000', amount_in_type: 'fiat' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ otc_type: 'deposit', fx_rate_quote_id: fx.b2b_deposit_usdt_kes_tron.id, settlement_side: 'merchant',
      amounts: { net_fiat_amount: '1000000.00' } }); // merchant side: the caller bears nothing on /quote
    const bad = await post('quote', { flow_type: 'onramp', otc_type: 'deposit', asset: 'USDT', fiat_currency: 'KES', amount_in: '1', amount_in_type: 'fiat' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].pointer).toBe('/otc_type');
  });

  test('the request network picks the network-scoped rows', async () => {
    const r = await post('resolve', { ...kesOnramp, network: 'ethereum', amount_in: '1000' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ pricing_profile_id: prof.onramp_usdt_kes_ethereum.id, fx_rate_quote_id: fx.onramp_usdt_kes_ethereum.id, network: 'ethereum' });
  });

  test('no matching quote is a 404 naming the scope', async () => {
    const r = await post('resolve', { flow_type: 'p2p', asset: 'USDC', fiat_currency: 'USD', amount_in: '10' });
    expect(r.status).toBe(404);
    expect(r.body.error).toBe('no active fx rate quote for p2p/USDC/USD/any network');
  });

  test('a quote without a matching profile is a 404 naming the profile', async () => {
    const q = await post('fx-quotes', { flow_type: 'p2p', asset: 'USDC', fiat_currency: 'USD', reference_rate: '1.00', source: 'manual' }, admin);
    expect(q.status).toBe(201);
    const r = await post('resolve', { flow_type: 'p2p', asset: 'USDC', fiat_currency: 'USD', amount_in: '10' });
    expect(r.status).toBe(404);
    expect(r.body.error).toMatch(/^no active pricing profile for p2p\/USDC\/USD/);
  });

  test('a newer quote wins; an inactive one is ignored; an expired one stops resolving', async () => {
    const inactive = await post('fx-quotes', { ...kesOnramp, reference_rate: '120.00', spread_bps: 50, source: 'manual', is_active: false }, admin);
    expect(inactive.status).toBe(201);
    let r = await post('resolve', { ...kesOnramp, amount_in: '100' });
    expect(r.body.fx_rate_quote_id).toBe(fx.onramp_usdt_kes_tron.id);

    await ctx.api.call('POST', '/__sandbox/clock/advance', { body: { seconds: 1 } }); // a strictly newer created_at
    const newer = await post('fx-quotes', { ...kesOnramp, reference_rate: '131.00', spread_bps: 50, source: 'desk',
      expires_at: '2026-11-22T10:00:00Z' }, admin);
    expect(newer.status).toBe(201);
    expect(newer.body.expires_at).toEqual({ Time: '2026-11-22T10:00:00Z', Valid: true });
    r = await post('resolve', { ...kesOnramp, amount_in: '100' });
    expect(r.body).toMatchObject({ fx_rate_quote_id: newer.body.id, applied_fx_rate: '131.66', expires_at: '2026-11-22T10:00:00Z' });
    const active = await ctx.api.call('GET', '/api/v1/auth/pricing/fx-quotes/active?flow_type=onramp&asset=USDT&fiat_currency=KES&network=tron', { token: alice });
    expect(active.body.id).toBe(newer.body.id);

    await ctx.api.call('POST', '/__sandbox/clock/set', { body: { now: '2026-11-22T10:00:00Z' } });
    alice = await ctx.api.login('alice@coinpool.test');
    admin = await ctx.api.login('admin@coinpool.test');
    r = await post('resolve', { ...kesOnramp, amount_in: '100' });
    expect(r.body.fx_rate_quote_id).toBe(fx.onramp_usdt_kes_tron.id);
  });
});

describe('listings', () => {
  // Offers belong to the marketplace; here a test-only source of listings stands in for it through the same registry.
  const listings = new Map<string, PricingListing>();
  const listing = (id: string, over: Partial<PricingListing>) => listings.set(id, { id, vendor_id: users.vendor, status: 'active',
    asset: 'USDT', offer_type: 'SELL', pricing_profile_id: null, fx_rate_quote_id: null, ...over });
  const offer = (n: number) => `10000000-0000-4000-8000-00000000000${n}`;
  beforeAll(() => {
    registerListingLookup(ctx.server.sandbox.world, (_world, id) => listings.get(id));
    listing(offer(1), {});
    listing(offer(2), { status: 'paused' });
    listing(offer(3), { asset: 'USDC' });
    listing(offer(4), { vendor_id: users.alice });
    listing(offer(5), { offer_type: 'BUY', pricing_profile_id: prof.offramp_usdt_kes_ethereum.id, fx_rate_quote_id: fx.offramp_usdt_kes_ethereum.id });
    listing(offer(6), { offer_type: 'BUY', pricing_profile_id: prof.offramp_usdt_kes_ethereum.id, fx_rate_quote_id: fx.onramp_usdt_kes_tron.id });
  });
  const withListing = (n: number, over: Record<string, unknown> = {}) =>
    post('resolve', { ...kesOnramp, amount_in: '1000', vendor_id: users.vendor, offer_id: offer(n), ...over });

  test('a SELL listing previews an on-ramp and echoes the listing and order type', async () => {
    const r = await withListing(1, { order_type: 'ON_RAMP_BUY' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ vendor_id: users.vendor, offer_id: offer(1), order_type: 'ON_RAMP_BUY',
      pricing_profile_id: prof.onramp_usdt_kes_tron.id });
  });

  test('a BUY listing is priced with its own profile and quote', async () => {
    const r = await withListing(5, { flow_type: 'offramp', network: undefined, amount_in: '100', amount_in_type: 'crypto' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ pricing_profile_id: prof.offramp_usdt_kes_ethereum.id, fx_rate_quote_id: fx.offramp_usdt_kes_ethereum.id,
      network: 'ethereum', applied_fx_rate: '129.35' });
  });

  test.each([
    [2, {}, /is not active \(status paused\)/],
    [3, {}, /lists USDC, not USDT/],
    [4, {}, /does not belong to vendor/],
    [1, { flow_type: 'offramp' }, /a SELL offer is priced with flow_type onramp/],
    [5, {}, /a BUY offer is priced with flow_type offramp or remittance/],
    [6, { flow_type: 'offramp', network: undefined }, /priced for flow_type onramp, not offramp/],
  ])('listing %i with %o is a 422', async (n, over, message) => {
    const r = await withListing(n, over);
    expect(r.status).toBe(422);
    expect(r.body.error).toMatch(message);
  });

  test('vendor_id and offer_id go together (400); an unknown listing or vendor is a 404', async () => {
    const half = await post('resolve', { ...kesOnramp, amount_in: '100', vendor_id: users.vendor });
    expect(half.status).toBe(400);
    expect(JSON.stringify(half.body.details)).toMatch(/offer_id/);
    const noOffer = await post('resolve', { ...kesOnramp, amount_in: '100', vendor_id: users.vendor, offer_id: '00000000-0000-4000-8000-000000000000' });
    expect(noOffer.status).toBe(404);
    expect(noOffer.body.error).toMatch(/offer 00000000-0000-4000-8000-000000000000 not found/);
    const noVendor = await post('resolve', { ...kesOnramp, amount_in: '100', vendor_id: '00000000-0000-4000-8000-000000000001', offer_id: '00000000-0000-4000-8000-000000000000' });
    expect(noVendor.status).toBe(404);
    expect(noVendor.body.error).toMatch(/vendor .* not found/);
  });
});

describe('bad input is a 400 naming the field', () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['inactive or unknown fiat', 'resolve', { ...kesOnramp, fiat_currency: 'NGN', amount_in: '1' }, '/fiat_currency'],
    ['lower-case fiat', 'resolve', { ...kesOnramp, fiat_currency: 'kes', amount_in: '1' }, '/fiat_currency'],
    ['3 decimals of fiat', 'resolve', { ...kesOnramp, amount_in: '10.001' }, '/amount_in'],
    ['9 decimals of crypto', 'quote', { ...kesOnramp, amount_in: '1.123456789', amount_in_type: 'crypto' }, '/amount_in'],
    ['a zero amount', 'resolve', { ...kesOnramp, amount_in: '0.00' }, '/amount_in'],
    ['a number instead of a string', 'resolve', { ...kesOnramp, amount_in: 100 }, '/amount_in'],
    ['otc_type on the generic resolve', 'resolve', { ...kesOnramp, flow_type: 'b2b', otc_type: 'deposit', amount_in: '1' }, '/otc_type'],
    ['an order_type against the flow', 'resolve', { ...kesOnramp, amount_in: '1', order_type: 'OFF_RAMP_SELL' }, '/order_type'],
    ['remittance without destination', 'resolve', { flow_type: 'remittance', asset: 'USDT', fiat_currency: 'UGX', amount_in: '1', source_country: 'KEN' }, '/destination_country'],
    ['a country outside ISO 3166', 'resolve', { flow_type: 'remittance', asset: 'USDT', fiat_currency: 'UGX', amount_in: '1', source_country: 'XX', destination_country: 'UGA' }, '/source_country'],
    ['countries on a non-remittance flow', 'resolve', { ...kesOnramp, amount_in: '1', source_country: 'KEN' }, '/source_country'],
    ['resolve-otc without otc_type', 'resolve-otc', { flow_type: 'b2b', asset: 'USDT', fiat_currency: 'KES', amount_in: '1', amount_in_type: 'fiat' }, '/otc_type'],
    ['resolve-otc without amount_in_type', 'resolve-otc', { flow_type: 'b2b', otc_type: 'deposit', asset: 'USDT', fiat_currency: 'KES', amount_in: '1' }, '/amount_in_type'],
    ['resolve-otc with flow onramp', 'resolve-otc', { flow_type: 'onramp', otc_type: 'deposit', asset: 'USDT', fiat_currency: 'KES', amount_in: '1', amount_in_type: 'fiat' }, '/flow_type'],
    ['resolve-otc withdrawal in fiat', 'resolve-otc', { flow_type: 'b2b', otc_type: 'withdrawal', asset: 'USDT', fiat_currency: 'KES', amount_in: '1', amount_in_type: 'fiat' }, '/amount_in_type'],
  ];
  test.each(cases)('%s', async (_name, path, body, pointer) => {
    const r = await post(path, body);
    expect(r.status).toBe(400);
    expect(r.body.details.map((d: { pointer: string }) => d.pointer)).toContain(pointer);
  });

  test('a fee that consumes the whole amount is a 422', async () => {
    const r = await post('quote', { flow_type: 'offramp', asset: 'USDT', fiat_currency: 'KES', network: 'tron', amount_in: '0.1', amount_in_type: 'crypto' });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatch(/^fee exceeds amount/);
  });

  test('no token is a 401', async () => {
    const r = await ctx.api.call('POST', '/api/v1/auth/pricing/resolve', { body: { ...kesOnramp, amount_in: '1' } });
    expect(r.status).toBe(401);
  });
});

describe('pricing snapshots for other areas (buildPricingSnapshot)', () => {
  test('checks the pair against the operation and copies the economics; misfits name the field', async () => {
    const { buildPricingSnapshot } = await import('../../src/domain/pricing/index.ts');
    const world = ctx.server.sandbox.world;
    const base = { pricing_profile_id: prof.b2b_transfer_usdt_kes.id, fx_rate_quote_id: fx.b2b_transfer_usdt_kes.id,
      flow_types: ['b2b' as const], asset: 'USDT', fiat_currency: 'KES', network: 'tron' as const, amount_in: '259', amount_in_type: 'fiat' as const };
    const snap = buildPricingSnapshot(world, base);
    expect(snap).toMatchObject({ flow_type: 'b2b', otc_type: null, network: 'tron', applied_fx_rate: '129.50',
      amounts: { gross_crypto_amount: '2.00000000', net_fiat_amount: '259.00' } });
    const fail = (over: Record<string, unknown>, opts = {}) => {
      try { buildPricingSnapshot(world, { ...base, ...over }, opts); return null; } catch (e: any) { return [e.status, e.body]; }
    };
    expect(fail({ flow_types: ['p2p'] }, { mismatchStatus: 400 })).toEqual([400, { error: expect.any(String),
      details: [{ location: 'body', pointer: '/pricing_profile_id', reason: 'has flow_type b2b, expected p2p' }] }]);
    expect(fail({ fiat_currency: 'USD' })?.[0]).toBe(422);
    expect(fail({ fx_rate_quote_id: fx.b2b_deposit_usdt_kes_tron.id, otc_type: null })?.[1].error).toMatch(/otc_type deposit, expected none/);
    expect(fail({ pricing_profile_id: '00000000-0000-4000-8000-000000000000' })?.[0]).toBe(404);
  });
});
