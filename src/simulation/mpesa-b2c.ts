// The M-Pesa B2C payout simulator (Daraja "Business to Customer"): the fiat leg of an off-ramp order. A payout is
// recorded when it starts, gets an M-Pesa-style receipt, and completes on the sandbox clock; in the sandbox it always
// succeeds. Bank payouts of remittances use the same record with method `bank`.
import type { World } from '../domain/world.ts';

export interface FiatPayoutRow {
  id: string;
  /** What is being paid out, e.g. `order`. */
  purpose: string;
  reference_id: string;
  method: 'mpesa' | 'bank';
  /** MSISDN digits (mpesa) or account number (bank). */
  destination: string;
  amount: string;
  currency: string;
  /** 10 upper-case alphanumerics, like an M-Pesa transaction id. */
  receipt: string;
  status: 'processing' | 'completed';
  started_at: string;
  completed_at: string | null;
}

export const fiatPayouts = (w: World) => w.table<FiatPayoutRow>('mpesa_b2c_payouts');

export function startFiatPayout(world: World, input: Pick<FiatPayoutRow, 'purpose' | 'reference_id' | 'method' | 'destination' | 'amount' | 'currency'>): FiatPayoutRow {
  return fiatPayouts(world).insert({
    id: world.random.uuid(), ...input, receipt: world.random.alnumUpper(10), status: 'processing', started_at: world.nowIso(), completed_at: null,
  });
}

export function completeFiatPayout(world: World, purpose: string, referenceId: string): FiatPayoutRow | undefined {
  const payout = fiatPayouts(world).find((p) => p.purpose === purpose && p.reference_id === referenceId && p.status === 'processing');
  return payout && fiatPayouts(world).update(payout.id, { status: 'completed', completed_at: world.nowIso() });
}
