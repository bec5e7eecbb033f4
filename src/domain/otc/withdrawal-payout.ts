// What a withdrawal's fiat payout result does to the withdrawal (registered in ./install.ts). Execute moved the crypto
// from the merchant's wallet to the treasury; the payout then either
//   succeeds → processing → completed (completed_by = the executing admin), or
//   fails    → the same amount goes back from the treasury wallet to from_wallet_id, processing → failed.
// The status guard makes both happen at most once: a late or duplicate result finds the withdrawal no longer processing.
import type { World } from '../../kernel/world.ts';
import type { FiatPayoutRow } from '../../simulation/ports/mpesa-b2c.ts';
import { move } from '../ledger.ts';
import { treasuryMultisig } from './deposit-credit.ts';
import { lockReference, otcWithdrawals, transition } from './withdrawals.ts';

export function applyWithdrawalPayoutResult(world: World, payout: FiatPayoutRow): void {
  const w = otcWithdrawals(world).get(payout.reference_id);
  if (!w || w.status !== 'processing') return;
  if (payout.status === 'completed') {
    transition(world, w, 'complete_payout', { completed_at: world.nowIso(), completed_by: w.approved_by });
    return;
  }
  // The merchant sold nothing: restore exactly what execute debited. If the treasury no longer holds it the move throws
  // and the whole result is rolled back (the payout stays processing), rather than restoring part of it.
  const treasury = treasuryMultisig(world, w.network);
  move(world, treasury.wallet_id, w.from_wallet_id, w.asset, w.usdt_amount, `${lockReference(w.id)} payout failed: restored`);
  transition(world, w, 'fail_payout', {});
}
