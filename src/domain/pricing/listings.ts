// The liquidity listing a resolve request may name (vendor_id + offer_id). Offers belong to the marketplace area, which
// registers a lookup here; pricing reads only the fields it needs and never imports the marketplace.
import type { World } from '../../kernel/world.ts';

export interface PricingListing {
  id: string;
  vendor_id: string;
  status: string;
  asset: string;
  offer_type: 'BUY' | 'SELL';
  pricing_profile_id: string | null;
  fx_rate_quote_id: string | null;
}

/** Returns the listing (not soft-deleted) or undefined. */
export type ListingLookup = (world: World, offerId: string) => PricingListing | undefined;

const lookups: ListingLookup[] = [];

/** Registers a source of listings; the first lookup that knows the offer answers. */
export function registerListingLookup(fn: ListingLookup): void { if (!lookups.includes(fn)) lookups.push(fn); }

/** How many lookups are registered (one per area, however many worlds were built). */
export const listingLookupCount = (): number => lookups.length;

export function findListing(world: World, offerId: string): PricingListing | undefined {
  for (const lookup of lookups) {
    const listing = lookup(world, offerId);
    if (listing) return listing;
  }
  return undefined;
}
