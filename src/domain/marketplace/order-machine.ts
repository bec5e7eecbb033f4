// The order state machines: one transition table per order kind (on-ramp, off-ramp). Every status change goes through
// transition(), which refuses an illegal move with 409 + current_status, releases the reservations when an order
// ends unfulfilled, and fires order.status_changed.
import type { World } from '../../kernel/world.ts';
import { conflict, illegalTransition } from '../../kernel/errors.ts';
import { unlock } from '../ledger.ts';
import { releaseOnOffer } from './offers.ts';
import { orders, type OrderRow, type OrderStatus } from './tables.ts';

export type OrderReason = 'created' | 'payment_received' | 'crypto_sent' | 'crypto_confirmed' | 'deposit_detected' | 'deposit_confirmed'
  | 'payout_started' | 'payout_completed' | 'cancelled_by_customer' | 'cancelled_by_vendor' | 'cancelled_by_admin' | 'expired'
  | 'delivery_failed' | 'payout_failed' | 'chain_send_failed' | 'transfer_retried';

interface Move { from: OrderStatus[]; to: OrderStatus }

/** On-ramp (ON_RAMP_BUY): the customer pays fiat by STK push, the vendor's stablecoin is delivered. */
export const ON_RAMP_MOVES = {
  pay: { from: ['pending'], to: 'processing' },
  send_crypto: { from: ['processing'], to: 'confirming' },
  confirm_crypto: { from: ['confirming'], to: 'completed' },
  cancel: { from: ['pending'], to: 'cancelled' },
  expire: { from: ['pending'], to: 'cancelled' },
  fail_delivery: { from: ['processing', 'confirming'], to: 'failed' },
} satisfies Record<string, Move>;

/** Off-ramp (OFF_RAMP_SELL, all subtypes): the customer's stablecoin reaches escrow, the fiat is paid out. */
export const OFF_RAMP_MOVES = {
  detect_deposit: { from: ['awaiting_crypto'], to: 'confirming' },
  confirm_deposit: { from: ['confirming'], to: 'crypto_received' },
  start_payout: { from: ['crypto_received'], to: 'processing' },
  complete_payout: { from: ['processing'], to: 'completed' },
  // A failed B2C payout ends the order: the escrowed stablecoin goes back to the customer (see payout-result.ts).
  fail_payout: { from: ['processing'], to: 'failed' },
  cancel: { from: ['awaiting_crypto'], to: 'cancelled' },
  expire: { from: ['awaiting_crypto'], to: 'cancelled' },
  // awaiting_crypto: a custodial send refused (wallet short); confirming: the send broadcast, then failed on chain.
  fail_chain_send: { from: ['awaiting_crypto', 'confirming'], to: 'failed' },
  retry_transfer: { from: ['failed'], to: 'confirming' },
} satisfies Record<string, Move>;

export type OnRampAction = keyof typeof ON_RAMP_MOVES;
export type OffRampAction = keyof typeof OFF_RAMP_MOVES;
export type OrderAction = OnRampAction | OffRampAction;

export const isOnRamp = (o: Pick<OrderRow, 'order_type'>): boolean => o.order_type === 'ON_RAMP_BUY' || o.order_type === 'ON_RAMP_SELL';
export const TERMINAL: OrderStatus[] = ['completed', 'cancelled', 'failed'];
export const isTerminal = (s: OrderStatus): boolean => TERMINAL.includes(s);

function moveOf(order: OrderRow, action: OrderAction): Move | undefined {
  const table: Record<string, Move> = isOnRamp(order) ? ON_RAMP_MOVES : OFF_RAMP_MOVES;
  return table[action];
}

export function canTransition(order: OrderRow, action: OrderAction): boolean {
  return !!moveOf(order, action)?.from.includes(order.status);
}

/** Refuses with 409 naming the current status unless `action` is legal now. */
export function requireTransition(order: OrderRow, action: OrderAction, verb: string = action.replace(/_/g, ' ')): void {
  if (!canTransition(order, action)) throw illegalTransition(`order is ${order.status}; cannot ${verb}`, order.status);
}

/** Releases what an open order holds: the offer reservation and the vendor's locked balance. */
export function releaseHolds(world: World, order: OrderRow): OrderRow {
  if (order.reserved && order.offer_id) releaseOnOffer(world, order.offer_id, order.crypto_amount);
  if (order.vendor_lock_wallet_id) unlock(world, order.vendor_lock_wallet_id, order.asset, order.crypto_amount, `order ${order.id} released`);
  return orders(world).update(order.id, { reserved: false, vendor_lock_wallet_id: null });
}

export function transition(world: World, order: OrderRow, action: OrderAction, reason: OrderReason, patch: Partial<OrderRow> = {}): OrderRow {
  requireTransition(order, action);
  const to = moveOf(order, action)!.to;
  let next = orders(world).update(order.id, { ...patch, status: to, updated_at: world.nowIso() });
  if (to === 'cancelled' || to === 'failed') next = releaseHolds(world, next);
  emitOrderStatus(world, next, order.status, reason);
  return next;
}

export function emitOrderStatus(world: World, o: OrderRow, previous: OrderStatus | null, reason: OrderReason): void {
  world.emit('order.status_changed', {
    order_id: o.id, order_type: o.order_type, order_subtype: o.order_subtype, previous_status: previous, status: o.status, reason,
    customer_id: o.customer_id, vendor_id: o.vendor_id, offer_id: o.offer_id, asset: o.asset, crypto_amount: o.crypto_amount,
    fiat_amount: o.fiat_amount, fiat_currency: o.fiat_currency, payment_phone_number: o.payment_phone_number,
    mpesa_receipt_number: o.mpesa_receipt_number, escrow_wallet_address: o.escrow_wallet_address, escrow_network: o.escrow_network,
    deposit_tx_hash: o.deposit_tx_hash, blockchain_txn_hash: o.blockchain_txn_hash, changed_at: world.nowIso(),
  });
}
