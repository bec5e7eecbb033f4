// Transfer rows (P2P, B2B, and the OTC_CREDIT / OTC_WITHDRAWAL rows the OTC desk records in the same table) and their
// lifecycle:
//   internal (P2P, B2B from a platform-managed multisig): created completed, money moved at once, no tx hash
//   external (platform-operated source): pending (amount locked, tx hash) --confirm after 60 s--> completed (burned)
//                                        pending --the chain send fails--> failed (amount unlocked, nothing burned)
//   from a self-managed multisig: pending (the proposal locks the amount) --proposal executed--> completed
//   pending --proposal cancelled--> cancelled
import { defineIndex, type IndexRows } from '../../kernel/table-index.ts';
import type { World } from '../../kernel/world.ts';
import type { Network } from '../../kernel/addresses.ts';
import { burn, unlock } from '../ledger.ts';
import { notFound, illegalTransition } from '../../kernel/errors.ts';
import { chainOf, type ChainSendRow } from '../../simulation/ports/chain.ts';
import type { Principal } from '../../auth/principal.ts';
import { requirePartyOrRole } from '../../auth/policy.ts';
import type { ProposalRow } from '../multisig.ts';

export type TransferStatus = 'pending' | 'completed' | 'failed' | 'cancelled';

export interface TransferRow {
  id: string;
  transfer_type: 'P2P' | 'B2B' | 'OTC_CREDIT' | 'OTC_WITHDRAWAL';
  is_external: boolean;
  from_user_id: string;
  to_user_id: string | null;
  from_wallet_id: string;
  to_wallet_id: string | null;
  from_address: string;
  to_address: string;
  to_address_resolved: string;
  asset: 'USDT' | 'USDC';
  crypto_amount: string;
  network: Network;
  status: TransferStatus;
  tx_hash: string | null;
  memo: string | null;
  proposal_id: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

export const transfers = (w: World) => w.table<TransferRow>('transfers');
/** Transfers newest first (then id descending): 'all' for admins, 'party:<user>' for the sender and the recipient. */
const TRANSFERS_LISTED = defineIndex<TransferRow>('transfers listed',
  (t) => [...new Set(['all', `party:${t.from_user_id}`, `party:${t.to_user_id}`])],
  (a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id));
/** The transfer a multisig proposal executes. */
const TRANSFERS_BY_PROPOSAL = defineIndex<TransferRow>('transfers by proposal', (t) => (t.proposal_id ? [t.proposal_id] : []));
export const transferOfProposal = (world: World, proposalId: string): TransferRow | undefined =>
  transfers(world).index(TRANSFERS_BY_PROPOSAL).first(proposalId);

/** Seconds of sandbox clock between broadcasting an external transfer and its confirmation. */
export const EXTERNAL_CONFIRMATION_SECONDS = 60;
export const CONFIRM_TRANSFER_JOB = 'transfers.confirm_external';
export const TRANSFER_REFERENCE = 'transfer';

type TransferAction = 'complete' | 'cancel' | 'fail';
const TRANSFER_TRANSITIONS: Record<TransferStatus, Partial<Record<TransferAction, TransferStatus>>> = {
  pending: { complete: 'completed', cancel: 'cancelled', fail: 'failed' },
  completed: {},
  failed: {},
  cancelled: {},
};

function transition(world: World, t: TransferRow, action: TransferAction, patch: Partial<TransferRow> = {}): TransferRow {
  const status = TRANSFER_TRANSITIONS[t.status][action];
  if (!status) throw illegalTransition(`transfer is ${t.status}; it cannot ${action}`, t.status);
  const now = world.nowIso();
  return transfers(world).update(t.id, { ...patch, status, updated_at: now, completed_at: status === 'completed' ? now : null });
}

export function getTransfer(world: World, id: string): TransferRow {
  const t = transfers(world).get(id);
  if (!t) throw notFound(`transfer ${id} not found`);
  return t;
}

/** Sender, recipient or admin. */
export const requireTransferAccess = (principal: Principal, t: TransferRow): void =>
  requirePartyOrRole(principal, [t.from_user_id, t.to_user_id], ['admin'], 'transfer');

/** The caller's transfers (sent or received), or all for an admin; newest first. */
export function listTransfers(world: World, principal: Principal): IndexRows<TransferRow> {
  return transfers(world).index(TRANSFERS_LISTED).rows(principal.role === 'admin' ? 'all' : `party:${principal.userId}`);
}

/**
 * The chain's verdict on an external transfer, due 60 s after the broadcast: confirmed, the reserved amount leaves the
 * books; sent to a failing address, the send fails instead (failExternalTransfer releases the reservation).
 */
export function confirmExternalTransfer(world: World, id: string): void {
  const t = transfers(world).get(id);
  if (!t || t.status !== 'pending' || t.proposal_id) return;
  const chain = chainOf(world);
  if (t.tx_hash && chain.isFailingAddress(t.network, t.to_address)) {
    chain.failSend(t.tx_hash, chain.failingAddressReason);
    return;
  }
  const reference = `transfer:${t.id}`;
  burn(world, t.from_wallet_id, t.asset, t.crypto_amount, reference, true);
  transition(world, t, 'complete');
  chain.confirmSend(t.tx_hash);
}

/**
 * Its chain send failed (registered in ./install.ts): the money never left, so the locked amount is released
 * back to the sender's available balance, once (the transition refuses a transfer that is no longer pending), and
 * the confirmation due later is dropped. tx_hash stays: it names the failed transaction.
 */
export function failExternalTransfer(world: World, send: ChainSendRow): void {
  const t = getTransfer(world, send.reference_id);
  const failed = transition(world, t, 'fail');
  unlock(world, t.from_wallet_id, t.asset, t.crypto_amount, `transfer:${t.id} failed`);
  world.scheduler.cancel(CONFIRM_TRANSFER_JOB, (j) => j.payload.transfer_id === failed.id);
}

/**
 * A pending transfer whose proposal executed completes with the proposal's hash; undefined (nothing changes) when it
 * is unknown or no longer pending. Also used by the OTC desk for its OTC_CREDIT transfers.
 */
export function completePendingTransfer(world: World, id: string, txHash: string | null): TransferRow | undefined {
  const t = transfers(world).get(id);
  if (!t || t.status !== 'pending') return undefined;
  return transition(world, t, 'complete', { tx_hash: txHash });
}

/** A pending transfer whose proposal was cancelled is cancelled; undefined (nothing changes) when unknown or not pending. */
export function cancelPendingTransfer(world: World, id: string): TransferRow | undefined {
  const t = transfers(world).get(id);
  if (!t || t.status !== 'pending') return undefined;
  return transition(world, t, 'cancel');
}

/** Its proposal executed (the multisig core already moved the money): the transfer completes with the proposal's hash. */
export function settleProposalTransfer(world: World, proposal: ProposalRow): void {
  completePendingTransfer(world, proposal.reference_id, proposal.tx_hash);
}

/** Its proposal was cancelled (the core released the reservation): the transfer is cancelled. */
export function cancelProposalTransfer(world: World, proposal: ProposalRow): void {
  cancelPendingTransfer(world, proposal.reference_id);
}
