// The pricing area's public surface: rows, lookups, the resolver other areas price with, the fiat catalog and the
// registries other areas plug into (fiat references, liquidity listings).
export type {
  PricingProfileRow, FxRateQuoteRow, FiatCurrencyRow, FlowType, OtcType, FeeType, SettlementSide, AmountInType,
  PricingNetwork, PricingAsset, PricingOrderType, ResolvePricingInput, ResolveOtcPricingInput, QuotePricingInput,
  PricingPreview, ResolveOtcPricingResult, PricingFees, PricingAmounts,
} from './types.ts';
export { findPricingProfile, findFxRateQuote, findFiatCurrencyByCode, quoteIsLive, pricingProfiles, fxRateQuotes, fiatCurrencies } from './tables.ts';
export { resolvePricing, resolveOtcPricing, quotePricing, checkAmountIn, PREVIEW_TTL_MS } from './resolve.ts';
export { registerFiatReference, type FiatReferenceCheck } from './fiat-references.ts';
export { registerListingLookup, type PricingListing, type ListingLookup } from './listings.ts';
export {
  isActiveFiat, requireActiveFiat, createFiatCurrency, updateFiatCurrency, deleteFiatCurrency, getFiatCurrency,
  listFiatCurrencyRows, fiatReference,
} from './fiat-currencies.ts';
export { createPricingProfile, updatePricingProfile, getPricingProfile, type NewPricingProfile, type PricingProfilePatch } from './profiles.ts';
export { createFxRateQuote, getFxRateQuote, activeFxRateQuote, type NewFxRateQuote, type ActiveQuoteQuery } from './fx-quotes.ts';
export { filterAndSort } from './listing-filters.ts';
export { checkPricingPair, buildPricingSnapshot, type PricingSnapshot, type PricingPairInput, type PairCheckOptions } from './snapshot.ts';
export { computeEconomics, computeFees, deriveAppliedRate, deriveSpreadBps, spreadDirection } from './arithmetic.ts';
export { toAlpha3, requireCountry } from './countries.ts';
