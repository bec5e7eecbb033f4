// The review half of a deposit's life: submit (merchant) → claim / assign → confirm or reject (admin, otc_officer).
import type { World } from '../../kernel/world.ts';
import type { Principal } from '../../auth/principal.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts';
import { users } from '../users.ts';
import { applyTransition, actorOf, assertTransition, type OtcDepositRow } from './deposits.ts';
import { depositFieldsFrom } from './deposit-fields.ts';
import { consumeNfx, getNfx, nfxUnusableReason, releaseNfx } from './negotiated-fx.ts';
import type { SubmitOtcDepositRequest } from '../../../contracts/generated/types.js';

export function submitDeposit(world: World, principal: Principal, deposit: OtcDepositRow, body: SubmitOtcDepositRequest): OtcDepositRow {
  assertTransition(deposit, 'submit');
  const hasProof = body.proof_url || (body.proof_file_name && body.proof_file_sha256) || deposit.proof_url
    || (deposit.proof_file_name && deposit.proof_file_sha256);
  if (!hasProof) throw unprocessable('a proof is required: upload the PDF (POST .../proof) or send proof_url, or proof_file_name with proof_file_sha256');
  if (deposit.negotiated_fx_reference_id) {
    const ref = getNfx(world, deposit.negotiated_fx_reference_id);
    const why = nfxUnusableReason(world, ref, { merchantId: deposit.merchant_id, asset: deposit.requested_asset,
      fiat: deposit.fiat_currency, network: deposit.requested_network, depositId: deposit.id });
    if (why) throw unprocessable(`${why}; price the deposit again`);
    consumeNfx(world, ref, deposit.id);
  }
  const next = applyTransition(world, deposit, 'submit', 'submitted', actorOf(principal), depositFieldsFrom(world, body));
  world.emit('otc.deposit.submitted_for_review', {
    deposit_id: next.id, merchant_id: next.merchant_id, status: next.status, method: next.method, fiat_amount: next.fiat_amount,
    fiat_currency: next.fiat_currency, requested_asset: next.requested_asset, requested_network: next.requested_network,
    requested_crypto_amount: next.requested_crypto_amount, payment_reference: next.payment_reference,
    transfer_date: next.transfer_date!.slice(0, 10), proof_url: next.proof_url ?? next.proof_file_name, submitted_at: next.updated_at,
  });
  return next;
}

export function claimDeposit(world: World, principal: Principal, deposit: OtcDepositRow): OtcDepositRow {
  assertTransition(deposit, 'claim');
  if (deposit.assignee_user_id === principal.userId) return deposit; // claiming twice changes nothing
  if (deposit.assignee_user_id) throw conflict('the deposit is already held by another reviewer; an admin may reassign it', deposit.status);
  return applyTransition(world, deposit, 'claim', 'claimed', actorOf(principal), { assignee_user_id: principal.userId, assigned_at: world.nowIso() });
}

export function assignDeposit(world: World, principal: Principal, deposit: OtcDepositRow, assigneeId: string): OtcDepositRow {
  assertTransition(deposit, 'assign');
  const assignee = users(world).get(assigneeId);
  if (!assignee || assignee.deleted_at) throw notFound(`user ${assigneeId} not found`);
  if (!assignee.is_active || (assignee.role !== 'admin' && assignee.role !== 'otc_officer')) {
    throw unprocessable(`user ${assigneeId} is not an active admin or otc_officer`);
  }
  return applyTransition(world, deposit, 'assign', 'assigned', actorOf(principal), { assignee_user_id: assignee.id, assigned_at: world.nowIso() });
}

/** An otc_officer reviews only unassigned deposits (which they then hold) or their own; an admin any. */
function reviewerPatch(world: World, principal: Principal, deposit: OtcDepositRow): Partial<OtcDepositRow> {
  if (principal.role !== 'otc_officer') return {};
  if (!deposit.assignee_user_id) return { assignee_user_id: principal.userId, assigned_at: world.nowIso() };
  if (deposit.assignee_user_id !== principal.userId) throw forbidden('forbidden: this deposit is assigned to another reviewer');
  return {};
}

export function confirmDeposit(world: World, principal: Principal, deposit: OtcDepositRow, note?: string): OtcDepositRow {
  assertTransition(deposit, 'confirm');
  if (deposit.method === 'mpesa') throw conflict('an M-Pesa deposit is confirmed by its STK callback, not by hand', deposit.status);
  const patch = reviewerPatch(world, principal, deposit);
  return applyTransition(world, deposit, 'confirm', 'confirmed', actorOf(principal), {
    ...patch, confirmed_at: world.nowIso(), confirmed_by: principal.userId, ...(note !== undefined ? { internal_note: note } : {}),
  }, { note: note ?? null });
}

export function rejectDeposit(world: World, principal: Principal, deposit: OtcDepositRow, reason: string, note?: string): OtcDepositRow {
  assertTransition(deposit, 'reject');
  const patch = reviewerPatch(world, principal, deposit);
  const next = applyTransition(world, deposit, 'reject', 'rejected', actorOf(principal), {
    ...patch, rejected_at: world.nowIso(), rejected_by: principal.userId, rejection_reason: reason,
    ...(note !== undefined ? { internal_note: note } : {}),
  }, { reason, note: note ?? null });
  releaseNfx(world, deposit.id);
  return next;
}
