// Filters and order shared by the admin lists of profiles and quotes.
import type { FlowType, OtcType, PricingAsset, PricingNetwork } from './types.ts';

export interface PricingListFilter {
  flow_type?: FlowType;
  otc_type?: OtcType;
  asset?: PricingAsset;
  fiat_currency?: string;
  network?: PricingNetwork;
  is_active?: boolean;
}

type Filterable = {
  id: string; created_at: string; flow_type: FlowType; otc_type: OtcType | null; asset: PricingAsset;
  fiat_currency: string | null; network: PricingNetwork | null; is_active: boolean;
};

/** Newest created_at first, then id descending (a total order, so ties between same-instant rows are stable). */
export const newestFirst = (a: { created_at: string; id: string }, b: { created_at: string; id: string }): number =>
  a.created_at !== b.created_at ? (a.created_at < b.created_at ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;

/** Exact matches (an otc_type filter never matches rows without a lane); newest first, then id descending. */
export function filterAndSort<T extends Filterable>(rows: T[], f: PricingListFilter): T[] {
  return rows
    .filter((r) => (f.flow_type === undefined || r.flow_type === f.flow_type)
      && (f.otc_type === undefined || r.otc_type === f.otc_type)
      && (f.asset === undefined || r.asset === f.asset)
      && (f.fiat_currency === undefined || r.fiat_currency === f.fiat_currency.toUpperCase())
      && (f.network === undefined || r.network === f.network)
      && (f.is_active === undefined || r.is_active === f.is_active))
    .sort(newestFirst);
}
