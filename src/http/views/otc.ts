// Wire shapes of the OTC desk (contracts/src/otc.yaml): deposits (with the payout enrichment), audit entries,
// negotiated FX references and notifications, withdrawals, and the settlement's transfer and proposal.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { World } from '../../domain/world.ts';
import type { OtcDepositRow, OtcDepositAuditRow } from '../../domain/otc/deposits.ts';
import { nfxStatus, type NegotiatedFxReferenceRow, type NfxNotificationRow } from '../../domain/otc/negotiated-fx.ts';
import type { OtcWithdrawalRow } from '../../domain/otc/withdrawals.ts';
import type { OtcTransferRow } from '../../domain/otc/transfers-link.ts';
import { multisigWallets, type ProposalRow } from '../../domain/multisig.ts';
import { defaultWallet, wallets } from '../../domain/wallets.ts';

export function depositView(world: World, d: OtcDepositRow) {
  const { idempotency_key: _k, idempotency_fingerprint: _f, seq: _s, ...row } = d;
  const wallet = d.to_wallet_id ? wallets(world).get(d.to_wallet_id) : undefined;
  // payout_* mirror the payout wallet; present only when one resolves.
  const payout = wallet ? { payout_to_address: wallet.address, payout_to_wallet_id: wallet.id, payout_network: wallet.network, payout_asset: d.requested_asset } : {};
  return { ...row, ...payout };
}

export const depositsView = (world: World, rows: OtcDepositRow[]) => ({ deposits: rows.map((d) => depositView(world, d)) });

export function auditEntryView(a: OtcDepositAuditRow, showNotes: boolean) {
  return {
    id: a.id, deposit_id: a.deposit_id, action: a.action, actor_user_id: a.actor_user_id, actor_role: a.actor_role,
    from_status: a.from_status, to_status: a.to_status, reason: a.reason, note: showNotes ? a.note : null, created_at: a.created_at,
  };
}

export function referenceView(world: World, r: NegotiatedFxReferenceRow) {
  const { seq: _s, ...row } = r;
  return { ...row, status: nfxStatus(world, r) };
}

export const notificationView = (n: NfxNotificationRow) => ({ ...n });

export function withdrawalView(w: OtcWithdrawalRow) {
  const { seq: _s, ...row } = w;
  return row;
}

export const transferView = (t: OtcTransferRow) => ({ ...t });

/** A stand-in signature for a server-side confirmation that sent none (the wire field is always hex). */
const simulatedSignature = (proposalId: string, signer: string) => bytesToHex(sha256(new TextEncoder().encode(`${proposalId}:${signer}`)));

export function proposalView(world: World, p: ProposalRow) {
  const ms = multisigWallets(world).get(p.multisig_wallet_id)!;
  const signerAddress = (userId: string) => {
    const i = ms.signer_user_ids.indexOf(userId);
    return ms.signer_addresses[i] ?? defaultWallet(world, userId, p.network)?.address ?? ms.address;
  };
  const last = p.signatures.at(-1)?.signed_at;
  return {
    id: p.id, multisig_wallet_id: p.multisig_wallet_id, wallet_id: ms.wallet_id, network: p.network, asset: p.asset, amount: p.amount,
    from_address: ms.address, to_address: p.to_address, to_wallet_id: p.to_wallet_id, reference_type: p.reference_type,
    reference_id: p.reference_id, status: p.status, threshold: p.threshold, current_signatures: p.signatures.length,
    signatures: p.signatures.map((s) => ({ signer_user_id: s.signer_user_id, signer_address: signerAddress(s.signer_user_id),
      signature: s.signature ?? simulatedSignature(p.id, s.signer_user_id), signed_at: s.signed_at })),
    tx_hash: p.tx_hash, tron_unsigned_tx: p.tron_unsigned_tx, ethereum_first_confirm_requires_sender: p.ethereum_first_confirm_requires_sender,
    ethereum_sender: p.ethereum_sender, created_by: p.created_by, created_at: p.created_at,
    updated_at: p.executed_at ?? last ?? p.created_at, executed_at: p.executed_at,
  };
}
