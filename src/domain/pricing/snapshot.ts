// Pricing snapshots for other areas (orders, offers, transfers, OTC credit): check a given profile + quote pair
// against the operation's flow, asset, fiat and network, compute the economics, and hand back a copy to store (later
// edits of the profile do not change it).
import type { World } from '../../kernel/world.ts';
import { ApiError, invalidField, notFound, unprocessable } from '../../kernel/errors.ts';
import type { AmountInType, FlowType, FxRateQuoteRow, OtcType, PricingAsset, PricingNetwork, PricingProfileRow } from './types.ts';
import { findFiatCurrencyByCode, findFxRateQuote, findPricingProfile, quoteIsLive } from './tables.ts';
import { computeEconomics, type Economics, type FeeBearing } from './arithmetic.ts';

export interface PricingPairInput {
  pricing_profile_id: string;
  fx_rate_quote_id: string;
  /** The flows this operation accepts (orders ON_RAMP_*: onramp; transfers: p2p or b2b; OTC: b2b). */
  flow_types: FlowType[];
  /** When set, both rows must be on this lane; undefined = any lane. */
  otc_type?: OtcType | null;
  asset: PricingAsset | string;
  fiat_currency: string;
  network?: PricingNetwork | null;
}

export interface PairCheckOptions {
  /** Status for an unknown id: 404 (default) or 400 (transfers). */
  unknownStatus?: 400 | 404;
  /** Status for a row that does not fit: 422 (default) or 400. */
  mismatchStatus?: 400 | 422;
}

export interface PricingSnapshot extends Economics {
  pricing_profile_id: string;
  fx_rate_quote_id: string;
  flow_type: FlowType;
  otc_type: OtcType | null;
  asset: string;
  network: PricingNetwork | '';
  fiat_currency: string;
  amount_in_type: AmountInType;
  spread_bps: number;
  settlement_side: string;
  rate_source: string;
  fee_type: string;
  captured_at: string;
}

/** The profile and quote named by an operation, checked to fit it (unknown → 404/400, misfit → 422/400 naming the field). */
export function checkPricingPair(world: World, input: PricingPairInput, options: PairCheckOptions = {}):
  { profile: PricingProfileRow; quote: FxRateQuoteRow } {
  const mismatch = (pointer: string, reason: string): ApiError =>
    options.mismatchStatus === 400 ? invalidField(pointer, reason) : unprocessable(`${pointer.slice(1)} ${reason}`);
  const unknown = (pointer: string, what: string, id: string): ApiError =>
    options.unknownStatus === 400 ? invalidField(pointer, `${what} ${id} not found`) : notFound(`${what} ${id} not found`);
  const profile = findPricingProfile(world, input.pricing_profile_id);
  if (!profile) throw unknown('/pricing_profile_id', 'pricing profile', input.pricing_profile_id);
  const quote = findFxRateQuote(world, input.fx_rate_quote_id);
  if (!quote) throw unknown('/fx_rate_quote_id', 'fx rate quote', input.fx_rate_quote_id);
  const flows = input.flow_types.join(' or ');
  if (!profile.is_active) throw mismatch('/pricing_profile_id', 'is not active');
  if (!quote.is_active) throw mismatch('/fx_rate_quote_id', 'is not active');
  if (!quoteIsLive(world, quote)) throw mismatch('/fx_rate_quote_id', `has expired (${quote.expires_at})`);
  if (!input.flow_types.includes(profile.flow_type)) throw mismatch('/pricing_profile_id', `has flow_type ${profile.flow_type}, expected ${flows}`);
  if (!input.flow_types.includes(quote.flow_type)) throw mismatch('/fx_rate_quote_id', `has flow_type ${quote.flow_type}, expected ${flows}`);
  if (input.otc_type !== undefined) {
    if (profile.otc_type !== input.otc_type) throw mismatch('/pricing_profile_id', `has otc_type ${profile.otc_type ?? 'none'}, expected ${input.otc_type ?? 'none'}`);
    if (quote.otc_type !== input.otc_type) throw mismatch('/fx_rate_quote_id', `has otc_type ${quote.otc_type ?? 'none'}, expected ${input.otc_type ?? 'none'}`);
  }
  if (profile.asset !== input.asset) throw mismatch('/pricing_profile_id', `is for asset ${profile.asset}, not ${input.asset}`);
  if (quote.asset !== input.asset) throw mismatch('/fx_rate_quote_id', `is for asset ${quote.asset}, not ${input.asset}`);
  const fiat = findFiatCurrencyByCode(world, input.fiat_currency)?.iso_code ?? input.fiat_currency.toUpperCase();
  if (quote.fiat_currency !== fiat) throw mismatch('/fx_rate_quote_id', `quotes ${quote.fiat_currency}, not ${fiat}`);
  if (profile.fiat_currency !== null && profile.fiat_currency !== fiat) throw mismatch('/pricing_profile_id', `is scoped to ${profile.fiat_currency}, not ${fiat}`);
  const net = input.network ?? null;
  if (net !== null) {
    if (profile.network !== null && profile.network !== net) throw mismatch('/pricing_profile_id', `is scoped to network ${profile.network}, not ${net}`);
    if (quote.network !== null && quote.network !== net) throw mismatch('/fx_rate_quote_id', `is scoped to network ${quote.network}, not ${net}`);
  }
  return { profile, quote };
}

/**
 * Checks the pair and computes the economics for an amount: the copy an order, transfer or OTC credit stores.
 * bearing: 'by_settlement_side' (resolve semantics) or 'caller_bears_all' (OTC semantics).
 */
export function buildPricingSnapshot(world: World, input: PricingPairInput & { amount_in: string; amount_in_type: AmountInType },
  options: PairCheckOptions & { bearing?: FeeBearing } = {}): PricingSnapshot {
  const { profile, quote } = checkPricingPair(world, input, options);
  const fiat = quote.fiat_currency;
  const e = computeEconomics(profile, quote, fiat, input.amount_in, input.amount_in_type, options.bearing ?? 'by_settlement_side');
  return {
    pricing_profile_id: profile.id, fx_rate_quote_id: quote.id, flow_type: quote.flow_type, otc_type: quote.otc_type,
    asset: quote.asset, network: input.network ?? quote.network ?? profile.network ?? '', fiat_currency: fiat,
    amount_in_type: input.amount_in_type, spread_bps: quote.spread_bps, settlement_side: profile.settlement_side,
    rate_source: profile.rate_source, fee_type: profile.fee_type, captured_at: world.nowIso(), ...e,
  };
}
