// The control API's view of M-Pesa B2C payouts (GET /__sandbox/mpesa/b2c, POST .../{payout_id}/resolve). Only M-Pesa
// payouts are B2C: bank payouts share the table but have no Daraja result, so they are neither listed nor resolvable.
import type { World } from '../kernel/world.ts';
import { notFound } from '../kernel/errors.ts';
import { fiatPayouts, resolveFiatPayout, type FiatPayoutRow } from './mpesa-b2c.ts';

const view = ({ id, receipt, ...rest }: FiatPayoutRow) => ({ payout_id: id, transaction_id: receipt, ...rest });

export const listB2cPayouts = (world: World) => fiatPayouts(world).filter((p) => p.method === 'mpesa')
  .sort((a, b) => a.started_at.localeCompare(b.started_at)).map(view);

export function resolveB2cPayout(world: World, payoutId: string, resultCode: number) {
  const payout = fiatPayouts(world).get(payoutId);
  if (!payout || payout.method !== 'mpesa') throw notFound(`no M-Pesa B2C payout ${payoutId}`);
  return view(resolveFiatPayout(world, payoutId, resultCode));
}
