// Clock- and event-driven behaviour of the marketplace: the order jobs (delivery, confirmations, payouts, expiry), the
// chain watcher of off-ramp escrows, draft expiry, the STK results of order payments, the B2C results of off-ramp
// payouts, and the marketplace's hooks into other areas (fiat catalog delete guard, pricing listings, treasury report).
import type { World } from '../kernel/world.ts';
import { onStkResult } from './mpesa.ts';
import { onB2cResult } from './mpesa-b2c.ts';
import { applyPayoutResult } from '../domain/marketplace/payout-result.ts';
import { registerFiatReference, registerListingLookup, type ListingLookup } from '../domain/pricing/index.ts';
import { remittanceCommitments } from '../domain/treasury-report.ts';
import { JOBS, ORDER_PAYOUT_PURPOSE, ORDER_STK_PURPOSE } from '../domain/marketplace/config.ts';
import {
  applyStkResult, confirmCrypto, confirmDeposit, expireOrder, sendCrypto, startPayout, watchDeposits,
} from '../domain/marketplace/order-flow.ts';
import { expireDraft, inFlightRemittancesUsdt, openDraftsUsdt } from '../domain/marketplace/remittance.ts';
import { corridors, offers, orders, remittanceDrafts } from '../domain/marketplace/tables.ts';

const namesFiat = (world: World, iso: string): boolean => !!orders(world).find((o) => o.fiat_currency === iso)
  || !!remittanceDrafts(world).find((d) => d.fiat_currency === iso) || !!corridors(world).find((c) => c.fiat_currency === iso);

// Module-level (as namesFiat) so that registering it once per world keeps a single entry in the pricing registry.
const offerListing: ListingLookup = (w, offerId) => {
  const o = offers(w).get(offerId);
  return o && !o.deleted_at ? { id: o.id, vendor_id: o.vendor_id, status: o.status, asset: o.asset, offer_type: o.offer_type,
    pricing_profile_id: o.pricing_profile_id, fx_rate_quote_id: o.fx_rate_quote_id } : undefined;
};

export function installMarketplace(world: World): void {
  const id = (p: Record<string, unknown>) => p.order_id as string;
  const at = (p: Record<string, unknown>) => p.at as number;
  world.scheduler.define(JOBS.expireOrder, (p) => expireOrder(world, id(p)));
  world.scheduler.define(JOBS.sendCrypto, (p) => sendCrypto(world, id(p), at(p)));
  world.scheduler.define(JOBS.confirmCrypto, (p) => confirmCrypto(world, id(p)));
  world.scheduler.define(JOBS.watchDeposits, (p) => watchDeposits(world, at(p)));
  world.scheduler.define(JOBS.confirmDeposit, (p) => confirmDeposit(world, id(p), at(p)));
  world.scheduler.define(JOBS.startPayout, (p) => startPayout(world, id(p), at(p)));
  world.scheduler.define(JOBS.expireDraft, (p) => expireDraft(world, p.draft_id as string));
  onStkResult(ORDER_STK_PURPOSE, applyStkResult);
  onB2cResult(ORDER_PAYOUT_PURPOSE, applyPayoutResult);
  registerFiatReference(namesFiat, 'orders, remittance drafts or corridors');
  registerListingLookup(offerListing);
  remittanceCommitments.drafts = openDraftsUsdt;
  remittanceCommitments.inFlight = inFlightRemittancesUsdt;
}
