// The liquidity listing a resolve request may name (vendor_id + offer_id). Offers belong to the marketplace area, which
// registers a lookup on each world; pricing reads only the fields it needs and never imports the marketplace.
import type { World } from '../../kernel/world.ts';
import { hookKey } from '../../kernel/hooks.ts';

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

const LOOKUPS = hookKey<ListingLookup>('pricing.listing-lookups');

/** Registers a source of listings in one world; the first lookup that knows the offer answers. */
export function registerListingLookup(world: World, fn: ListingLookup): void { world.hooks.add(LOOKUPS, fn); }

/** How many lookups a world has registered (one per area that has listings). */
export const listingLookupCount = (world: World): number => world.hooks.list(LOOKUPS).length;

export function findListing(world: World, offerId: string): PricingListing | undefined {
  for (const lookup of world.hooks.list(LOOKUPS)) {
    const listing = lookup(world, offerId);
    if (listing) return listing;
  }
  return undefined;
}
