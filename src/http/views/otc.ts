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

/** The wire columns of a deposit row: every column but the internal idempotency key, its fingerprint and seq. */
type DepositWire = Omit<OtcDepositRow, 'idempotency_key' | 'idempotency_fingerprint' | 'seq'>;

export function depositView(world: World, d: OtcDepositRow) {
  // One literal naming every wire column (in the row's order), not `const { hidden, ...row } = d; { ...row, ...payout }`:
  // V8 builds a rest copy and a spread of a row this wide through its slow path, a sizeable share of a draft request.
  const view: DepositWire & Partial<PayoutFields> = {
    id: d.id, merchant_id: d.merchant_id, method: d.method, fiat_amount: d.fiat_amount, fiat_currency: d.fiat_currency,
    status: d.status, payment_reference: d.payment_reference, proof_url: d.proof_url, transfer_date: d.transfer_date,
    merchant_request_id: d.merchant_request_id, checkout_request_id: d.checkout_request_id,
    mpesa_receipt_number: d.mpesa_receipt_number, mpesa_phone_number: d.mpesa_phone_number,
    sender_account_name: d.sender_account_name, sender_account_number_last4: d.sender_account_number_last4,
    sender_bank_name: d.sender_bank_name, sender_bank_branch: d.sender_bank_branch, receipt_number: d.receipt_number,
    receipt_uploaded_at: d.receipt_uploaded_at, proof_file_name: d.proof_file_name, proof_mime_type: d.proof_mime_type,
    proof_size_bytes: d.proof_size_bytes, proof_file_sha256: d.proof_file_sha256, requested_asset: d.requested_asset,
    requested_network: d.requested_network, requested_crypto_amount: d.requested_crypto_amount,
    pricing_profile_id: d.pricing_profile_id, fx_rate_quote_id: d.fx_rate_quote_id,
    negotiated_fx_reference_id: d.negotiated_fx_reference_id, assignee_user_id: d.assignee_user_id, assigned_at: d.assigned_at,
    confirmed_at: d.confirmed_at, confirmed_by: d.confirmed_by, rejected_at: d.rejected_at, rejected_by: d.rejected_by,
    rejection_reason: d.rejection_reason, internal_note: d.internal_note, credited_at: d.credited_at, credited_by: d.credited_by,
    usdt_amount: d.usdt_amount, credited_asset: d.credited_asset, credited_crypto_amount: d.credited_crypto_amount,
    credited_to_address: d.credited_to_address, to_wallet_id: d.to_wallet_id, transfer_id: d.transfer_id,
    created_at: d.created_at, updated_at: d.updated_at,
  } satisfies DepositWire;
  const wallet = d.to_wallet_id ? wallets(world).get(d.to_wallet_id) : undefined;
  // payout_* mirror the payout wallet; present only when one resolves.
  // The payout wallet is on an OTC network: resolvePayoutWallet and the credit check it against the deposit's network.
  if (wallet) {
    view.payout_to_address = wallet.address;
    view.payout_to_wallet_id = wallet.id;
    view.payout_network = inEnum(wallet.network, OTC_NETWORKS, `deposit ${d.id} payout wallet network`);
    view.payout_asset = d.requested_asset;
  }
  return view;
}

interface PayoutFields { payout_to_address: string; payout_to_wallet_id: string; payout_network: Network; payout_asset: OtcDepositRow['requested_asset'] }

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
