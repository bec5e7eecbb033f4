// The fiat currency catalog over HTTP: the seeded codes, admin CRUD with nested or flat bodies, iso_code immutability,
// deactivation (new requests naming the code get 400) and DELETE refused with 409 while anything names the code.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { registerFiatReference } from '../../src/domain/pricing/index.ts';

const ctx = useServer();
let admin = '';
let alice = '';
const F = '/api/v1/auth/fiat-currencies';
const KES_ID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890';

beforeAll(async () => {
  admin = await ctx.api.login('admin@coinpool.test');
  alice = await ctx.api.login('alice@coinpool.test');
});

describe('seeded catalog', () => {
  test('any authenticated user lists the active codes in sort order, without admin columns', async () => {
    const r = await ctx.api.call('GET', F, { token: alice });
    expect(r.status).toBe(200);
    expect(r.body.fiat_currencies.map((c: any) => c.iso_code)).toEqual(['USD', 'GBP', 'EUR', 'ETB', 'UGX', 'TZS', 'KES']);
    expect(r.body.fiat_currencies[0]).toEqual({ id: 'b2c3d4e5-f6a7-8901-bcde-f12345678901', iso_code: 'USD', display_name: 'US Dollar',
      fraction_digits: 2, sort_order: 10 });
    expect(r.body.fiat_currencies.find((c: any) => c.iso_code === 'UGX').fraction_digits).toBe(0);
    expect((await ctx.api.call('GET', F)).status).toBe(401);
  });

  test('admin reads one row (others 403; unknown 404)', async () => {
    const r = await ctx.api.call('GET', `${F}/${KES_ID}`, { token: admin });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ fiat_currency: { id: KES_ID, iso_code: 'KES', display_name: 'Kenyan Shilling', fraction_digits: 2,
      sort_order: 70, is_active: true, created_at: '2026-11-22T09:00:00Z', updated_at: '2026-11-22T09:00:00Z' } });
    expect((await ctx.api.call('GET', `${F}/${KES_ID}`, { token: alice })).status).toBe(403);
    expect((await ctx.api.call('GET', `${F}/00000000-0000-4000-8000-000000000000`, { token: admin })).status).toBe(404);
    expect((await ctx.api.call('GET', `${F}/not-a-uuid`, { token: admin })).status).toBe(400);
  });
});

describe('admin CRUD', () => {
  let ngn: any;
  let zar: any;
  test('create nested (guide example) and flat; iso_code upper-cased; defaults', async () => {
    const r = await ctx.api.call('POST', F, { token: admin, body: { fiat_currency: { iso_code: 'NGN', display_name: 'Nigerian Naira',
      fraction_digits: 2, sort_order: 80, is_active: true } } });
    expect(r.status).toBe(201);
    ngn = r.body.fiat_currency;
    expect(ngn).toMatchObject({ iso_code: 'NGN', sort_order: 80, is_active: true });
    const flat = await ctx.api.call('POST', F, { token: admin, body: { iso_code: 'zar', display_name: 'South African Rand' } });
    expect(flat.status).toBe(201);
    zar = flat.body.fiat_currency;
    expect(zar).toMatchObject({ iso_code: 'ZAR', fraction_digits: 2, sort_order: 0, is_active: true });
    const list = await ctx.api.call('GET', F, { token: alice });
    expect(list.body.fiat_currencies.map((c: any) => c.iso_code)).toEqual(['ZAR', 'USD', 'GBP', 'EUR', 'ETB', 'UGX', 'TZS', 'KES', 'NGN']);
  });

  test('a duplicate code (any case) is a 409; bad codes and non-admins are refused', async () => {
    const dup = await ctx.api.call('POST', F, { token: admin, body: { iso_code: 'ngn', display_name: 'again' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toBe('fiat currency NGN already exists');
    const bad = await ctx.api.call('POST', F, { token: admin, body: { iso_code: 'N1N', display_name: 'x' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.details)).toMatch(/iso_code/);
    expect((await ctx.api.call('POST', F, { token: admin, body: { iso_code: 'XAF', display_name: 'x', fraction_digits: 5 } })).status).toBe(400);
    expect((await ctx.api.call('POST', F, { token: alice, body: { iso_code: 'XAF', display_name: 'x' } })).status).toBe(403);
    const all = await ctx.api.call('GET', `${F}/admin`, { token: admin });
    expect(all.body.fiat_currencies.map((c: any) => c.iso_code)).not.toContain('XAF');
  });

  test('iso_code cannot change; PATCH needs a field; PATCH nested or flat', async () => {
    const iso = await ctx.api.call('PATCH', `${F}/${ngn.id}`, { token: admin, body: { iso_code: 'NGX' } });
    expect(iso.status).toBe(400);
    expect(iso.body.details).toEqual([{ location: 'body', pointer: '/iso_code', reason: 'iso_code cannot be changed' }]);
    const nestedIso = await ctx.api.call('PATCH', `${F}/${ngn.id}`, { token: admin, body: { fiat_currency: { iso_code: 'NGX', display_name: 'y' } } });
    expect(nestedIso.status).toBe(400);
    expect((await ctx.api.call('PATCH', `${F}/${ngn.id}`, { token: admin, body: {} })).status).toBe(400);
    const flat = await ctx.api.call('PATCH', `${F}/${ngn.id}`, { token: admin, body: { display_name: 'Naira' } });
    expect(flat.body.fiat_currency).toMatchObject({ iso_code: 'NGN', display_name: 'Naira' });
    const nested = await ctx.api.call('PATCH', `${F}/${ngn.id}`, { token: admin, body: { fiat_currency: { sort_order: 5 } } });
    expect(nested.body.fiat_currency).toMatchObject({ iso_code: 'NGN', display_name: 'Naira', sort_order: 5 });
    expect((await ctx.api.call('PATCH', `${F}/${ngn.id}`, { token: alice, body: { sort_order: 1 } })).status).toBe(403);
  });

  test('a deactivated code leaves the public list and new requests naming it get 400; reactivation restores it', async () => {
    const off = await ctx.api.call('PATCH', `${F}/${ngn.id}`, { token: admin, body: { fiat_currency: { is_active: false } } });
    expect(off.status).toBe(200);
    expect(off.body.fiat_currency.is_active).toBe(false);
    expect((await ctx.api.call('GET', F, { token: alice })).body.fiat_currencies.map((c: any) => c.iso_code)).not.toContain('NGN');
    const admins = await ctx.api.call('GET', `${F}/admin`, { token: admin });
    expect(admins.body.fiat_currencies.find((c: any) => c.iso_code === 'NGN').is_active).toBe(false);
    expect((await ctx.api.call('GET', `${F}/admin`, { token: alice })).status).toBe(403);
    const body = { flow_type: 'onramp', asset: 'USDT', fiat_currency: 'NGN', reference_rate: '1600', source: 'manual' };
    const refused = await ctx.api.call('POST', '/api/v1/auth/pricing/fx-quotes', { token: admin, body });
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([{ location: 'body', pointer: '/fiat_currency', reason: 'fiat currency NGN is not active' }]);
    await ctx.api.call('PATCH', `${F}/${ngn.id}`, { token: admin, body: { is_active: true } });
    expect((await ctx.api.call('POST', '/api/v1/auth/pricing/fx-quotes', { token: admin, body })).status).toBe(201);
  });

  test('DELETE: 409 while pricing rows name the code, 200 for an unused code, then 404', async () => {
    const kes = await ctx.api.call('DELETE', `${F}/${KES_ID}`, { token: admin });
    expect(kes.status).toBe(409);
    expect(kes.body.error).toBe('fiat currency KES is referenced by pricing profiles; set is_active to false instead');
    const ngnDel = await ctx.api.call('DELETE', `${F}/${ngn.id}`, { token: admin }); // the quote created above names it
    expect(ngnDel.status).toBe(409);
    expect(ngnDel.body.error).toMatch(/referenced by fx rate quotes/);
    expect((await ctx.api.call('DELETE', `${F}/${zar.id}`, { token: alice })).status).toBe(403);
    const ok = await ctx.api.call('DELETE', `${F}/${zar.id}`, { token: admin });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ message: 'fiat currency ZAR deleted' });
    expect((await ctx.api.call('GET', `${F}/${zar.id}`, { token: admin })).status).toBe(404);
    expect((await ctx.api.call('DELETE', `${F}/${zar.id}`, { token: admin })).status).toBe(404);
  });

  test('DELETE consults the references other areas register', async () => {
    const all = (await ctx.api.call('GET', `${F}/admin`, { token: admin })).body.fiat_currencies;
    const eur = all.find((c: any) => c.iso_code === 'EUR');
    registerFiatReference(ctx.server.sandbox.world, (_world, iso) => iso === 'EUR', 'remittance drafts');
    const r = await ctx.api.call('DELETE', `${F}/${eur.id}`, { token: admin });
    expect(r.status).toBe(409);
    expect(r.body.error).toBe('fiat currency EUR is referenced by remittance drafts; set is_active to false instead');
    expect((await ctx.api.call('GET', `${F}/${eur.id}`, { token: admin })).status).toBe(200);
  });
});
