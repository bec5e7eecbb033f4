// The STK callback of a mobile-money deposit: success confirms it (with the M-Pesa receipt), any failure rejects it
// with "mpesa: <ResultDesc>". A callback for a deposit no longer pending is ignored.
import type { World } from '../../kernel/world.ts';
import type { StkPromptRow } from '../../simulation/ports/mpesa-stk.ts';
import { applyTransition, canTransition, otcDeposits } from './deposits.ts';

export function applyMpesaResult(world: World, prompt: StkPromptRow): void {
  const deposit = otcDeposits(world).get(prompt.reference_id);
  if (!deposit || deposit.checkout_request_id !== prompt.id) return;
  const now = world.nowIso();
  if (prompt.status === 'succeeded') {
    if (!canTransition(deposit, 'mpesa_succeeded')) return;
    applyTransition(world, deposit, 'mpesa_succeeded', 'mpesa_payment_succeeded', null, {
      mpesa_receipt_number: prompt.mpesa_receipt_number, confirmed_at: now, confirmed_by: null,
    }, { reason: prompt.result_desc });
  } else {
    if (!canTransition(deposit, 'mpesa_failed')) return;
    applyTransition(world, deposit, 'mpesa_failed', 'mpesa_payment_failed', null, {
      rejected_at: now, rejected_by: null, rejection_reason: `mpesa: ${prompt.result_desc}`,
    }, { reason: prompt.result_desc });
  }
}
