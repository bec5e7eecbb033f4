// The clock-driven life of an order after creation: STK result → stablecoin delivery → confirmation (on-ramp);
// escrow deposit → confirmations → fiat payout (off-ramp); and expiry. Each step is a scheduler job whose follow-up
// is due relative to the step's own due time, so one big clock jump plays the whole flow through.
import type { World } from '../../kernel/world.ts';
import type { JobRow } from '../../kernel/scheduler.ts';
import { defineIndex } from '../../kernel/table-index.ts';
import { available, balanceRow, lock, move, payToAddress } from '../ledger.ts';
import { defaultWallet } from '../wallets.ts';
import { dec } from '../../kernel/money.ts';
import { chainOf } from '../../simulation/ports/chain.ts';
import { stkOf, type StkPromptRow } from '../../simulation/ports/mpesa-stk.ts';
import { b2cOf } from '../../simulation/ports/mpesa-b2c.ts';
import { canTransition, isOnRamp, transition } from './order-machine.ts';
import {
  CONFIRM_AFTER_MS, DEPOSIT_WATCH_EVERY_MS, JOBS, ORDER_PAYOUT_PURPOSE, ORDER_STK_PURPOSE, PAYOUT_COMPLETE_AFTER_MS, PAYOUT_START_AFTER_MS,
  REQUIRED_CONFIRMATIONS, SEND_CRYPTO_AFTER_MS,
} from './config.ts';
import { orders, type OrderRow } from './tables.ts';
import { ORDERS_BY_STATUS } from './indexes.ts';

const live = (world: World, id: string): OrderRow | undefined => {
  const o = orders(world).get(id);
  return o && !o.deleted_at ? o : undefined;
};

/** An STK prompt of this order that will still call back (a 9999 prompt never does, so it blocks nothing). */
export function awaitingPrompt(world: World, orderId: string): StkPromptRow | undefined {
  return stkOf(world).promptsFor(ORDER_STK_PURPOSE, orderId).find((p) => p.status === 'pending' && p.resolves_at !== null);
}

const expired = (world: World, o: OrderRow) => Date.parse(o.expires_at) <= world.clock.nowMs();

// ---------- on-ramp ----------

/** The Daraja callback of an order's STK push (registered in ./install.ts). A duplicate cannot arrive: prompts resolve once. */
export function applyStkResult(world: World, prompt: StkPromptRow): void {
  const order = live(world, prompt.reference_id);
  if (prompt.status === 'succeeded' && (!order || order.status !== 'pending')) {
    // The order can no longer take the money (cancelled, expired or already paid): it goes back to the payer.
    stkOf(world).reverse(prompt, order ? `order ${order.id} is ${order.status}; the payment was reversed to the payer` : `order ${prompt.reference_id} no longer exists; the payment was reversed to the payer`);
    return;
  }
  if (!order) return;
  if (prompt.status === 'succeeded') {
    transition(world, order, 'pay', 'payment_received', {
      mpesa_receipt_number: prompt.mpesa_receipt_number, payment_txn_id: prompt.mpesa_receipt_number,
    });
    const now = world.clock.nowMs();
    const dueAt = prompt.resolves_at ? Math.min(Date.parse(prompt.resolves_at), now) : now;
    const at = dueAt + SEND_CRYPTO_AFTER_MS;
    world.scheduler.schedule(JOBS.sendCrypto, at, { order_id: order.id, at });
    return;
  }
  // Failed payment: the order stays pending and may be paid again, unless its time ran out while the prompt was open.
  if (order.status === 'pending' && expired(world, order) && !awaitingPrompt(world, order.id)) transition(world, order, 'expire', 'expired');
}

/** processing → confirming: the vendor's locked stablecoin goes to wallet_address. */
export function sendCrypto(world: World, orderId: string, at: number): void {
  const order = live(world, orderId);
  if (!order || !canTransition(order, 'send_crypto')) return;
  const lockWallet = order.vendor_lock_wallet_id;
  const locked = lockWallet ? dec(balanceRow(world, lockWallet, order.asset).locked_amount) : dec(0);
  if (!lockWallet || locked.lt(order.crypto_amount)) {
    transition(world, order, 'fail_delivery', 'delivery_failed');
    return;
  }
  // Out of the vendor's hold; an address outside the sandbox means the stablecoin leaves the books.
  payToAddress(world, lockWallet, order.wallet_address, order.asset, order.crypto_amount, `order ${order.id} delivery`, true);
  const sent = orders(world).update(order.id, { vendor_lock_wallet_id: null });
  transition(world, sent, 'send_crypto', 'crypto_sent', { blockchain_txn_hash: chainOf(world).newTxHash(order.network) });
  world.scheduler.schedule(JOBS.confirmCrypto, at + CONFIRM_AFTER_MS, { order_id: order.id, at: at + CONFIRM_AFTER_MS });
}

export function confirmCrypto(world: World, orderId: string): void {
  const order = live(world, orderId);
  if (!order || !canTransition(order, 'confirm_crypto')) return;
  transition(world, order, 'confirm_crypto', 'crypto_confirmed', { completed_at: world.nowIso() });
}

// ---------- off-ramp ----------

/** Starts the chain watcher unless it already runs; it stops by itself when no order awaits crypto. */
/**
 * The pending chain-watcher job (at most one), found by an index of the jobs table: asking the scheduler for every
 * pending job copied and sorted them all (each open order's expiry among them) on every off-ramp order.
 */
const DEPOSIT_WATCH_JOBS = defineIndex<JobRow>('deposit watch jobs', (j) => (j.kind === JOBS.watchDeposits ? ['watch'] : []));

export function scheduleDepositWatch(world: World): void {
  if (world.table<JobRow>('jobs').index(DEPOSIT_WATCH_JOBS).count('watch') > 0) return;
  const at = world.clock.nowMs() + DEPOSIT_WATCH_EVERY_MS;
  world.scheduler.schedule(JOBS.watchDeposits, at, { at });
}

const escrowFunded = (world: World, o: OrderRow): boolean =>
  !!o.escrow_wallet_id && dec(balanceRow(world, o.escrow_wallet_id, o.asset).amount).gte(o.crypto_amount);

/** The simulated chain watcher: an escrow holding the order's amount is a detected deposit. */
export function watchDeposits(world: World, at: number): void {
  const waiting = [...orders(world).index(ORDERS_BY_STATUS).rows('awaiting_crypto')]; // a copy: detection moves rows out
  let still = 0;
  for (const o of waiting) {
    if (escrowFunded(world, o)) detectDeposit(world, o, chainOf(world).newTxHash(o.network), at);
    else still++;
  }
  if (still === 0) return;
  const now = world.clock.nowMs();
  const next = at + DEPOSIT_WATCH_EVERY_MS > now ? at + DEPOSIT_WATCH_EVERY_MS : now + DEPOSIT_WATCH_EVERY_MS;
  world.scheduler.schedule(JOBS.watchDeposits, next, { at: next });
}

/** awaiting_crypto → confirming (or failed → confirming for a retried custodial send); confirmations follow in 60 s. */
export function detectDeposit(world: World, order: OrderRow, txHash: string, at: number, retried = false): OrderRow {
  const patch = { deposit_tx_hash: txHash, deposit_detected_at: world.nowIso(), deposit_confirmations: 0 };
  const next = retried ? transition(world, order, 'retry_transfer', 'transfer_retried', patch)
    : transition(world, order, 'detect_deposit', 'deposit_detected', patch);
  world.scheduler.schedule(JOBS.confirmDeposit, at + CONFIRM_AFTER_MS, { order_id: order.id, at: at + CONFIRM_AFTER_MS });
  return next;
}

/**
 * confirming → crypto_received: the escrowed stablecoin goes to the vendor, who pays the fiat. It stays locked on the
 * vendor's wallet until the payout reports, so that a failed payout can always give it back to the customer.
 */
export function confirmDeposit(world: World, orderId: string, at: number): void {
  let order = live(world, orderId);
  if (!order || !canTransition(order, 'confirm_deposit')) return;
  const vendorWallet = defaultWallet(world, order.vendor_id, order.network);
  if (vendorWallet && order.escrow_wallet_id && available(balanceRow(world, order.escrow_wallet_id, order.asset)).gte(order.crypto_amount)) {
    move(world, order.escrow_wallet_id, vendorWallet.id, order.asset, order.crypto_amount, `order ${order.id} settlement`);
    lock(world, vendorWallet.id, order.asset, order.crypto_amount, `order ${order.id} settlement held until the payout reports`);
    order = orders(world).update(order.id, { vendor_lock_wallet_id: vendorWallet.id });
  }
  transition(world, order, 'confirm_deposit', 'deposit_confirmed', { deposit_confirmations: REQUIRED_CONFIRMATIONS[order.network] });
  world.scheduler.schedule(JOBS.startPayout, at + PAYOUT_START_AFTER_MS, { order_id: order.id, at: at + PAYOUT_START_AFTER_MS });
}

/**
 * crypto_received → processing: the B2C (or bank) payout of fiat_amount to the payout number starts; the simulator
 * reports it 10 s later (see payout-result.ts for what its result does to the order).
 */
export function startPayout(world: World, orderId: string, at: number): void {
  const order = live(world, orderId);
  if (!order || !canTransition(order, 'start_payout')) return;
  const bank = order.payout_method === 'bank' ? order.beneficiary?.bank ?? null : null;
  const payout = b2cOf(world).startPayout({
    purpose: ORDER_PAYOUT_PURPOSE, reference_id: order.id, method: bank ? 'bank' : 'mpesa',
    destination: bank ? bank.account_number : order.payment_phone_number ?? '', amount: order.fiat_amount, currency: order.fiat_currency,
  }, at + PAYOUT_COMPLETE_AFTER_MS);
  transition(world, order, 'start_payout', 'payout_started', { payment_txn_id: payout.receipt });
}

// ---------- expiry ----------

/** At expires_at: an unpaid order is cancelled (reason expired); a funded escrow counts as a deposit instead. */
export function expireOrder(world: World, orderId: string): void {
  const order = live(world, orderId);
  if (!order) return;
  if (isOnRamp(order)) {
    // A prompt still due to call back decides: applyStkResult re-checks the expiry when it resolves.
    if (canTransition(order, 'expire') && !awaitingPrompt(world, order.id)) transition(world, order, 'expire', 'expired');
    return;
  }
  if (!canTransition(order, 'expire')) return;
  if (escrowFunded(world, order)) detectDeposit(world, order, chainOf(world).newTxHash(order.network), world.clock.nowMs());
  else transition(world, order, 'expire', 'expired');
}
