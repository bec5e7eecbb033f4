// What every new order does, whatever its kind: insert the row, reserve its amount on the offer (and, on-ramp, lock
// the vendor's stablecoin), schedule its expiry, watch its escrow (off-ramp) and announce it.
import type { World } from '../../kernel/world.ts';
import { unprocessable, insufficientBalance } from '../../kernel/errors.ts';
import { lock } from '../ledger.ts';
import { defaultWallet } from '../wallets.ts';
import { fmt8, type Dec } from '../../kernel/money.ts';
import { reserveOnOffer } from './offers.ts';
import { emitOrderStatus } from './order-machine.ts';
import { scheduleDepositWatch } from './order-flow.ts';
import { JOBS } from './config.ts';
import { orders, nextSeq, type OrderRow } from './tables.ts';

export type NewOrder = Omit<OrderRow, 'id' | 'seq' | 'created_at' | 'updated_at' | 'deleted_at' | 'reserved' | 'vendor_lock_wallet_id'
  | 'payment_txn_id' | 'blockchain_txn_hash' | 'completed_at' | 'merchant_request_id' | 'checkout_request_id' | 'mpesa_receipt_number'
  | 'deposit_tx_hash' | 'deposit_confirmations' | 'deposit_detected_at'> & { id?: string };

/** What an open order holds: its amount out of the offer's available_amount, and (on-ramp) the vendor wallet it locked. */
interface Holds { reserved: boolean; vendor_lock_wallet_id: string | null }

export function insertOrder(world: World, input: NewOrder, holds: Holds = { reserved: false, vendor_lock_wallet_id: null },
  id: string = input.id ?? world.random.uuid()): OrderRow {
  const now = world.nowIso();
  // One literal naming every column, not `{ ...rest, id, seq, ... }`: V8 builds a spread followed by new keys through
  // its slow path, about 60 µs for a row this wide (a sixth of an order request). Same columns in the same order.
  const i = input;
  return orders(world).insert({
    customer_id: i.customer_id, vendor_id: i.vendor_id, offer_id: i.offer_id, asset: i.asset, crypto_amount: i.crypto_amount,
    fiat_amount: i.fiat_amount, fiat_currency: i.fiat_currency, wallet_address: i.wallet_address, network: i.network, status: i.status,
    payment_method: i.payment_method, expires_at: i.expires_at, payment_phone_number: i.payment_phone_number, order_type: i.order_type,
    order_subtype: i.order_subtype, corridor_id: i.corridor_id, sender_name: i.sender_name, sender_country: i.sender_country,
    sender_phone: i.sender_phone, escrow_wallet_address: i.escrow_wallet_address, escrow_network: i.escrow_network,
    escrow_reference: i.escrow_reference, escrow_wallet_id: i.escrow_wallet_id, fee_bearer: i.fee_bearer, payout_method: i.payout_method,
    beneficiary: i.beneficiary, pricing: i.pricing, remittance_draft_id: i.remittance_draft_id,
    id, seq: nextSeq(world, orders(world)), created_at: now, updated_at: now, deleted_at: null,
    reserved: holds.reserved, vendor_lock_wallet_id: holds.vendor_lock_wallet_id, payment_txn_id: null, blockchain_txn_hash: null,
    completed_at: null, merchant_request_id: null, checkout_request_id: null, mpesa_receipt_number: null, deposit_tx_hash: null,
    deposit_confirmations: 0, deposit_detected_at: null,
  });
}

type HoldTarget = Pick<OrderRow, 'id' | 'offer_id' | 'order_type' | 'vendor_id' | 'network' | 'asset' | 'crypto_amount'>;

/** Holds the order's amount: on the offer's available_amount, and (on-ramp) on the vendor's default wallet. */
function hold(world: World, order: HoldTarget): Holds {
  if (order.offer_id) reserveOnOffer(world, order.offer_id, order.crypto_amount);
  let lockWallet: string | null = null;
  if (order.order_type === 'ON_RAMP_BUY') {
    const wallet = defaultWallet(world, order.vendor_id, order.network);
    const short = (have: Dec | null) => insufficientBalance(
      `the vendor's default ${order.network} wallet has ${have ? fmt8(have) : 'no'} ${order.asset} available; the order needs ${order.crypto_amount}`);
    if (!wallet) throw short(null);
    lock(world, wallet.id, order.asset, order.crypto_amount, `order ${order.id}`, short);
    lockWallet = wallet.id;
  }
  return { reserved: !!order.offer_id, vendor_lock_wallet_id: lockWallet };
}

/** Holds an existing order's amount again (a custodial remittance retried after a failed send). */
export function takeHolds(world: World, order: OrderRow): OrderRow {
  return orders(world).update(order.id, hold(world, order));
}

/** Holds + insert + expiry + deposit watch + order.status_changed(created). */
export function openOrder(world: World, input: NewOrder): OrderRow {
  // The holds are taken before the row is written, so the row is inserted once, already holding them (not inserted,
  // then updated: each write copies the row and moves it in every index). The id is drawn first, as insertOrder did.
  const id = input.id ?? world.random.uuid();
  const holds = hold(world, { id, offer_id: input.offer_id, order_type: input.order_type, vendor_id: input.vendor_id,
    network: input.network, asset: input.asset, crypto_amount: input.crypto_amount });
  const order = insertOrder(world, input, holds, id);
  world.scheduler.schedule(JOBS.expireOrder, Date.parse(order.expires_at), { order_id: order.id });
  if (order.status === 'awaiting_crypto') scheduleDepositWatch(world);
  emitOrderStatus(world, order, null, 'created');
  return order;
}
