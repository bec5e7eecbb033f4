// Wire shapes of the OTC desk (contracts/src/otc.yaml): deposits (with the payout enrichment), audit entries,
// negotiated FX references, and withdrawals. A notification row is its own wire shape (no view).
import type { World } from '../../kernel/world.ts';
import type { OtcDepositRow, OtcDepositAuditRow } from '../../domain/otc/deposits.ts';
import { nfxStatus, type NegotiatedFxReferenceRow } from '../../domain/otc/negotiated-fx.ts';
import type { OtcWithdrawalRow } from '../../domain/otc/withdrawals.ts';
import { wallets } from '../../domain/wallets.ts';
import { inEnum } from './narrow.ts';
import type { Network, Role } from '../../../contracts/generated/types.js';

const OTC_NETWORKS: readonly Network[] = ['ethereum', 'tron'];
const ROLES: readonly Role[] = ['customer', 'user', 'vendor', 'subvendor', 'merchant', 'admin', 'treasury', 'otc_officer'];

export function depositView(world: World, d: OtcDepositRow) {
  const { idempotency_key: _k, idempotency_fingerprint: _f, seq: _s, ...row } = d;
  const wallet = d.to_wallet_id ? wallets(world).get(d.to_wallet_id) : undefined;
  // payout_* mirror the payout wallet; present only when one resolves.
  // The payout wallet is on an OTC network: resolvePayoutWallet and the credit check it against the deposit's network.
  const payout = wallet ? { payout_to_address: wallet.address, payout_to_wallet_id: wallet.id,
    payout_network: inEnum(wallet.network, OTC_NETWORKS, `deposit ${d.id} payout wallet network`), payout_asset: d.requested_asset } : {};
  return { ...row, ...payout };
}

export const depositsView = (world: World, rows: OtcDepositRow[]) => ({ deposits: rows.map((d) => depositView(world, d)) });

export function auditEntryView(a: OtcDepositAuditRow, showNotes: boolean) {
  return {
    // The audit row keeps the actor's role as it was (a string in the stored row, always one of the roles).
    id: a.id, deposit_id: a.deposit_id, action: a.action, actor_user_id: a.actor_user_id,
    actor_role: a.actor_role === null ? null : inEnum(a.actor_role, ROLES, `audit entry ${a.id} actor role`),
    from_status: a.from_status, to_status: a.to_status, reason: a.reason, note: showNotes ? a.note : null, created_at: a.created_at,
  };
}

export function referenceView(world: World, r: NegotiatedFxReferenceRow) {
  const { seq: _s, ...row } = r;
  return { ...row, status: nfxStatus(world, r) };
}

export function withdrawalView(w: OtcWithdrawalRow) {
  const { seq: _s, pricing: _p, ...row } = w;
  return row;
}

// The settlement's transfer and proposal use the transfers area's views (src/http/views/merchants.ts): one shape each.
