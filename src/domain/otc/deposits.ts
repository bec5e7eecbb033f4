// OTC deposit rows, their state machine (one transition table, checked on every change) and their audit trail.
import type { World } from '../../kernel/world.ts';
import { defineIndex, type IndexRows } from '../../kernel/table-index.ts';
import type { Principal } from '../../auth/principal.ts';
import { notFound, illegalTransition } from '../../kernel/errors.ts';

export type DepositStatus = 'draft' | 'priced' | 'pending' | 'confirmed' | 'rejected' | 'credited';
export type DepositMethod = 'bank' | 'mpesa';
export type StableAsset = 'USDT' | 'USDC';

export interface OtcDepositRow {
  id: string;
  merchant_id: string;
  method: DepositMethod;
  fiat_amount: string | null;
  fiat_currency: string | null;
  status: DepositStatus;
  payment_reference: string | null;
  proof_url: string | null;
  transfer_date: string | null;
  merchant_request_id: string | null;
  checkout_request_id: string | null;
  mpesa_receipt_number: string | null;
  mpesa_phone_number: string | null;
  sender_account_name: string | null;
  sender_account_number_last4: string | null;
  sender_bank_name: string | null;
  sender_bank_branch: string | null;
  receipt_number: string | null;
  receipt_uploaded_at: string | null;
  proof_file_name: string | null;
  proof_mime_type: string | null;
  proof_size_bytes: number | null;
  proof_file_sha256: string | null;
  requested_asset: StableAsset | null;
  requested_network: 'ethereum' | 'tron' | null;
  requested_crypto_amount: string | null;
  pricing_profile_id: string | null;
  fx_rate_quote_id: string | null;
  negotiated_fx_reference_id: string | null;
  assignee_user_id: string | null;
  assigned_at: string | null;
  confirmed_at: string | null;
  confirmed_by: string | null;
  rejected_at: string | null;
  rejected_by: string | null;
  rejection_reason: string | null;
  internal_note: string | null;
  credited_at: string | null;
  credited_by: string | null;
  usdt_amount: string | null;
  credited_asset: StableAsset | null;
  credited_crypto_amount: string | null;
  credited_to_address: string | null;
  to_wallet_id: string | null;
  transfer_id: string | null;
  created_at: string;
  updated_at: string;
  /** Internal: the draft idempotency key (scoped per master merchant) and the canonical body it was first sent with. */
  idempotency_key: string | null;
  idempotency_fingerprint: string | null;
  /** Internal: creation order, to sort rows created in the same (frozen) instant. */
  seq: number;
}

export type AuditAction = 'created' | 'draft_updated' | 'quoted' | 'proof_attached' | 'submitted' | 'claimed' | 'assigned'
  | 'confirmed' | 'rejected' | 'credit_requested' | 'credited' | 'mpesa_stk_initiated' | 'mpesa_payment_succeeded'
  | 'mpesa_payment_failed' | 'payout_wallet_resolved';

export interface OtcDepositAuditRow {
  id: string;
  deposit_id: string;
  action: AuditAction;
  actor_user_id: string | null;
  actor_role: string | null;
  from_status: DepositStatus | null;
  to_status: DepositStatus | null;
  reason: string | null;
  note: string | null;
  created_at: string;
  seq: number;
}

export const otcDeposits = (w: World) => w.table<OtcDepositRow>('otc_deposits');
export const otcDepositAudit = (w: World) => w.table<OtcDepositAuditRow>('otc_deposit_audit');
/** A deposit's audit trail in order; a draft's idempotency key within its master merchant ('<merchant>|<key>'). */
const AUDIT_BY_DEPOSIT = defineIndex<OtcDepositAuditRow>('otc audit by deposit', (a) => [a.deposit_id], (a, b) => a.seq - b.seq);
const DEPOSITS_BY_IDEMPOTENCY_KEY = defineIndex<OtcDepositRow>('otc deposits by idempotency key',
  (d) => (d.idempotency_key ? [`${d.merchant_id}|${d.idempotency_key}`] : []));
export const depositByIdempotencyKey = (world: World, merchantId: string, key: string): OtcDepositRow | undefined =>
  otcDeposits(world).index(DEPOSITS_BY_IDEMPOTENCY_KEY).first(`${merchantId}|${key}`);

/**
 * Every change a deposit can go through: the statuses it may start from and the status it ends in (null = unchanged).
 * Anything else is a 409 naming the current status.
 */
export const DEPOSIT_TRANSITIONS = {
  update_draft: { from: ['draft'], to: null },
  quote: { from: ['draft', 'priced'], to: 'priced' },
  attach_proof: { from: ['draft', 'priced', 'pending'], to: null },
  submit: { from: ['priced'], to: 'pending' },
  claim: { from: ['pending'], to: null },
  assign: { from: ['pending'], to: null },
  confirm: { from: ['pending'], to: 'confirmed' },
  reject: { from: ['pending'], to: 'rejected' },
  mpesa_succeeded: { from: ['pending'], to: 'confirmed' },
  mpesa_failed: { from: ['pending'], to: 'rejected' },
  request_credit: { from: ['confirmed'], to: null },
  settle_credit: { from: ['confirmed'], to: 'credited' },
} as const satisfies Record<string, { from: readonly DepositStatus[]; to: DepositStatus | null }>;
export type DepositTransition = keyof typeof DEPOSIT_TRANSITIONS;

const VERB: Record<DepositTransition, string> = {
  update_draft: 'edit the draft of', quote: 'price', attach_proof: 'attach a proof to', submit: 'submit', claim: 'claim',
  assign: 'assign', confirm: 'confirm', reject: 'reject', mpesa_succeeded: 'confirm', mpesa_failed: 'reject',
  request_credit: 'credit', settle_credit: 'settle',
};

export function canTransition(deposit: OtcDepositRow, transition: DepositTransition): boolean {
  return (DEPOSIT_TRANSITIONS[transition].from as readonly DepositStatus[]).includes(deposit.status);
}

/** 409 with `current_status` unless the transition is allowed from the deposit's status. */
export function assertTransition(deposit: OtcDepositRow, transition: DepositTransition): void {
  if (!canTransition(deposit, transition)) {
    const allowed = DEPOSIT_TRANSITIONS[transition].from.join(' or ');
    throw illegalTransition(`cannot ${VERB[transition]} a deposit that is ${deposit.status} (allowed from ${allowed})`, deposit.status);
  }
}

export interface Actor { userId: string; role: string }
export const actorOf = (p: Principal): Actor => ({ userId: p.userId, role: p.role });

export function writeAudit(world: World, deposit: OtcDepositRow, action: AuditAction, actor: Actor | null,
  from: DepositStatus | null, to: DepositStatus | null, extra: { reason?: string | null; note?: string | null } = {}): void {
  otcDepositAudit(world).insert({
    id: world.random.uuid(), deposit_id: deposit.id, action, actor_user_id: actor?.userId ?? null, actor_role: actor?.role ?? null,
    from_status: from, to_status: to, reason: extra.reason ?? null, note: extra.note ?? null, created_at: world.nowIso(),
    seq: world.nextSequence('otc_deposit_audit'),
  });
}

/**
 * Applies a transition: checks the current status, writes the new status and fields, and records the audit entry.
 * The whole handler runs in a store transaction, so a later failure undoes this too.
 */
export function applyTransition(world: World, deposit: OtcDepositRow, transition: DepositTransition, action: AuditAction,
  actor: Actor | null, patch: Partial<OtcDepositRow> = {}, audit: { reason?: string | null; note?: string | null } = {}): OtcDepositRow {
  assertTransition(deposit, transition);
  const to = DEPOSIT_TRANSITIONS[transition].to ?? deposit.status;
  const next = otcDeposits(world).update(deposit.id, { ...patch, status: to, updated_at: world.nowIso() });
  writeAudit(world, deposit, action, actor, deposit.status, to, audit);
  return next;
}

export function getDeposit(world: World, id: string): OtcDepositRow {
  const d = otcDeposits(world).get(id);
  if (!d) throw notFound(`otc deposit ${id} not found`);
  return d;
}

export function auditTrail(world: World, depositId: string): IndexRows<OtcDepositAuditRow> {
  return otcDepositAudit(world).index(AUDIT_BY_DEPOSIT).rows(depositId);
}

/** A deposit row with every optional column null; callers fill what they know. */
export function blankDeposit(world: World, merchantId: string, method: DepositMethod, status: DepositStatus): OtcDepositRow {
  const now = world.nowIso();
  return {
    id: world.random.uuid(), merchant_id: merchantId, method, fiat_amount: null, fiat_currency: null, status,
    payment_reference: null, proof_url: null, transfer_date: null, merchant_request_id: null, checkout_request_id: null,
    mpesa_receipt_number: null, mpesa_phone_number: null, sender_account_name: null, sender_account_number_last4: null,
    sender_bank_name: null, sender_bank_branch: null, receipt_number: null, receipt_uploaded_at: null, proof_file_name: null,
    proof_mime_type: null, proof_size_bytes: null, proof_file_sha256: null, requested_asset: null, requested_network: null,
    requested_crypto_amount: null, pricing_profile_id: null, fx_rate_quote_id: null, negotiated_fx_reference_id: null,
    assignee_user_id: null, assigned_at: null, confirmed_at: null, confirmed_by: null, rejected_at: null, rejected_by: null,
    rejection_reason: null, internal_note: null, credited_at: null, credited_by: null, usdt_amount: null, credited_asset: null,
    credited_crypto_amount: null, credited_to_address: null, to_wallet_id: null, transfer_id: null, created_at: now,
    updated_at: now, idempotency_key: null, idempotency_fingerprint: null, seq: world.nextSequence('otc_deposits'),
  };
}
