// Standard on-ramp and off-ramp orders: creation against an offer, reading (parties only), cancel, lists and stats.
import type { IndexRows } from '../../kernel/table-index.ts';
import type { World } from '../../kernel/world.ts';
import type { CreateOrderRequest } from '../../../contracts/generated/types.js';
import type { Principal } from '../../auth/principal.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts';
import { requirePartyOrRole } from '../../auth/policy.ts';
import { getUser } from '../users.ts';
import { addressMatchesNetwork, type Network } from '../../kernel/addresses.ts';
import { allocateOrderEscrow } from '../escrow.ts';
import { dec, fmt2, fmt8, sum } from '../../kernel/money.ts';
import { checkPricingPair, buildPricingSnapshot, isActiveFiat, type PricingSnapshot } from '../pricing/index.ts';
import { checkOrderLimits, cryptoAmountOf, getOffer } from './offers.ts';
import { openOrder } from './open-order.ts';
import { isOnRamp, isTerminal, requireTransition, transition } from './order-machine.ts';
import { awaitingPrompt } from './order-flow.ts';
import { ORDER_DEFAULT_TTL_MS } from './config.ts';
import { ORDER_TOTALS, ORDERS_LISTED, ORDERS_WAITING } from './indexes.ts';
import { ORDER_STATUSES, orders, type Asset, type OrderRow, type OrderStatus, type OrderType } from './tables.ts';
import { checkFiatAgreement } from './fiat-agreement.ts';

export const networkOfAddress = (address: string): Network => (addressMatchesNetwork(address, 'ethereum') ? 'ethereum' : 'tron');
/** M-Pesa numbers are stored as digits only. */
export const msisdnDigits = (phone: string): string => phone.replace(/\D/g, '');

export function getOrder(world: World, id: string): OrderRow {
  const o = orders(world).get(id);
  if (!o || o.deleted_at) throw notFound(`order ${id} not found`);
  return o;
}

/** The order's customer, its vendor or an admin (404 first, then 403). */
export function getOrderForParty(world: World, principal: Principal, id: string): OrderRow {
  const o = getOrder(world, id);
  requirePartyOrRole(principal, [o.customer_id, o.vendor_id], ['admin'], 'order');
  return o;
}

export function requireActiveFiatCode(world: World, code: string): string {
  if (!isActiveFiat(world, code)) throw unprocessable(`fiat currency ${code} is not active`);
  return code.toUpperCase();
}

/** The customer an order is created for: the caller, or anyone (existing) when an admin creates it. */
export function orderCustomer(world: World, principal: Principal, customerId: string): void {
  if (principal.role !== 'admin' && customerId !== principal.userId) throw forbidden('forbidden: you may only create orders for yourself (customer_id)');
  getUser(world, customerId);
}

/**
 * The default expiry of the last order, per world: the clock formats one second at a time, so asking it for "now + TTL"
 * and then for "now" (every row's timestamp) would format both seconds again on every order.
 */
const defaultExpiry = new WeakMap<World, { second: number; text: string }>();

export function expiresAtOf(world: World, requested: string | undefined): string {
  if (requested === undefined) {
    const ms = world.clock.nowMs() + ORDER_DEFAULT_TTL_MS;
    const second = Math.floor(ms / 1000);
    const last = defaultExpiry.get(world);
    if (last && last.second === second) return last.text;
    const text = world.clock.iso(ms);
    defaultExpiry.set(world, { second, text });
    return text;
  }
  const ms = Date.parse(requested);
  if (ms <= world.clock.nowMs()) throw unprocessable(`expires_at ${requested} is in the past`);
  return world.clock.iso(ms);
}

/** The request body as the contract defines it (CreateOrderRequest; generated, not restated here). */
export type CreateOrderInput = CreateOrderRequest;

export function createOrder(world: World, principal: Principal, input: CreateOrderInput): OrderRow {
  orderCustomer(world, principal, input.customer_id);
  const offer = getOffer(world, input.offer_id);
  const amount = cryptoAmountOf(input);
  const onRamp = input.order_type === 'ON_RAMP_BUY';
  if (offer.status !== 'active') throw unprocessable(`offer ${offer.id} is not active`);
  if (offer.vendor_id !== input.vendor_id) throw unprocessable(`offer ${offer.id} does not belong to vendor ${input.vendor_id}`);
  if (onRamp && offer.offer_type !== 'SELL') throw unprocessable('an ON_RAMP_BUY order needs a SELL offer');
  if (!onRamp && offer.offer_type !== 'BUY') throw unprocessable('an OFF_RAMP_SELL order needs a BUY offer');
  if (input.customer_id === input.vendor_id) throw unprocessable('the customer cannot trade against their own offer');
  if (amount.lte(0)) throw unprocessable('the order amount must be greater than zero');
  const fiatAmount = dec(input.fiat_amount);
  if (fiatAmount.lte(0)) throw unprocessable('fiat_amount must be greater than zero');
  checkOrderLimits(offer, amount);
  const fiat = requireActiveFiatCode(world, input.fiat_currency);
  const expiresAt = expiresAtOf(world, input.expires_at);
  const network = networkOfAddress(input.wallet_address);
  let pricing: PricingSnapshot | null = null;
  if (input.pricing_profile_id && input.fx_rate_quote_id) {
    const pair = { pricing_profile_id: input.pricing_profile_id, fx_rate_quote_id: input.fx_rate_quote_id,
      flow_types: [onRamp ? 'onramp' as const : 'offramp' as const], asset: offer.asset, fiat_currency: fiat, network };
    checkPricingPair(world, pair);
    pricing = buildPricingSnapshot(world, { ...pair, amount_in: fmt8(amount), amount_in_type: 'crypto' });
  }
  checkFiatAgreement({ crypto: amount, fiat: fiatAmount, currency: fiat, offerRate: offer.rate, pricing });
  const id = world.random.uuid();
  const escrow = onRamp ? null : allocateOrderEscrow(world, network, id);
  return openOrder(world, {
    id, customer_id: input.customer_id, vendor_id: input.vendor_id, offer_id: offer.id, asset: offer.asset as Asset,
    crypto_amount: fmt8(amount), fiat_amount: fmt2(fiatAmount), fiat_currency: fiat, wallet_address: input.wallet_address, network,
    status: onRamp ? 'pending' : 'awaiting_crypto', payment_method: 'mpesa', expires_at: expiresAt,
    payment_phone_number: onRamp ? null : msisdnDigits(input.payout_phone!),
    order_type: input.order_type, order_subtype: onRamp ? 'standard_onramp' : 'standard_offramp', corridor_id: null,
    sender_name: null, sender_country: null, sender_phone: null,
    escrow_wallet_address: escrow?.address ?? null, escrow_network: escrow?.network ?? null, escrow_reference: escrow?.id ?? null,
    escrow_wallet_id: escrow?.wallet_id ?? null,
    fee_bearer: input.fee_bearer ?? offer.default_fee_bearer ?? 'receiver', payout_method: 'mpesa', beneficiary: null, pricing,
    remittance_draft_id: null,
  });
}

/** Customer, vendor or admin cancels an order that has not received the customer's money. */
export function cancelOrder(world: World, principal: Principal, id: string): OrderRow {
  const order = getOrderForParty(world, principal, id);
  requireTransition(order, 'cancel');
  if (isOnRamp(order) && awaitingPrompt(world, order.id)) throw conflict('payment in progress: an M-Pesa prompt awaits its callback', order.status);
  const reason = principal.userId === order.customer_id ? 'cancelled_by_customer'
    : principal.userId === order.vendor_id ? 'cancelled_by_vendor' : 'cancelled_by_admin';
  return transition(world, order, 'cancel', reason);
}

/** The index bucket of what a caller may list: every order for an admin, else those where they are customer or vendor. */
const scopeOf = (principal: Principal): string => (principal.role === 'admin' ? 'all' : `party:${principal.userId}`);

/** Newest first (the index itself: read-only). */
export const listOrders = (world: World, principal: Principal, type?: OrderType): IndexRows<OrderRow> =>
  orders(world).index(ORDERS_LISTED).rows(type ? `${scopeOf(principal)}|${type}` : scopeOf(principal));

/** Orders still waiting for the customer's money: on-ramp pending, off-ramp awaiting_crypto; oldest first. */
export const listPendingOrders = (world: World, principal: Principal): IndexRows<OrderRow> =>
  orders(world).index(ORDERS_WAITING).rows(scopeOf(principal));

/** A customer's orders, newest first (GET /customer/transactions). */
export const customerOrders = (world: World, customerId: string): IndexRows<OrderRow> =>
  orders(world).index(ORDERS_LISTED).rows(`customer:${customerId}`);

const base64 = (text: string): string => btoa(text);

export function customerOrderStats(world: World, principal: Principal, customerId: string) {
  getUser(world, customerId);
  if (principal.role !== 'admin' && principal.userId !== customerId) throw forbidden('forbidden: you may only read your own order statistics');
  const totals = orders(world).tally(ORDER_TOTALS);
  const count = (s: OrderStatus) => totals.get(`${customerId}|${s}`).count;
  const completed = totals.get(`${customerId}|completed`);
  return {
    total_orders: ORDER_STATUSES.reduce((n, s) => n + count(s), 0),
    completed_orders: completed.count,
    cancelled_orders: count('cancelled'),
    pending_orders: ORDER_STATUSES.filter((s) => !isTerminal(s)).reduce((n, s) => n + count(s), 0),
    total_volume: base64(fmt2(completed.sum('fiat'))),
    total_usdt: base64(fmt8(completed.sum('crypto'))),
  };
}
