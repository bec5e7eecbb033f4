// Seeds the fiat currency catalog and the active pricing the other areas rely on: on-ramp and off-ramp (marketplace),
// the B2B OTC deposit and withdrawal lanes, generic B2B and P2P transfers, and one remittance corridor. Ids that the
// contract's examples show are used as they are, so the examples work against the seeded world.
import type { Seeder } from './types.ts';
import { createFiatCurrency, createFxRateQuote, createPricingProfile, type NewPricingProfile } from '../pricing/index.ts';
import type { NewFxRateQuote } from '../pricing/index.ts';

const FIAT: { id?: string; iso_code: string; display_name: string; sort_order: number; fraction_digits?: number }[] = [
  { id: 'b2c3d4e5-f6a7-8901-bcde-f12345678901', iso_code: 'USD', display_name: 'US Dollar', sort_order: 10 },
  { iso_code: 'GBP', display_name: 'British Pound', sort_order: 20 },
  { iso_code: 'EUR', display_name: 'Euro', sort_order: 30 },
  { iso_code: 'ETB', display_name: 'Ethiopian Birr', sort_order: 40 },
  { iso_code: 'UGX', display_name: 'Ugandan Shilling', sort_order: 50, fraction_digits: 0 },
  { iso_code: 'TZS', display_name: 'Tanzanian Shilling', sort_order: 60 },
  { id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890', iso_code: 'KES', display_name: 'Kenyan Shilling', sort_order: 70 },
];

interface Lane { key: string; profileId?: string; quoteId?: string; profile: NewPricingProfile; quote: NewFxRateQuote }

const onramp = (network: 'tron' | 'ethereum', profileId?: string, quoteId?: string): Lane => ({
  key: `onramp_usdt_kes_${network}`, profileId, quoteId,
  profile: { name: `KES on-ramp USDT ${network}`, flow_type: 'onramp', asset: 'USDT', fee_type: 'percentage', rate_source: 'manual',
    settlement_side: 'customer', network, fiat_currency: 'KES', percentage_fee_bps: 100, min_fee: '10.00', max_fee: '1000.00', spread_bps: 50 },
  quote: { flow_type: 'onramp', asset: 'USDT', fiat_currency: 'KES', network, reference_rate: '130.00', spread_bps: 50, source: 'manual' },
});
const offramp = (network: 'tron' | 'ethereum', profileId?: string, quoteId?: string): Lane => ({
  key: `offramp_usdt_kes_${network}`, profileId, quoteId,
  profile: { name: `KES off-ramp USDT ${network}`, flow_type: 'offramp', asset: 'USDT', fee_type: 'fixed', rate_source: 'manual',
    settlement_side: 'split', network, fiat_currency: 'KES', fixed_fee: '50.00', spread_bps: 50 },
  quote: { flow_type: 'offramp', asset: 'USDT', fiat_currency: 'KES', network, reference_rate: '130.00', spread_bps: 50, source: 'manual' },
});
const otcLane = (otc: 'deposit' | 'withdrawal', profileId?: string, quoteId?: string): Lane => ({
  key: `b2b_${otc}_usdt_kes_tron`, profileId, quoteId,
  profile: { name: `B2B OTC ${otc} USDT KES`, flow_type: 'b2b', otc_type: otc, asset: 'USDT', fee_type: 'percentage',
    rate_source: 'treasury-desk', settlement_side: 'merchant', network: 'tron', fiat_currency: 'KES', percentage_fee_bps: 25,
    min_fee: '1000.00', max_fee: '100000.00', spread_bps: 20 },
  quote: { flow_type: 'b2b', otc_type: otc, asset: 'USDT', fiat_currency: 'KES', network: 'tron', reference_rate: '129.50',
    spread_bps: 20, source: 'treasury-desk' },
});
/** Transfers (p2p, generic b2b) carry a fiat reference only: no fee, no spread, any network. */
const transfer = (flow: 'p2p' | 'b2b', rate: string): Lane => ({
  key: `${flow}_transfer_usdt_kes`,
  profile: { name: `${flow.toUpperCase()} transfers USDT KES`, flow_type: flow, asset: 'USDT', fee_type: 'none', rate_source: 'manual',
    settlement_side: 'customer', fiat_currency: 'KES', spread_bps: 0 },
  quote: { flow_type: flow, asset: 'USDT', fiat_currency: 'KES', reference_rate: rate, spread_bps: 0, source: 'manual' },
});

const LANES: Lane[] = [
  onramp('tron', '6f1d2c3b-4a5e-4f60-8a71-9b8c7d6e5f40', '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a'),
  offramp('tron', '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d', '7e6d5c4b-3a2f-4e1d-9c8b-7a6f5e4d3c2b'),
  onramp('ethereum'),
  offramp('ethereum'),
  otcLane('deposit', '0b6a4e2d-8c1f-4d3e-9a7b-2c5d8e1f4a60', '3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b'),
  otcLane('withdrawal'),
  transfer('b2b', '129.50'),
  transfer('p2p', '130.00'),
  {
    key: 'remittance_usdt_ken_uga_tron',
    profile: { name: 'KEN to UGA remittance USDT tron', flow_type: 'remittance', asset: 'USDT', fee_type: 'percentage',
      rate_source: 'manual', settlement_side: 'customer', network: 'tron', fiat_currency: 'UGX', percentage_fee_bps: 100, spread_bps: 50 },
    quote: { flow_type: 'remittance', asset: 'USDT', fiat_currency: 'UGX', network: 'tron', reference_rate: '3700.00',
      applied_rate: '3681.50', source: 'manual', source_country: 'KEN', destination_country: 'UGA' },
  },
];

export const seedPricing: Seeder = (world, fixtures) => {
  fixtures.fiat_currencies = FIAT.map((f) => {
    const row = createFiatCurrency(world, f, f.id ?? world.random.uuid());
    return { id: row.id, iso_code: row.iso_code, display_name: row.display_name };
  });
  for (const lane of LANES) {
    const p = createPricingProfile(world, lane.profile, lane.profileId ?? world.random.uuid());
    const q = createFxRateQuote(world, lane.quote, lane.quoteId ?? world.random.uuid());
    fixtures.pricing_profiles.push({ key: lane.key, id: p.id, name: p.name, flow_type: p.flow_type, otc_type: p.otc_type,
      asset: p.asset, network: p.network, fiat_currency: p.fiat_currency, fee_type: p.fee_type, settlement_side: p.settlement_side,
      spread_bps: p.spread_bps });
    fixtures.fx_rate_quotes.push({ key: lane.key, id: q.id, flow_type: q.flow_type, otc_type: q.otc_type, asset: q.asset,
      network: q.network, fiat_currency: q.fiat_currency, source_country: q.source_country,
      destination_country: q.destination_country, reference_rate: q.reference_rate, applied_rate: q.applied_rate,
      spread_bps: q.spread_bps, pricing_profile_id: p.id });
  }
};
