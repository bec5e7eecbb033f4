// The marketplace's wiring in one world: the order jobs (delivery, confirmations, payouts, expiry), the chain watcher
// of off-ramp escrows, draft expiry, the STK results of order payments, the B2C results of off-ramp payouts, the chain
// record of custodial remittance sends (and their failures), and its hooks into other areas (fiat catalog delete
// guard, pricing listings, treasury report).
import type { World } from '../../kernel/world.ts';
import { stkOf } from '../../simulation/ports/mpesa-stk.ts';
import { b2cOf } from '../../simulation/ports/mpesa-b2c.ts';
import { chainOf } from '../../simulation/ports/chain.ts';
import { applyPayoutResult } from './payout-result.ts';
import { registerFiatReference, registerListingLookup, type ListingLookup } from '../pricing/index.ts';
import { provideRemittanceCommitments } from '../treasury-report.ts';
import { JOBS, ORDER_PAYOUT_PURPOSE, ORDER_STK_PURPOSE } from './config.ts';
import {
  applyStkResult, confirmCrypto, confirmDeposit, expireOrder, sendCrypto, startPayout, watchDeposits,
} from './order-flow.ts';
import { expireDraft, inFlightRemittancesUsdt, openDraftsUsdt } from './remittance.ts';
import { ORDER_SEND_REFERENCE, failCustodialSend, trackCustodialSend } from './remittance-chain.ts';
import { corridors, offers, orders, remittanceDrafts } from './tables.ts';

const namesFiat = (world: World, iso: string): boolean => !!orders(world).find((o) => o.fiat_currency === iso)
  || !!remittanceDrafts(world).find((d) => d.fiat_currency === iso) || !!corridors(world).find((c) => c.fiat_currency === iso);

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
  stkOf(world).onResult(ORDER_STK_PURPOSE, applyStkResult);
  b2cOf(world).onResult(ORDER_PAYOUT_PURPOSE, applyPayoutResult);
  registerFiatReference(world, namesFiat, 'orders, remittance drafts or corridors');
  registerListingLookup(world, offerListing);
  provideRemittanceCommitments(world, { drafts: openDraftsUsdt, inFlight: inFlightRemittancesUsdt });
  // Custodial remittance sends go on the simulated chain's record and may fail there (./remittance-chain.ts).
  world.onEvent((event) => trackCustodialSend(world, event));
  chainOf(world).onSendFailed(ORDER_SEND_REFERENCE, failCustodialSend);
}
