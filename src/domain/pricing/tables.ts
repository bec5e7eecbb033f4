// The pricing area's tables and its by-id lookups.
import type { World } from '../../kernel/world.ts';
import type { FiatCurrencyRow, FxRateQuoteRow, PricingProfileRow } from './types.ts';

export const pricingProfiles = (w: World) => w.table<PricingProfileRow>('pricing_profiles');
export const fxRateQuotes = (w: World) => w.table<FxRateQuoteRow>('fx_rate_quotes');
export const fiatCurrencies = (w: World) => w.table<FiatCurrencyRow>('fiat_currencies');

export const findPricingProfile = (world: World, id: string): PricingProfileRow | undefined => pricingProfiles(world).get(id);
export const findFxRateQuote = (world: World, id: string): FxRateQuoteRow | undefined => fxRateQuotes(world).get(id);

export function findFiatCurrencyByCode(world: World, iso: string): FiatCurrencyRow | undefined {
  const wanted = iso.trim().toUpperCase();
  return fiatCurrencies(world).find((c) => c.iso_code === wanted);
}

/** A quote resolves until its expires_at (exclusive); null never expires. */
export const quoteIsLive = (world: World, q: FxRateQuoteRow): boolean =>
  q.is_active && (q.expires_at === null || Date.parse(q.expires_at) > world.clock.nowMs());
