// The M-Pesa B2C payout simulator (Daraja "Business to Customer"): the fiat leg of an off-ramp order or an OTC
// withdrawal. A payout is recorded when it starts and reports its Daraja result on the sandbox clock (or at once through
// the control API); the M-Pesa number's ending chooses the outcome (see B2C_OUTCOMES), like the STK simulator's.
// The result is handed to whoever started the payout through the purpose registry. Bank payouts of remittances use the
// same record with method `bank`: they have no Daraja result and always succeed.
import type { World } from '../kernel/world.ts';
import { conflict, notFound } from '../kernel/errors.ts';
import { dec } from '../kernel/money.ts';
import { hookKey } from '../kernel/hooks.ts';
import { checkOwnPayload } from './own-payloads.ts';
import { B2C_NEVER_REPORTS_SUFFIX, B2C_OUTCOMES, b2cResultDesc } from './mpesa-b2c-outcomes.ts';
import {
  MPESA_B2C_PORT, type B2cResult, type B2cResultHandler, type FiatPayoutRow, type MpesaB2cPort, type StartPayoutInput,
} from './ports/mpesa-b2c.ts';
import { outcomeByEnding } from './daraja-outcomes.ts';
import { nairobiStamp } from './daraja-time.ts';

export { B2C_OUTCOMES, B2C_NEVER_REPORTS_SUFFIX, type B2cOutcome } from './mpesa-b2c-outcomes.ts';
export type { B2cResult, FiatPayoutRow, FiatPayoutStatus, StartPayoutInput } from './ports/mpesa-b2c.ts';

export const fiatPayouts = (w: World) => w.table<FiatPayoutRow>('mpesa_b2c_payouts');

export const B2C_RESOLVE_JOB = 'mpesa.b2c.resolve';

/** Who gets the result of a payout started for `purpose`: registered on the world by each area's install. */
const PURPOSES = hookKey<B2cResultHandler>('mpesa.b2c-result');

/** TransactionCompletedDateTime: dd.MM.yyyy HH:mm:ss, Nairobi time. */
function completedDateTime(world: World): string {
  const t = nairobiStamp(world);
  return `${t.slice(6, 8)}.${t.slice(4, 6)}.${t.slice(0, 4)} ${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}`;
}

/** Records a payout and schedules its result at `reportsAtMs` (never, for an M-Pesa number ending in 9999). */
export function startFiatPayout(world: World, input: StartPayoutInput, reportsAtMs: number): FiatPayoutRow {
  const mpesa = input.method === 'mpesa';
  const outcome = mpesa ? outcomeByEnding(B2C_OUTCOMES, B2C_NEVER_REPORTS_SUFFIX, input.destination) : { result_code: 0 };
  const payout = fiatPayouts(world).insert({
    id: world.random.uuid(), ...input, receipt: world.random.alnumUpper(10),
    originator_conversation_id: mpesa ? `${world.random.hex(4)}-${world.random.hex(4)}-${world.random.hex(4)}-${world.random.hex(12)}${world.random.digits(7)}` : null,
    conversation_id: mpesa ? `AG_${nairobiStamp(world).slice(0, 8)}_${world.random.hex(20)}` : null,
    status: 'processing', result_code: null, result_desc: null, result: null,
    resolves_at: outcome ? world.clock.iso(reportsAtMs) : null, started_at: world.nowIso(), completed_at: null, resolved_at: null,
  });
  if (outcome) world.scheduler.schedule(B2C_RESOLVE_JOB, reportsAtMs, { payout_id: payout.id, result_code: outcome.result_code });
  return payout;
}

function resultBody(world: World, p: FiatPayoutRow, code: number, desc: string): B2cResult {
  return {
    Result: {
      ResultType: 0, ResultCode: code, ResultDesc: desc,
      OriginatorConversationID: p.originator_conversation_id!, ConversationID: p.conversation_id!, TransactionID: p.receipt,
      ...(code === 0 ? {
        ResultParameters: {
          ResultParameter: [
            { Key: 'TransactionAmount', Value: dec(p.amount).toNumber() },
            { Key: 'TransactionReceipt', Value: p.receipt },
            { Key: 'ReceiverPartyPublicName', Value: `${p.destination} - M-PESA CUSTOMER` },
            { Key: 'TransactionCompletedDateTime', Value: completedDateTime(world) },
            { Key: 'B2CRecipientIsRegisteredCustomer', Value: 'Y' },
          ],
        },
      } : {}),
    },
  };
}

/** Reports a processing payout's result now. A payout reports once: a second (late or duplicate) result is refused. */
export function resolveFiatPayout(world: World, payoutId: string, resultCode: number): FiatPayoutRow {
  const payout = fiatPayouts(world).get(payoutId);
  if (!payout) throw notFound(`no B2C payout ${payoutId}`);
  if (payout.status !== 'processing') throw conflict(`B2C payout ${payoutId} is already ${payout.status}`, payout.status);
  const success = resultCode === 0;
  const desc = b2cResultDesc(resultCode);
  let result: B2cResult | null = null;
  if (payout.method === 'mpesa') {
    result = resultBody(world, payout, resultCode, desc);
    checkOwnPayload(world, 'mpesa.b2c-result', result, (v) => `B2C result violates contracts/events/mpesa.b2c-result.json: ${v}`);
  }
  world.scheduler.cancel(B2C_RESOLVE_JOB, (j) => j.payload.payout_id === payout.id);
  const now = world.nowIso();
  const resolved = fiatPayouts(world).update(payout.id, {
    status: success ? 'completed' : 'failed', result_code: resultCode, result_desc: desc, result,
    completed_at: success ? now : null, resolved_at: now,
  });
  world.hooks.handler(PURPOSES, resolved.purpose)?.(world, resolved);
  world.emit('payout.status_changed', {
    payout_id: resolved.id, purpose: resolved.purpose, reference_id: resolved.reference_id, method: resolved.method,
    destination: resolved.destination, amount: resolved.amount, currency: resolved.currency, status: resolved.status,
    result_code: resultCode, result_desc: desc, transaction_id: resolved.receipt, conversation_id: resolved.conversation_id,
  });
  return resolved;
}

export function installMpesaB2c(world: World): void {
  const port: MpesaB2cPort = {
    startPayout: (input, reportsAtMs) => startFiatPayout(world, input, reportsAtMs),
    onResult: (purpose, handler) => world.hooks.on(PURPOSES, purpose, handler),
  };
  world.hooks.provide(MPESA_B2C_PORT, port);
  world.scheduler.define(B2C_RESOLVE_JOB, (payload) => {
    const payout = fiatPayouts(world).get(payload.payout_id as string);
    if (payout?.status === 'processing') resolveFiatPayout(world, payout.id, payload.result_code as number);
  });
}
