// Which profile and quote a request resolves to (contracts/notes/pricing.md, "Resolution"): active rows of the flow,
// asset and OTC lane (null for generic rows), the most specific scope first, then the newest.
import type { World } from '../../kernel/world.ts';
import { notFound } from '../../kernel/errors.ts';
import type { FlowType, FxRateQuoteRow, OtcType, PricingAsset, PricingNetwork, PricingProfileRow } from './types.ts';
import { fxRateQuotes, pricingProfiles, quoteIsLive } from './tables.ts';
import { newestFirst } from './listing-filters.ts';

export interface PricingScope {
  flow_type: FlowType;
  /** null = rows without an OTC lane. */
  otc_type: OtcType | null;
  asset: PricingAsset;
  fiat_currency: string;
  network?: PricingNetwork | null;
  /** alpha-3, remittance only. */
  source_country?: string | null;
  destination_country?: string | null;
}

export const describeScope = (s: PricingScope) =>
  [s.flow_type + (s.otc_type ? `:${s.otc_type}` : ''), s.asset, s.fiat_currency, s.network ?? 'any network',
    ...(s.source_country ? [`${s.source_country}->${s.destination_country}`] : [])].join('/');

export function matchingQuotes(world: World, s: PricingScope): FxRateQuoteRow[] {
  const net = s.network ?? null;
  const rank = (q: FxRateQuoteRow) => net ? (q.network === net ? 0 : 1) : (q.network === null ? 0 : 1);
  return fxRateQuotes(world)
    .filter((q) => quoteIsLive(world, q) && q.flow_type === s.flow_type && q.asset === s.asset && q.otc_type === s.otc_type
      && q.fiat_currency === s.fiat_currency && (net === null || q.network === null || q.network === net)
      && (s.flow_type !== 'remittance'
        || (q.source_country === (s.source_country ?? null) && q.destination_country === (s.destination_country ?? null))))
    .sort((a, b) => rank(a) - rank(b) || newestFirst(a, b));
}

/** The quote the resolver uses now, or 404. */
export function pickQuote(world: World, s: PricingScope): FxRateQuoteRow {
  const q = matchingQuotes(world, s)[0];
  if (!q) throw notFound(`no active fx rate quote for ${describeScope(s)}`);
  return q;
}

/** The profile for a scope whose network is the request's, else the chosen quote's (null = any). */
export function pickProfile(world: World, s: PricingScope, effectiveNetwork: PricingNetwork | null): PricingProfileRow {
  const rank = (p: PricingProfileRow) => (p.fiat_currency === s.fiat_currency ? 0 : 2) + (p.network === effectiveNetwork ? 0 : 1);
  const [p] = pricingProfiles(world)
    .filter((p) => p.is_active && p.flow_type === s.flow_type && p.asset === s.asset && p.otc_type === s.otc_type
      && (p.fiat_currency === null || p.fiat_currency === s.fiat_currency)
      && (effectiveNetwork === null || p.network === null || p.network === effectiveNetwork))
    .sort((a, b) => rank(a) - rank(b) || newestFirst(a, b));
  if (!p) throw notFound(`no active pricing profile for ${describeScope({ ...s, network: effectiveNetwork })}`);
  return p;
}
