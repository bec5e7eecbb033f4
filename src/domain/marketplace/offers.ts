// Offers (liquidity listings): creation with its balance and pricing rules, listing, and the reservation of
// available_amount that orders hold while they are open.
import type { IndexRows } from '../../kernel/table-index.ts';
import type { World } from '../../kernel/world.ts';
import type { Principal } from '../../auth/principal.ts';
import { forbidden, notFound, unprocessable, insufficientBalance } from '../../kernel/errors.ts';
import { getUser } from '../users.ts';
import { defaultWallet, NETWORKS } from '../wallets.ts';
import { available, balanceRow } from '../ledger.ts';
import { D, dec, fmt2, fmt8, type Dec } from '../../kernel/money.ts';
import { findFxRateQuote, findPricingProfile, quoteIsLive } from '../pricing/index.ts';
import { OFFERS_LISTED } from './indexes.ts';
import { offers, nextSeq, type Asset, type FeeBearer, type OfferRow, type OfferStatus, type OfferType } from './tables.ts';
import Decimal from 'decimal.js';
import type { CreateOfferRequest } from '../../../contracts/generated/types.js';

/** The request body as the contract defines it (CreateOfferRequest; generated, not restated here). */
export type CreateOfferInput = CreateOfferRequest;

/** A live (not soft-deleted) offer, or 404. */
export function getOffer(world: World, id: string): OfferRow {
  const offer = offers(world).get(id);
  if (!offer || offer.deleted_at) throw notFound(`offer ${id} not found`);
  return offer;
}

/** The publisher's highest available balance of the asset over their default wallets (the offer's backing). */
export function publisherAvailable(world: World, userId: string, asset: Asset): Dec {
  let best: Dec = new D(0);
  for (const network of NETWORKS) {
    const wallet = defaultWallet(world, userId, network);
    if (!wallet) continue;
    const a = available(balanceRow(world, wallet.id, asset));
    if (a.gt(best)) best = a;
  }
  return best;
}

/** BUY offers are priced by an admin's off-ramp profile and quote; both must fit the offer (422 naming the rule). */
function checkBuyPricing(world: World, input: CreateOfferInput): { rate: string } {
  const profile = findPricingProfile(world, input.pricing_profile_id!);
  if (!profile) throw notFound(`pricing profile ${input.pricing_profile_id} not found`);
  const quote = findFxRateQuote(world, input.fx_rate_quote_id!);
  if (!quote) throw notFound(`fx rate quote ${input.fx_rate_quote_id} not found`);
  if (!profile.is_active) throw unprocessable(`pricing profile ${profile.id} is not active`);
  if (!quote.is_active) throw unprocessable(`fx rate quote ${quote.id} is not active`);
  if (!quoteIsLive(world, quote)) throw unprocessable(`fx rate quote ${quote.id} has expired`);
  if (profile.flow_type !== 'offramp') throw unprocessable(`pricing profile ${profile.id} has flow_type ${profile.flow_type}; a BUY offer needs offramp`);
  if (quote.flow_type !== 'offramp') throw unprocessable(`fx rate quote ${quote.id} has flow_type ${quote.flow_type}; a BUY offer needs offramp`);
  if (profile.asset !== input.asset) throw unprocessable(`pricing profile ${profile.id} is for ${profile.asset}, not ${input.asset}`);
  if (quote.asset !== input.asset) throw unprocessable(`fx rate quote ${quote.id} is for ${quote.asset}, not ${input.asset}`);
  if (profile.fiat_currency !== null && profile.fiat_currency !== quote.fiat_currency) {
    throw unprocessable(`pricing profile ${profile.id} is for ${profile.fiat_currency} but fx rate quote ${quote.id} quotes ${quote.fiat_currency}`);
  }
  if (profile.network !== null && quote.network !== null && profile.network !== quote.network) {
    throw unprocessable(`pricing profile ${profile.id} is for network ${profile.network} but fx rate quote ${quote.id} is for ${quote.network}`);
  }
  if (profile.spread_bps !== quote.spread_bps) {
    throw unprocessable(`spread_bps differ: pricing profile ${profile.spread_bps}, fx rate quote ${quote.spread_bps}; they must be equal`);
  }
  return { rate: input.rate !== undefined ? fmt2(input.rate) : fmt2(quote.applied_rate) };
}

/** The amount of an offer or order request: crypto_amount, or its alias usdt_amount (both may be sent only if equal). */
export function cryptoAmountOf(input: { crypto_amount?: string; usdt_amount?: string }): Dec {
  if (input.crypto_amount !== undefined && input.usdt_amount !== undefined && !dec(input.crypto_amount).eq(input.usdt_amount)) {
    throw unprocessable('crypto_amount and usdt_amount are the same field; when both are sent they must be equal');
  }
  return dec(input.crypto_amount ?? input.usdt_amount!);
}

export function createOffer(world: World, principal: Principal, input: CreateOfferInput): OfferRow {
  if (principal.role !== 'admin' && input.vendor_id !== principal.userId) throw forbidden('forbidden: you may only publish offers as yourself (vendor_id)');
  getUser(world, input.vendor_id);
  const size = cryptoAmountOf(input);
  const avail = dec(input.available_amount);
  const min = dec(input.min_order);
  const max = dec(input.max_order);
  for (const [name, v] of [['crypto_amount', size], ['available_amount', avail], ['min_order', min], ['max_order', max]] as const) {
    if (v.lte(0)) throw unprocessable(`${name} must be greater than zero`);
  }
  if (input.rate !== undefined && dec(input.rate).lte(0)) throw unprocessable('rate must be greater than zero');
  if (avail.gt(size)) throw unprocessable(`available_amount ${fmt8(avail)} exceeds the offer size ${fmt8(size)}`);
  if (min.gt(max)) throw unprocessable(`min_order ${fmt8(min)} exceeds max_order ${fmt8(max)}`);
  if (max.gt(size)) throw unprocessable(`max_order ${fmt8(max)} exceeds the offer size ${fmt8(size)}`);
  const backing = publisherAvailable(world, input.vendor_id, input.asset);
  if (avail.gt(backing)) {
    throw insufficientBalance(`available_amount ${fmt8(avail)} exceeds the publisher's available ${input.asset} balance ${fmt8(backing)} (default wallet)`);
  }
  const rate = input.offer_type === 'BUY' ? checkBuyPricing(world, input).rate : fmt2(input.rate!);
  const now = world.nowIso();
  return offers(world).insert({
    id: world.random.uuid(), seq: nextSeq(world, offers(world)), vendor_id: input.vendor_id, offer_type: input.offer_type, asset: input.asset,
    crypto_amount: fmt8(size), available_amount: fmt8(avail), rate, min_order: fmt8(min), max_order: fmt8(max), status: input.status,
    description: input.description ?? null,
    pricing_profile_id: input.offer_type === 'BUY' ? input.pricing_profile_id! : null,
    fx_rate_quote_id: input.offer_type === 'BUY' ? input.fx_rate_quote_id! : null,
    default_fee_bearer: input.offer_type === 'BUY' ? input.default_fee_bearer! : null,
    created_at: now, updated_at: now, deleted_at: null,
  });
}

/** Active offers of a type, newest first (the index itself: read-only). */
export function listOffersByType(world: World, type: OfferType): IndexRows<OfferRow> {
  return offers(world).index(OFFERS_LISTED).rows(`type:${type}`);
}

/** A vendor's live offers, newest first (GET /customer/transactions). */
export function vendorOffers(world: World, vendorId: string): IndexRows<OfferRow> {
  return offers(world).index(OFFERS_LISTED).rows(`vendor:${vendorId}`);
}

/** Takes an order's amount out of the offer's available_amount, or refuses (422) when it does not fit. */
export function reserveOnOffer(world: World, offerId: string, amount: Dec | string): void {
  const offer = getOffer(world, offerId);
  const a = dec(amount);
  const left = dec(offer.available_amount).minus(a); // parsed once: the check and the new value
  if (left.isNeg() && !left.isZero()) {
    throw unprocessable(`amount ${fmt8(a)} exceeds the offer's available_amount ${offer.available_amount}`);
  }
  offers(world).update(offer.id, { available_amount: left.toFixed(8, Decimal.ROUND_DOWN), updated_at: world.nowIso() });
}

/** Gives a reservation back (cancel, expiry, failure); never beyond the offer size. */
export function releaseOnOffer(world: World, offerId: string, amount: Dec | string): void {
  const offer = offers(world).get(offerId);
  if (!offer) return;
  const next = dec(offer.available_amount).plus(amount);
  if (next.gt(offer.crypto_amount)) throw new Error(`marketplace: releasing ${fmt8(dec(amount))} on offer ${offer.id} would exceed its size`);
  offers(world).update(offer.id, { available_amount: fmt8(next), updated_at: world.nowIso() });
}

/** The offer's own limits for one order amount (422). */
export function checkOrderLimits(offer: OfferRow, amount: Dec): void {
  if (amount.lt(offer.min_order)) throw unprocessable(`amount ${fmt8(amount)} is below the offer's min_order ${offer.min_order}`);
  if (amount.gt(offer.max_order)) throw unprocessable(`amount ${fmt8(amount)} is above the offer's max_order ${offer.max_order}`);
}
