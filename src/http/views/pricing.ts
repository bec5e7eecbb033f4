// Wire shapes of pricing profiles, FX rate quotes and fiat currencies: nullable columns as Go sql.Null* wrappers.
import type { FiatCurrencyRow, FxRateQuoteRow, PricingProfileRow } from '../../domain/pricing/index.ts';

import { nullString, nullTime } from './go-null.ts';

export const pricingProfileView = (p: PricingProfileRow) => ({
  id: p.id, name: p.name, flow_type: p.flow_type, otc_type: nullString(p.otc_type), asset: p.asset,
  network: nullString(p.network), fiat_currency: nullString(p.fiat_currency), fee_type: p.fee_type,
  rate_source: p.rate_source, settlement_side: p.settlement_side, fixed_fee: p.fixed_fee,
  percentage_fee_bps: p.percentage_fee_bps, min_fee: nullString(p.min_fee), max_fee: nullString(p.max_fee),
  spread_bps: p.spread_bps, is_active: p.is_active, created_at: p.created_at, updated_at: p.updated_at,
});

export const fxRateQuoteView = (q: FxRateQuoteRow) => ({
  id: q.id, flow_type: q.flow_type, otc_type: nullString(q.otc_type), asset: q.asset, network: nullString(q.network),
  fiat_currency: q.fiat_currency, source_country: nullString(q.source_country),
  destination_country: nullString(q.destination_country), reference_rate: q.reference_rate,
  applied_rate: q.applied_rate, spread_bps: q.spread_bps, source: q.source, expires_at: nullTime(q.expires_at),
  is_active: q.is_active, created_at: q.created_at,
});

/** The picker row (active list). */
export const fiatCurrencyView = (c: FiatCurrencyRow) => ({
  id: c.id, iso_code: c.iso_code, display_name: c.display_name, fraction_digits: c.fraction_digits, sort_order: c.sort_order,
});

/** The admin row. */
export const fiatCurrencyDetailView = (c: FiatCurrencyRow) => ({
  ...fiatCurrencyView(c), is_active: c.is_active, created_at: c.created_at, updated_at: c.updated_at,
});
