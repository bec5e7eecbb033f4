// Pricing, FX and the fiat currency catalog: rows 38–54 of ENDPOINTS.md. Thin: parse → domain → documented shape.
import type { ProductHandlers } from '../types.ts';
import { ok, created } from '../types.ts';
import {
  createPricingProfile, updatePricingProfile, getPricingProfile, pricingProfiles, createFxRateQuote, getFxRateQuote,
  activeFxRateQuote, fxRateQuotes, filterAndSort, resolvePricing, resolveOtcPricing, quotePricing, listFiatCurrencyRows,
  getFiatCurrency, createFiatCurrency, updateFiatCurrency, deleteFiatCurrency,
} from '../../domain/pricing/index.ts';
import { pricingProfileView, fxRateQuoteView, fiatCurrencyView, fiatCurrencyDetailView } from '../views/pricing.ts';
import { paginate } from './paging.ts';

const PAGE_SIZE = 20;
/** The fiat catalog bodies may be nested under `fiat_currency` or flat (the contract's oneOf of the two). */
function fiatFields<F extends object>(body: { fiat_currency: F } | F): F {
  const nested: unknown = (body as { fiat_currency?: unknown }).fiat_currency;
  return typeof nested === 'object' && nested !== null ? nested as F : body as F;
}

export const pricingHandlers: ProductHandlers = {
  createPricingProfile: ({ world, body }) => created(pricingProfileView(createPricingProfile(world, body))),

  listPricingProfiles: ({ world, query }) =>
    ok(paginate(filterAndSort(pricingProfiles(world).all(), query), query, PAGE_SIZE).map(pricingProfileView)),

  getPricingProfileById: ({ world, params }) => ok(pricingProfileView(getPricingProfile(world, params.id))),

  updatePricingProfile: ({ world, params, body }) => ok(pricingProfileView(updatePricingProfile(world, params.id, body))),

  createFxRateQuote: ({ world, body }) => created(fxRateQuoteView(createFxRateQuote(world, body))),

  listFxRateQuotes: ({ world, query }) =>
    ok(paginate(filterAndSort(fxRateQuotes(world).all(), query), query, PAGE_SIZE).map(fxRateQuoteView)),

  getFxRateQuoteById: ({ world, params }) => ok(fxRateQuoteView(getFxRateQuote(world, params.id))),

  getActiveFxRateQuote: ({ world, query }) => ok(fxRateQuoteView(activeFxRateQuote(world, query))),

  resolvePricing: ({ world, body }) => ok(resolvePricing(world, body)),

  resolveOtcPricing: ({ world, body }) => ok(resolveOtcPricing(world, body)),

  quotePricing: ({ world, body }) => ok(quotePricing(world, body)),

  listFiatCurrencies: ({ world }) => ok({ fiat_currencies: listFiatCurrencyRows(world, true).map(fiatCurrencyView) }),

  listAllFiatCurrencies: ({ world }) => ok({ fiat_currencies: listFiatCurrencyRows(world, false).map(fiatCurrencyDetailView) }),

  getFiatCurrencyById: ({ world, params }) => ok({ fiat_currency: fiatCurrencyDetailView(getFiatCurrency(world, params.id)) }),

  createFiatCurrency: ({ world, body }) => created({ fiat_currency: fiatCurrencyDetailView(createFiatCurrency(world, fiatFields(body))) }),

  updateFiatCurrency: ({ world, params, body }) =>
    ok({ fiat_currency: fiatCurrencyDetailView(updateFiatCurrency(world, params.id, fiatFields(body))) }),

  deleteFiatCurrency: ({ world, params }) => ok({ message: `fiat currency ${deleteFiatCurrency(world, params.id).iso_code} deleted` }),
};
