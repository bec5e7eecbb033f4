// A payment that succeeds for something that can no longer take it: the customer cancelled the order (or it expired)
// while the M-Pesa prompt was still open, and the PIN was entered afterwards. A real service does not keep that money:
// it reverses the transaction (Daraja's Transaction Reversal API) back to the payer. The sandbox does so at once: the
// prompt ends `reversed` with the reason, its receipt kept (the payer saw it), and a payment.status_changed event with
// status `reversed` follows the `succeeded` one. Nothing moves in the ledger: M-Pesa shillings are outside the books.
import type { World } from '../kernel/world.ts';
import { stkPrompts, type StkPromptRow } from './mpesa.ts';

export function reverseStkPayment(world: World, prompt: StkPromptRow, reason: string): StkPromptRow {
  return stkPrompts(world).update(prompt.id, { status: 'reversed', reversed_at: world.nowIso(), reversal_reason: reason });
}
