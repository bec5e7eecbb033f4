// The chain side of a custodial remittance: confirming a draft broadcasts a send from the customer's custodial wallet
// to the draft's escrow (src/domain/marketplace/remittance.ts moves the money and the order to `confirming`). That send
// is on the chain's record until its confirmation, and may fail there:
//   order confirming --send failed--> failed (reason chain_send_failed): the escrowed amount goes back to the custodial
//   wallet, the offer reservation is released, the confirmation due later is dropped, and the draft is `draft` again,
//   so confirming it again retries the same order (→ confirming, transfer_retried) as after a refused send.
//   A draft already past expires_at expires at once instead (its escrow is released): it can no longer be confirmed.
import type { World, DomainEvent } from '../../kernel/world.ts';
import { move } from '../ledger.ts';
import { chainOf, type ChainSendRow } from '../../simulation/ports/chain.ts';
import { getOrder } from './orders.ts';
import { transition } from './order-machine.ts';
import { expireDraft } from './remittance.ts';
import { CONFIRM_AFTER_MS, JOBS } from './config.ts';
import { orders, remittanceDrafts, type OrderRow } from './tables.ts';

/** reference_type of a custodial remittance send on the chain's record; reference_id is the order id. */
export const ORDER_SEND_REFERENCE = 'order';

const isCustodial = (o: OrderRow | undefined): o is OrderRow => o?.order_subtype === 'custodial_remittance_offramp';

/**
 * Follows order.status_changed instead of being called from confirmDraft / confirmDeposit, so that the remittance flow
 * stays unaware of the chain's record: a custodial order entering `confirming` has just broadcast its send (first
 * confirm or retry); leaving `confirming` for `crypto_received`, its send confirmed.
 */
export function trackCustodialSend(world: World, event: DomainEvent): void {
  if (event.type !== 'order.status_changed') return;
  const order = orders(world).get(event.data.order_id as string);
  if (!isCustodial(order) || !order.deposit_tx_hash) return;
  if (event.data.status === 'confirming') {
    chainOf(world).recordSend({
      id: order.deposit_tx_hash, network: order.escrow_network ?? order.network, from_address: order.wallet_address,
      to_address: order.escrow_wallet_address!, asset: order.asset, amount: order.crypto_amount,
      reference_type: ORDER_SEND_REFERENCE, reference_id: order.id, confirms_at: world.clock.iso(world.clock.nowMs() + CONFIRM_AFTER_MS),
    });
  } else if (event.data.previous_status === 'confirming' && event.data.status === 'crypto_received') {
    chainOf(world).confirmSend(order.deposit_tx_hash);
  }
}

/** Its send failed on chain (registered in ./install.ts): see the head of this file. */
export function failCustodialSend(world: World, send: ChainSendRow): void {
  const order = getOrder(world, send.reference_id);
  const draft = order.remittance_draft_id ? remittanceDrafts(world).get(order.remittance_draft_id) : undefined;
  if (!draft || !order.escrow_wallet_id) throw new Error(`remittance chain: order ${order.id} has no draft or escrow to undo its send`);
  // The transition first: it refuses (409 naming the status) an order that is no longer confirming, before any money moves.
  transition(world, order, 'fail_chain_send', 'chain_send_failed');
  move(world, order.escrow_wallet_id, draft.custodial_wallet_id, order.asset, order.crypto_amount, `remittance draft ${draft.id} send failed`);
  world.scheduler.cancel(JOBS.confirmDeposit, (j) => j.payload.order_id === order.id);
  remittanceDrafts(world).update(draft.id, { status: 'draft' });
  if (Date.parse(draft.expires_at) <= world.clock.nowMs()) expireDraft(world, draft.id);
}
