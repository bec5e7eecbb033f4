// What an off-ramp order's fiat payout result does to the order (registered in ./install.ts). The stablecoin was
// settled to the vendor at crypto_received but held (locked) there until now:
//   success → the hold is released to the vendor, processing → completed (reason payout_completed);
//   failure → the held stablecoin goes back to the customer's wallet_address, processing → failed (reason payout_failed)
//             and the offer's reservation is released. A failed order is terminal: the customer places a new order.
// A result for an order that is no longer processing (a late or duplicate report) is recorded on the payout only.
import type { World } from '../../kernel/world.ts';
import type { FiatPayoutRow } from '../../simulation/ports/mpesa-b2c.ts';
import { available, balanceRow, payToAddress, unlock } from '../ledger.ts';
import { chainOf } from '../../simulation/ports/chain.ts';
import { canTransition, transition } from './order-machine.ts';
import { orders, type OrderRow } from './tables.ts';

export function applyPayoutResult(world: World, payout: FiatPayoutRow): void {
  const order = orders(world).get(payout.reference_id);
  if (!order || order.deleted_at || !canTransition(order, 'complete_payout')) return;
  if (payout.status === 'completed') {
    if (order.vendor_lock_wallet_id) unlock(world, order.vendor_lock_wallet_id, order.asset, order.crypto_amount, `order ${order.id} payout completed`);
    transition(world, order, 'complete_payout', 'payout_completed', { completed_at: world.nowIso(), vendor_lock_wallet_id: null });
    return;
  }
  const refundHash = refundToCustomer(world, order);
  transition(world, order, 'fail_payout', 'payout_failed', {
    vendor_lock_wallet_id: null, ...(refundHash ? { blockchain_txn_hash: refundHash } : {}),
  });
}

/**
 * Sends crypto_amount back to wallet_address: out of the vendor's hold, or out of the escrow when the settlement never
 * happened (the vendor had no default wallet on the network). A sandbox wallet is credited; an outside address means
 * the stablecoin leaves the books. Returns the refund's transaction hash, or null when there was nothing to send.
 */
function refundToCustomer(world: World, order: OrderRow): string | null {
  const reference = `order ${order.id} payout failed: refund`;
  const held = order.vendor_lock_wallet_id;
  if (held) {
    payToAddress(world, held, order.wallet_address, order.asset, order.crypto_amount, reference, true);
  } else if (order.escrow_wallet_id && available(balanceRow(world, order.escrow_wallet_id, order.asset)).gte(order.crypto_amount)) {
    payToAddress(world, order.escrow_wallet_id, order.wallet_address, order.asset, order.crypto_amount, reference);
  } else return null;
  return chainOf(world).newTxHash(order.network);
}
