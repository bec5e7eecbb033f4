// The control API's view of M-Pesa B2C payouts (GET /__sandbox/mpesa/b2c, POST .../{payout_id}/resolve). Only M-Pesa
// payouts are B2C: bank payouts share the table but have no Daraja result, so they are neither listed nor resolvable.
import type { World } from '../kernel/world.ts';
import { notFound } from '../kernel/errors.ts';
import { fiatPayouts, resolveFiatPayout, type FiatPayoutRow } from './mpesa-b2c.ts';

/** An M-Pesa payout: Daraja named its request, so both conversation ids are set (they are null for bank payouts only). */
type B2cPayoutRow = FiatPayoutRow & { method: 'mpesa'; originator_conversation_id: string; conversation_id: string };
const isB2c = (p: FiatPayoutRow | undefined): p is B2cPayoutRow =>
  p?.method === 'mpesa' && p.originator_conversation_id !== null && p.conversation_id !== null;

const view = ({ id, receipt, ...rest }: B2cPayoutRow) => ({ payout_id: id, transaction_id: receipt, ...rest });

export const listB2cPayouts = (world: World) => fiatPayouts(world).all().filter(isB2c)
  .sort((a, b) => a.started_at.localeCompare(b.started_at)).map(view);

export function resolveB2cPayout(world: World, payoutId: string, resultCode: number) {
  if (!isB2c(fiatPayouts(world).get(payoutId))) throw notFound(`no M-Pesa B2C payout ${payoutId}`);
  const resolved = resolveFiatPayout(world, payoutId, resultCode);
  if (!isB2c(resolved)) throw new Error(`B2C payout ${payoutId} lost its M-Pesa fields on resolving`);
  return view(resolved);
}
