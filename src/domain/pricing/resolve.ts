// POST /pricing/resolve, /pricing/resolve-otc and /pricing/quote: pick the active profile and quote for a flow context
// and preview the commercials. Nothing is stored. Other areas call these directly and get the same ApiErrors.
import type { World } from '../../kernel/world.ts';
import { invalidField, notFound, unprocessable } from '../../kernel/errors.ts';
import { users } from '../users.ts';
import type {
  AmountInType, FxRateQuoteRow, PricingPreview, PricingProfileRow, QuotePricingInput, ResolveOtcPricingInput,
  ResolveOtcPricingResult, ResolvePricingInput,
} from './types.ts';
import { pickProfile, pickQuote, type PricingScope } from './matching.ts';
import { computeEconomics, type FeeBearing } from './arithmetic.ts';
import { requireActiveFiat } from './fiat-currencies.ts';
import { requireCountry } from './countries.ts';
import { findListing } from './listings.ts';
import { findFiatCurrencyByCode, findFxRateQuote, findPricingProfile, quoteIsLive } from './tables.ts';

/** A preview without an expiring quote is good for this long. */
export const PREVIEW_TTL_MS = 15 * 60 * 1000;

/** amount_in: positive, at most 2 decimals for fiat and 8 for crypto (400 naming the field otherwise). */
export function checkAmountIn(amount: string, type: AmountInType, pointer = '/amount_in'): void {
  if (typeof amount !== 'string' || !/^[0-9]+(\.[0-9]+)?$/.test(amount)) throw invalidField(pointer, 'must be a decimal string');
  const places = amount.includes('.') ? amount.split('.')[1].length : 0;
  const max = type === 'fiat' ? 2 : 8;
  if (places > max) throw invalidField(pointer, `must have at most ${max} decimal places when amount_in_type is ${type}`);
  if (/^[0.]+$/.test(amount)) throw invalidField(pointer, 'must be greater than zero');
}

function scopeOf(world: World, input: QuotePricingInput | ResolvePricingInput, otc: PricingScope['otc_type']): PricingScope {
  requireActiveFiat(world, input.fiat_currency);
  const fiat = findFiatCurrencyByCode(world, input.fiat_currency)!.iso_code;
  const remit = input.flow_type === 'remittance';
  if (remit && (!input.source_country || !input.destination_country)) {
    throw invalidField(!input.source_country ? '/source_country' : '/destination_country', 'is required with flow_type remittance');
  }
  return {
    flow_type: input.flow_type, otc_type: otc, asset: input.asset, fiat_currency: fiat, network: input.network ?? null,
    source_country: remit ? requireCountry(input.source_country!, '/source_country') : null,
    destination_country: remit ? requireCountry(input.destination_country!, '/destination_country') : null,
  };
}

function expiresAt(world: World, quote: FxRateQuoteRow): string {
  return quote.expires_at ?? world.clock.iso(world.clock.nowMs() + PREVIEW_TTL_MS);
}

function preview(world: World, s: PricingScope, profile: PricingProfileRow, quote: FxRateQuoteRow, amountIn: string,
  type: AmountInType, bearing: FeeBearing): PricingPreview {
  const e = computeEconomics(profile, quote, s.fiat_currency, amountIn, type, bearing);
  return {
    pricing_profile_id: profile.id, fx_rate_quote_id: quote.id, flow_type: s.flow_type,
    network: s.network ?? quote.network ?? profile.network ?? '', asset: s.asset, fiat_currency: s.fiat_currency,
    ...(s.flow_type === 'remittance' ? { source_country: s.source_country!, destination_country: s.destination_country! } : {}),
    amount_in: e.amount_in, amount_in_type: type,
    reference_fx_rate: e.reference_fx_rate, applied_fx_rate: e.applied_fx_rate, spread_bps: quote.spread_bps,
    spread_amount: e.spread_amount, fees: e.fees, amounts: e.amounts,
    settlement_side: profile.settlement_side, rate_source: profile.rate_source,
    quoted_at: world.nowIso(), expires_at: expiresAt(world, quote),
  };
}

/** The profile and quote for a scope: the quote first, then the profile on the quote's network when the request names none. */
function pickPair(world: World, s: PricingScope): { profile: PricingProfileRow; quote: FxRateQuoteRow } {
  const quote = pickQuote(world, s);
  return { quote, profile: pickProfile(world, s, s.network ?? quote.network) };
}

/** A BUY listing is priced by the profile and quote linked to it; they must still fit the request (else 422). */
function listingPair(world: World, s: PricingScope, profileId: string | null, quoteId: string | null) {
  const profile = profileId ? findPricingProfile(world, profileId) : undefined;
  const quote = quoteId ? findFxRateQuote(world, quoteId) : undefined;
  if (!profile || !quote) throw unprocessable('the listing has no pricing profile and fx rate quote');
  if (!profile.is_active) throw unprocessable(`the listing's pricing profile ${profile.id} is not active`);
  if (!quote.is_active) throw unprocessable(`the listing's fx rate quote ${quote.id} is not active`);
  if (!quoteIsLive(world, quote)) throw unprocessable(`the listing's fx rate quote ${quote.id} has expired`);
  if (quote.flow_type !== s.flow_type || profile.flow_type !== s.flow_type) {
    throw unprocessable(`the listing is priced for flow_type ${quote.flow_type}, not ${s.flow_type}`);
  }
  if (quote.fiat_currency !== s.fiat_currency || (profile.fiat_currency !== null && profile.fiat_currency !== s.fiat_currency)) {
    throw unprocessable(`the listing is priced in ${quote.fiat_currency}, not ${s.fiat_currency}`);
  }
  const net = s.network ?? null;
  if (net && ((quote.network && quote.network !== net) || (profile.network && profile.network !== net))) {
    throw unprocessable(`the listing is priced for network ${quote.network ?? profile.network}, not ${net}`);
  }
  return { profile, quote };
}

export function resolvePricing(world: World, input: ResolvePricingInput): PricingPreview {
  const type = input.amount_in_type ?? 'fiat';
  checkAmountIn(input.amount_in, type);
  const s = scopeOf(world, input, null);
  if (input.order_type) {
    const onRamp = input.order_type.startsWith('ON_RAMP');
    if (onRamp ? s.flow_type !== 'onramp' : s.flow_type !== 'offramp' && s.flow_type !== 'remittance') {
      throw invalidField('/order_type', `${input.order_type} contradicts flow_type ${s.flow_type} (${onRamp ? 'needs onramp' : 'needs offramp or remittance'})`);
    }
  }
  if ((input.vendor_id === undefined) !== (input.offer_id === undefined)) {
    throw invalidField(input.vendor_id === undefined ? '/vendor_id' : '/offer_id', 'vendor_id and offer_id are sent together or not at all');
  }
  let pair: { profile: PricingProfileRow; quote: FxRateQuoteRow };
  if (input.offer_id !== undefined && input.vendor_id !== undefined) {
    const vendor = users(world).get(input.vendor_id);
    if (!vendor || vendor.deleted_at !== null) throw notFound(`vendor ${input.vendor_id} not found`);
    const listing = findListing(world, input.offer_id);
    if (!listing) throw notFound(`offer ${input.offer_id} not found`);
    if (listing.vendor_id !== input.vendor_id) throw unprocessable(`offer ${listing.id} does not belong to vendor ${input.vendor_id}`);
    if (listing.status !== 'active') throw unprocessable(`offer ${listing.id} is not active (status ${listing.status})`);
    if (listing.asset !== s.asset) throw unprocessable(`offer ${listing.id} lists ${listing.asset}, not ${s.asset}`);
    if (listing.offer_type === 'SELL' && s.flow_type !== 'onramp') throw unprocessable(`a SELL offer is priced with flow_type onramp, not ${s.flow_type}`);
    if (listing.offer_type === 'BUY' && s.flow_type !== 'offramp' && s.flow_type !== 'remittance') {
      throw unprocessable(`a BUY offer is priced with flow_type offramp or remittance, not ${s.flow_type}`);
    }
    pair = listing.offer_type === 'BUY' ? listingPair(world, s, listing.pricing_profile_id, listing.fx_rate_quote_id) : pickPair(world, s);
  } else {
    pair = pickPair(world, s);
  }
  const out = preview(world, s, pair.profile, pair.quote, input.amount_in, type, 'by_settlement_side');
  if (input.vendor_id !== undefined) { out.vendor_id = input.vendor_id; out.offer_id = input.offer_id; }
  if (input.order_type) out.order_type = input.order_type;
  return orderPreview(out);
}

export function quotePricing(world: World, input: QuotePricingInput): PricingPreview {
  checkAmountIn(input.amount_in, input.amount_in_type);
  if (input.otc_type && input.flow_type !== 'b2b') throw invalidField('/otc_type', 'is accepted only with flow_type b2b');
  const s = scopeOf(world, input, input.otc_type ?? null);
  const { profile, quote } = pickPair(world, s);
  const out = preview(world, s, profile, quote, input.amount_in, input.amount_in_type, 'by_settlement_side');
  if (input.otc_type) out.otc_type = input.otc_type;
  return orderPreview(out);
}

export function resolveOtcPricing(world: World, input: ResolveOtcPricingInput): ResolveOtcPricingResult {
  if (input.flow_type !== 'b2b') throw invalidField('/flow_type', 'must be b2b');
  if (input.otc_type === 'withdrawal' && input.amount_in_type !== 'crypto') {
    throw invalidField('/amount_in_type', 'must be crypto for the withdrawal lane (merchant sell-side quotes)');
  }
  checkAmountIn(input.amount_in, input.amount_in_type);
  const s = scopeOf(world, { ...input, flow_type: 'b2b' }, input.otc_type);
  const { profile, quote } = pickPair(world, s);
  // OTC has no fee bearer: the merchant (the caller's side) bears the whole fee.
  const e = computeEconomics(profile, quote, s.fiat_currency, input.amount_in, input.amount_in_type, 'caller_bears_all');
  return {
    otc_type: input.otc_type, pricing_profile_id: profile.id, fx_rate_quote_id: quote.id, flow_type: 'b2b',
    network: s.network ?? quote.network ?? profile.network ?? '', asset: s.asset, fiat_currency: s.fiat_currency,
    amount_in: e.amount_in, amount_in_type: input.amount_in_type, reference_fx_rate: e.reference_fx_rate,
    applied_fx_rate: e.applied_fx_rate, spread_amount: e.spread_amount, fees: e.fees, amounts: e.amounts,
  };
}

/** Documented key order (readability of the JSON only). */
function orderPreview(p: PricingPreview): PricingPreview {
  const { pricing_profile_id, fx_rate_quote_id, flow_type, otc_type, network, asset, fiat_currency, source_country,
    destination_country, amount_in, amount_in_type, vendor_id, offer_id, order_type, ...rest } = p;
  return {
    pricing_profile_id, fx_rate_quote_id, flow_type, ...(otc_type ? { otc_type } : {}), network, asset, fiat_currency,
    ...(source_country ? { source_country, destination_country } : {}), amount_in, amount_in_type,
    ...(vendor_id ? { vendor_id, offer_id, } : {}), ...(order_type ? { order_type } : {}), ...rest,
  } as PricingPreview;
}
