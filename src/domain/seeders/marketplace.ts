// Seeds the marketplace: the vendor's SELL offers (on-ramp, TRON and Ethereum) and BUY offer (off-ramp, priced by the
// seeded TRON off-ramp lane), the sub-vendor's SELL offer, the GB → KE custodial remittance corridor, and one C2B
// account reference per seeded merchant. Everything is listed in the fixtures.
import type { Seeder, Fixtures } from './types.ts';
import { userByKey } from './types.ts';
import type { Principal } from '../../auth/principal.ts';
import { createOffer } from '../marketplace/offers.ts';
import { corridors, merchantC2bAccounts } from '../marketplace/tables.ts';

const laneId = (fixtures: Fixtures, list: 'pricing_profiles' | 'fx_rate_quotes', key: string): string => {
  const row = fixtures[list].find((r) => r.key === key);
  if (!row) throw new Error(`fixture pricing lane ${key} missing`);
  return row.id as string;
};

/** Seeding acts as the fixtures' admin, so seeded offers pass the same rules as API-created ones. */
function adminPrincipal(fixtures: Fixtures): Principal {
  const admin = userByKey(fixtures, 'admin@coinpool.test');
  return { userId: admin.id, role: 'admin', email: admin.email };
}

export const seedMarketplace: Seeder = (world, fixtures) => {
  const admin = adminPrincipal(fixtures);
  const vendor = userByKey(fixtures, 'vendor@coinpool.test');
  const subvendor = userByKey(fixtures, 'subvendor@coinpool.test');
  const sell = (vendorId: string, description: string, size: string, rate: string, max: string) => createOffer(world, admin, {
    vendor_id: vendorId, offer_type: 'SELL', asset: 'USDT', crypto_amount: size, available_amount: size, rate, min_order: '1',
    max_order: max, status: 'active', description,
  });
  const made = [
    { key: 'vendor_sell_usdt', offer: sell(vendor.id, 'USDT on-ramp - instant delivery on TRON or Ethereum', '10000', '131.00', '5000') },
    { key: 'subvendor_sell_usdt', offer: sell(subvendor.id, 'Small-ticket USDT on-ramp', '2000', '131.50', '500') },
    { key: 'vendor_buy_usdt_tron', offer: createOffer(world, admin, {
      vendor_id: vendor.id, offer_type: 'BUY', asset: 'USDT', crypto_amount: '10000', available_amount: '10000', min_order: '1',
      max_order: '5000', status: 'active', description: 'USDT off-ramp to M-Pesa',
      pricing_profile_id: laneId(fixtures, 'pricing_profiles', 'offramp_usdt_kes_tron'),
      fx_rate_quote_id: laneId(fixtures, 'fx_rate_quotes', 'offramp_usdt_kes_tron'), default_fee_bearer: 'sender',
    }) },
  ];
  // The rows as stored; the fixtures are shown with each offer in its API shape (src/control/fixtures-view.ts).
  fixtures.offers.push(...made.map(({ key, offer }) => ({ key, ...offer })));
  const buy = made[2].offer;
  const corridor = corridors(world).insert({
    id: world.random.uuid(), source_country: 'GB', destination_country: 'KE', fiat_currency: 'KES', asset: 'USDT', network: 'tron',
    vendor_id: vendor.id, offer_id: buy.id, is_active: true, created_at: world.nowIso(),
  });
  fixtures.remittance_corridors = [corridor];
  fixtures.c2b_accounts = [
    { merchant: vendor, reference: 'MRC-VENDOR-001' },
    { merchant: subvendor, reference: 'MRC-SUBVENDOR-001' },
  ].map(({ merchant, reference }) => merchantC2bAccounts(world).insert({
    id: world.random.uuid(), merchant_id: merchant.id, account_reference: reference, created_at: world.nowIso(),
  }));
};
