// Pricing profiles and FX rate quotes over HTTP: create / list / get / update, role rules (admin only, active quote
// for anyone), the create rules (400 naming the field, 409 duplicate name) and what a change does to resolution.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';

const ctx = useServer();
let admin = '';
let alice = '';
let treasury = '';
const prof: Record<string, any> = {};
const fx: Record<string, any> = {};
const P = '/api/v1/auth/pricing';

beforeAll(async () => {
  const fixtures = (await ctx.api.call('GET', '/__sandbox/fixtures')).body;
  for (const q of fixtures.fx_rate_quotes) fx[q.key] = q;
  for (const p of fixtures.pricing_profiles) prof[p.key] = p;
  admin = await ctx.api.login('admin@coinpool.test');
  alice = await ctx.api.login('alice@coinpool.test');
  treasury = await ctx.api.login('treasury@coinpool.test');
});

const profileBody = (over: Record<string, unknown> = {}) => ({
  name: 'GBP on-ramp USDT', flow_type: 'onramp', asset: 'USDT', fee_type: 'percentage', rate_source: 'manual',
  settlement_side: 'customer', fiat_currency: 'GBP', percentage_fee_bps: 75, min_fee: '1.50', max_fee: '30', ...over,
});

describe('roles', () => {
  test.each([
    ['POST', `${P}/profiles`, profileBody({ name: 'role check' })],
    ['GET', `${P}/profiles`, undefined],
    ['GET', `${P}/fx-quotes`, undefined],
    ['POST', `${P}/fx-quotes`, { flow_type: 'onramp', asset: 'USDT', fiat_currency: 'GBP', reference_rate: '0.79', source: 'x' }],
  ])('%s %s is admin only (403 for customer and treasury, 401 without a token)', async (method, path, body) => {
    for (const token of [alice, treasury]) expect((await ctx.api.call(method, path, { token, body })).status).toBe(403);
    expect((await ctx.api.call(method, path, { body })).status).toBe(401);
  });

  test('admin-only reads of one row; 404 for unknown ids', async () => {
    expect((await ctx.api.call('GET', `${P}/profiles/${prof.onramp_usdt_kes_tron.id}`, { token: alice })).status).toBe(403);
    expect((await ctx.api.call('GET', `${P}/fx-quotes/${fx.onramp_usdt_kes_tron.id}`, { token: alice })).status).toBe(403);
    const unknown = '00000000-0000-4000-8000-00000000000f';
    expect((await ctx.api.call('GET', `${P}/profiles/${unknown}`, { token: admin })).status).toBe(404);
    expect((await ctx.api.call('GET', `${P}/fx-quotes/${unknown}`, { token: admin })).status).toBe(404);
    expect((await ctx.api.call('PUT', `${P}/profiles/${unknown}`, { token: admin, body: { spread_bps: 1 } })).status).toBe(404);
  });
});

describe('pricing profiles', () => {
  let created: any;
  test('create stores the profile with defaults and Go null wrappers', async () => {
    const r = await ctx.api.call('POST', `${P}/profiles`, { token: admin, body: profileBody() });
    expect(r.status).toBe(201);
    created = r.body;
    expect(r.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'GBP on-ramp USDT', flow_type: 'onramp',
      otc_type: { String: '', Valid: false }, asset: 'USDT', network: { String: '', Valid: false },
      fiat_currency: { String: 'GBP', Valid: true }, fee_type: 'percentage', rate_source: 'manual', settlement_side: 'customer',
      fixed_fee: '0.00', percentage_fee_bps: 75, min_fee: { String: '1.50', Valid: true }, max_fee: { String: '30.00', Valid: true },
      spread_bps: 0, is_active: true, created_at: '2026-11-22T09:00:00Z', updated_at: '2026-11-22T09:00:00Z',
    });
    const got = await ctx.api.call('GET', `${P}/profiles/${created.id}`, { token: admin });
    expect(got.body).toEqual(created);
  });

  test('a duplicate name (any case) is a 409 and stores nothing', async () => {
    const before = (await ctx.api.call('GET', `${P}/profiles?page_size=100`, { token: admin })).body.length;
    const r = await ctx.api.call('POST', `${P}/profiles`, { token: admin, body: profileBody({ name: 'gbp ON-RAMP usdt' }) });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatch(/already exists/);
    expect((await ctx.api.call('GET', `${P}/profiles?page_size=100`, { token: admin })).body.length).toBe(before);
  });

  test.each([
    ['fixed without fixed_fee', { fee_type: 'fixed' }, '/fixed_fee'],
    ['hybrid without percentage_fee_bps', { fee_type: 'hybrid', fixed_fee: '1', percentage_fee_bps: undefined }, '/percentage_fee_bps'],
    ['min_fee above max_fee', { min_fee: '50.00', max_fee: '40.00' }, '/min_fee'],
    ['otc_type on an onramp profile', { otc_type: 'deposit' }, '/otc_type'],
    ['an inactive fiat currency', { fiat_currency: 'NGN' }, '/fiat_currency'],
    ['a fee with 3 decimals', { fixed_fee: '1.005' }, '/fixed_fee'],
    ['bps above 10000', { percentage_fee_bps: 10001 }, '/percentage_fee_bps'],
    ['an unknown field', { colour: 'red' }, '/colour'],
    ['an unknown flow', { flow_type: 'swap' }, '/flow_type'],
  ])('create with %s is a 400', async (_n, over, pointer) => {
    const r = await ctx.api.call('POST', `${P}/profiles`, { token: admin, body: profileBody({ name: `bad ${pointer}`, ...over }) });
    expect(r.status).toBe(400);
    expect(r.body.details.map((d: any) => d.pointer)).toContain(pointer);
  });

  test('b2b profiles may carry an OTC lane or none', async () => {
    const lane = await ctx.api.call('POST', `${P}/profiles`, { token: admin, body: profileBody({ name: 'b2b lane', flow_type: 'b2b', otc_type: 'withdrawal' }) });
    expect(lane.status).toBe(201);
    expect(lane.body.otc_type).toEqual({ String: 'withdrawal', Valid: true });
  });

  test('PUT is partial: fees change, null unscopes, immutable fields and empty bodies are 400', async () => {
    const r = await ctx.api.call('PUT', `${P}/profiles/${created.id}`, { token: admin, body: { percentage_fee_bps: 80, max_fee: null, network: 'tron' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ percentage_fee_bps: 80, max_fee: { String: '', Valid: false }, network: { String: 'tron', Valid: true },
      min_fee: { String: '1.50', Valid: true }, name: 'GBP on-ramp USDT' });
    for (const [body, pointer] of [[{ flow_type: 'offramp' }, '/flow_type'], [{ asset: 'USDC' }, '/asset'], [{}, '/'],
      [{ fee_type: 'fixed' }, '/fixed_fee'], [{ min_fee: '99999.00', max_fee: '1.00' }, '/min_fee']] as const) {
      const bad = await ctx.api.call('PUT', `${P}/profiles/${created.id}`, { token: admin, body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.details.map((d: any) => d.pointer)).toContain(pointer);
    }
    const clash = await ctx.api.call('PUT', `${P}/profiles/${created.id}`, { token: admin, body: { name: 'KES ON-RAMP USDT TRON' } });
    expect(clash.status).toBe(409);
    const after = await ctx.api.call('GET', `${P}/profiles/${created.id}`, { token: admin });
    expect(after.body).toEqual(r.body); // failed updates changed nothing
  });

  test('deactivating a profile takes it out of resolution', async () => {
    const body = { flow_type: 'offramp', asset: 'USDT', fiat_currency: 'KES', network: 'tron', amount_in: '10', amount_in_type: 'crypto' };
    expect((await ctx.api.call('POST', `${P}/quote`, { token: alice, body })).status).toBe(200);
    const off = await ctx.api.call('PUT', `${P}/profiles/${prof.offramp_usdt_kes_tron.id}`, { token: admin, body: { is_active: false } });
    expect(off.body.is_active).toBe(false);
    const r = await ctx.api.call('POST', `${P}/quote`, { token: alice, body });
    expect(r.status).toBe(404);
    expect(r.body.error).toMatch(/no active pricing profile for offramp\/USDT\/KES\/tron/);
    await ctx.api.call('PUT', `${P}/profiles/${prof.offramp_usdt_kes_tron.id}`, { token: admin, body: { is_active: true } });
    expect((await ctx.api.call('POST', `${P}/quote`, { token: alice, body })).status).toBe(200);
  });

  test('a fee change applies to the next preview', async () => {
    const body = { flow_type: 'onramp', asset: 'USDT', fiat_currency: 'KES', network: 'ethereum', amount_in: '10000' };
    const id = prof.onramp_usdt_kes_ethereum.id;
    expect((await ctx.api.call('POST', `${P}/resolve`, { token: alice, body })).body.fees.total_fee_amount).toBe('100.00');
    await ctx.api.call('PUT', `${P}/profiles/${id}`, { token: admin, body: { fee_type: 'fixed', fixed_fee: '12.34' } });
    const r = await ctx.api.call('POST', `${P}/resolve`, { token: alice, body });
    expect(r.body.fees).toMatchObject({ fixed_fee: '12.34', percentage_fee_bps: 0, total_fee_amount: '12.34' });
    expect(r.body.amounts.net_fiat_amount).toBe('9987.66');
  });

  test('list: newest first, filters, pages', async () => {
    const lanes = await ctx.api.call('GET', `${P}/profiles?flow_type=b2b&otc_type=deposit`, { token: admin });
    expect(lanes.status).toBe(200);
    expect(lanes.body.map((p: any) => p.id)).toEqual([prof.b2b_deposit_usdt_kes_tron.id]);
    const b2b = await ctx.api.call('GET', `${P}/profiles?flow_type=b2b`, { token: admin });
    expect(b2b.body.length).toBe(4); // deposit, withdrawal, generic transfers, and 'b2b lane' created above
    const keys = b2b.body.map((p: any) => `${p.created_at} ${p.id}`);
    expect([...keys].sort().reverse()).toEqual(keys); // created_at desc, then id desc
    const page = await ctx.api.call('GET', `${P}/profiles?page_id=2&page_size=3`, { token: admin });
    const all = await ctx.api.call('GET', `${P}/profiles?page_size=100`, { token: admin });
    expect(page.body).toEqual(all.body.slice(3, 6));
    const gbp = await ctx.api.call('GET', `${P}/profiles?fiat_currency=GBP&is_active=true`, { token: admin });
    expect(gbp.body.map((p: any) => p.name).sort()).toEqual(['GBP on-ramp USDT', 'b2b lane']);
    expect((await ctx.api.call('GET', `${P}/profiles?page_size=101`, { token: admin })).status).toBe(400);
  });
});

describe('fx rate quotes', () => {
  const base = { asset: 'USDT', fiat_currency: 'KES', reference_rate: '130.00', source: 'manual' };
  test('applied rate derived from the spread by direction; spread derived from the applied rate', async () => {
    const cases: [Record<string, unknown>, string, number][] = [
      [{ flow_type: 'onramp', spread_bps: 50 }, '130.65', 50],
      [{ flow_type: 'offramp', spread_bps: 50 }, '129.35', 50],
      [{ flow_type: 'b2b', otc_type: 'deposit', spread_bps: 33 }, '130.43', 33], // 130.429 → 130.43
      [{ flow_type: 'b2b', otc_type: 'withdrawal', spread_bps: 33 }, '129.57', 33], // 129.571 → 129.57
      [{ flow_type: 'p2p' }, '130.00', 0],
      [{ flow_type: 'offramp', applied_rate: '128.70' }, '128.70', 100],
      [{ flow_type: 'offramp', applied_rate: '129.99' }, '129.99', 1], // 0.769 bps → 1
      [{ flow_type: 'onramp', applied_rate: '131.00', spread_bps: 10 }, '131.00', 10], // both sent: stored as sent
    ];
    for (const [over, applied, spread] of cases) {
      const r = await ctx.api.call('POST', `${P}/fx-quotes`, { token: admin, body: { ...base, ...over, is_active: false } });
      expect(r.status, JSON.stringify(over)).toBe(201);
      expect([r.body.applied_rate, r.body.spread_bps], JSON.stringify(over)).toEqual([applied, spread]);
    }
  });

  test('created quote shape: Go null wrappers, zero time when it never expires; get returns it', async () => {
    const r = await ctx.api.call('POST', `${P}/fx-quotes`, { token: admin, body: { ...base, flow_type: 'remittance', fiat_currency: 'TZS',
      reference_rate: '2500', source_country: 'ke', destination_country: 'TZA', network: 'tron', is_active: false } });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ id: expect.any(String), flow_type: 'remittance', otc_type: { String: '', Valid: false }, asset: 'USDT',
      network: { String: 'tron', Valid: true }, fiat_currency: 'TZS', source_country: { String: 'KEN', Valid: true },
      destination_country: { String: 'TZA', Valid: true }, reference_rate: '2500.00', applied_rate: '2500.00', spread_bps: 0,
      source: 'manual', expires_at: { Time: '0001-01-01T00:00:00Z', Valid: false }, is_active: false, created_at: '2026-11-22T09:00:00Z' });
    expect((await ctx.api.call('GET', `${P}/fx-quotes/${r.body.id}`, { token: admin })).body).toEqual(r.body);
  });

  test.each([
    ['3 decimals', { flow_type: 'onramp', reference_rate: '130.001' }, '/reference_rate'],
    ['a zero rate', { flow_type: 'onramp', reference_rate: '0.00' }, '/reference_rate'],
    ['a zero applied rate', { flow_type: 'onramp', applied_rate: '0' }, '/applied_rate'],
    ['a past expiry', { flow_type: 'onramp', expires_at: '2026-11-22T08:59:59Z' }, '/expires_at'],
    ['otc_type on onramp', { flow_type: 'onramp', otc_type: 'deposit' }, '/otc_type'],
    ['remittance without countries', { flow_type: 'remittance' }, '/source_country'],
    ['countries on offramp', { flow_type: 'offramp', source_country: 'KEN', destination_country: 'UGA' }, '/source_country'],
    ['an unknown country', { flow_type: 'remittance', source_country: 'KEN', destination_country: 'ZZZ' }, '/destination_country'],
    ['an inactive fiat', { flow_type: 'onramp', fiat_currency: 'NGN' }, '/fiat_currency'],
  ])('create with %s is a 400', async (_n, over, pointer) => {
    const r = await ctx.api.call('POST', `${P}/fx-quotes`, { token: admin, body: { ...base, ...over } });
    expect(r.status).toBe(400);
    expect(r.body.details.map((d: any) => d.pointer)).toContain(pointer);
  });

  test('a b2b quote without otc_type is a generic b2b quote that /pricing/resolve finds', async () => {
    await ctx.api.call('POST', '/__sandbox/clock/advance', { body: { seconds: 1 } });
    const r = await ctx.api.call('POST', `${P}/fx-quotes`, { token: admin, body: { ...base, flow_type: 'b2b', reference_rate: '128.00' } });
    expect(r.status).toBe(201);
    expect(r.body.otc_type).toEqual({ String: '', Valid: false });
    const res = await ctx.api.call('POST', `${P}/resolve`, { token: alice, body: { flow_type: 'b2b', asset: 'USDT', fiat_currency: 'KES', amount_in: '1280' } });
    expect(res.body).toMatchObject({ fx_rate_quote_id: r.body.id, amounts: { gross_crypto_amount: '10.00000000' } });
  });

  test('active quote: any authenticated user; lanes by otc_type; 400 in the query; 404 when none', async () => {
    const q = (s: string) => ctx.api.call('GET', `${P}/fx-quotes/active?${s}`, { token: alice });
    const lane = await q('flow_type=b2b&otc_type=withdrawal&asset=USDT&fiat_currency=KES');
    expect(lane.status).toBe(200);
    expect(lane.body).toMatchObject({ id: fx.b2b_withdrawal_usdt_kes_tron.id, applied_rate: '129.24', otc_type: { String: 'withdrawal', Valid: true } });
    const remit = await q('flow_type=remittance&asset=USDT&fiat_currency=UGX&source_country=KE&destination_country=UG');
    expect(remit.body.id).toBe(fx.remittance_usdt_ken_uga_tron.id);
    const bad = await q('flow_type=onramp&asset=USDT&fiat_currency=NGN');
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ location: 'query', pointer: '/fiat_currency', reason: 'fiat currency NGN is not in the catalog' }]);
    expect((await q('flow_type=onramp&otc_type=deposit&asset=USDT&fiat_currency=KES')).status).toBe(400);
    expect((await q('flow_type=onramp&asset=USDC&fiat_currency=KES')).status).toBe(404);
    expect((await ctx.api.call('GET', `${P}/fx-quotes/active?flow_type=onramp&asset=USDT&fiat_currency=KES`)).status).toBe(401);
  });

  test('list includes inactive quotes, newest first, with filters', async () => {
    const all = await ctx.api.call('GET', `${P}/fx-quotes?page_size=100`, { token: admin });
    expect(all.status).toBe(200);
    expect(all.body.some((q: any) => !q.is_active)).toBe(true);
    const times = all.body.map((q: any) => q.created_at);
    expect([...times].sort().reverse()).toEqual(times);
    const inactive = await ctx.api.call('GET', `${P}/fx-quotes?is_active=false&flow_type=offramp`, { token: admin });
    expect(inactive.body.length).toBe(3);
    const tron = await ctx.api.call('GET', `${P}/fx-quotes?network=ethereum`, { token: admin });
    expect(tron.body.every((q: any) => q.network.String === 'ethereum')).toBe(true);
    expect(tron.body.length).toBe(2);
    expect(all.body.length).toBe(19); // 9 seeded + 10 created in this file
    const page = await ctx.api.call('GET', `${P}/fx-quotes?page_id=2&page_size=5`, { token: admin });
    expect(page.body).toEqual(all.body.slice(5, 10));
  });
});
