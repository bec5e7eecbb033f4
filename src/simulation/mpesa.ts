// The M-Pesa STK push simulator (Daraja-shaped). A push creates a prompt on the customer's phone; the prompt resolves
// on the sandbox clock (5 s after initiation by default) into a Daraja callback whose outcome the phone number's
// ending chooses (see STK_OUTCOMES), or at once through the control API. The callback is handed to whoever started
// the push (an order payment, an OTC mobile-money deposit) through the purpose registry.
import type { World } from '../kernel/world.ts';
import { conflict, notFound } from '../kernel/errors.ts';
import { hookKey } from '../kernel/hooks.ts';
import { checkOwnPayload } from './own-payloads.ts';
import { outcomeByEnding, type DarajaOutcome } from './daraja-outcomes.ts';
import { nairobiStamp } from './daraja-time.ts';
import { defineIndex, type IndexRows } from '../kernel/table-index.ts';
import {
  MPESA_STK_PORT, type MpesaStkPort, type StkCallback, type StkPromptRow, type StkPushInput, type StkPushResult, type StkResultHandler,
} from './ports/mpesa-stk.ts';

export type { StkCallback, StkPromptRow, StkPushResult } from './ports/mpesa-stk.ts';

export const STK_RESOLVE_AFTER_S = 5;

export type StkOutcome = DarajaOutcome;

/** Magic phone endings → Daraja result. `9999` never calls back; anything else succeeds. */
export const STK_OUTCOMES: StkOutcome[] = [
  { suffix: '1032', result_code: 1032, result_desc: 'Request cancelled by user', label: 'cancelled' },
  { suffix: '1037', result_code: 1037, result_desc: 'DS timeout user cannot be reached', label: 'timeout' },
  { suffix: '0001', result_code: 1, result_desc: 'The balance is insufficient for the transaction.', label: 'insufficient_funds' },
  { suffix: '2001', result_code: 2001, result_desc: 'The initiator information is invalid.', label: 'wrong_pin' },
  { suffix: '1019', result_code: 1019, result_desc: 'Transaction has expired', label: 'expired' },
  { suffix: null, result_code: 0, result_desc: 'The service request is processed successfully.', label: 'success' },
];
export const NEVER_CALLS_BACK_SUFFIX = '9999';

export function outcomeForCode(code: number): StkOutcome {
  return STK_OUTCOMES.find((o) => o.result_code === code)
    ?? { suffix: null, result_code: code, result_desc: `Simulated failure with ResultCode ${code}`, label: 'failed' };
}

export const stkPrompts = (w: World) => w.table<StkPromptRow>('stk_prompts');
/** The prompts started for one object ('order:<id>'), oldest first. */
const PROMPTS_BY_REFERENCE = defineIndex<StkPromptRow>('stk prompts by reference', (p) => [`${p.purpose}:${p.reference_id}`]);
export const promptsFor = (world: World, purpose: string, referenceId: string): IndexRows<StkPromptRow> =>
  stkPrompts(world).index(PROMPTS_BY_REFERENCE).rows(`${purpose}:${referenceId}`);

/** Who gets the callback of a push started for `purpose`: registered on the world by each area's install. */
const PURPOSES = hookKey<StkResultHandler>('mpesa.stk-result');

/** Checkout ids put the Nairobi time day first (ddMMyyyyHHmmss): the docs' `ws_CO_12122025125158682727648169`. */
function checkoutTime(world: World): string {
  const t = nairobiStamp(world);
  return t.slice(6, 8) + t.slice(4, 6) + t.slice(0, 4) + t.slice(8);
}

export function startStkPush(world: World, input: StkPushInput): StkPushResult {
  const phone = input.phone_number.replace(/\D/g, '');
  // The 3 digits are the world's count of pushes (wider past 999), so two pushes can never share an id, even to one
  // phone in one frozen second: time and phone have fixed widths, the count in between is unique.
  const checkout = `ws_CO_${checkoutTime(world)}${String(world.nextSequence('stk_checkout')).padStart(3, '0')}${phone.slice(-9)}`;
  const merchant = `${world.random.hex(4)}-${world.random.hex(4)}-${world.random.hex(4)}-${world.random.hex(12)}${world.random.digits(4)}`;
  const outcome = outcomeByEnding(STK_OUTCOMES, NEVER_CALLS_BACK_SUFFIX, phone);
  const due = world.clock.nowMs() + STK_RESOLVE_AFTER_S * 1000;
  stkPrompts(world).insert({
    id: checkout, merchant_request_id: merchant, phone_number: phone, amount: input.amount, account_reference: input.account_reference,
    purpose: input.purpose, reference_id: input.reference_id, status: 'pending', result_code: null, result_desc: null,
    mpesa_receipt_number: null, callback: null, resolves_at: outcome ? world.clock.iso(due) : null, created_at: world.nowIso(), resolved_at: null,
  });
  if (outcome) world.scheduler.schedule('mpesa.stk.resolve', due, { checkout_request_id: checkout, result_code: outcome.result_code });
  return {
    merchant_request_id: merchant,
    checkout_request_id: checkout,
    response_code: '0',
    response_description: 'Success. Request accepted for processing',
    customer_message: 'Success. Request accepted for processing',
  };
}

/** Resolves a pending prompt now. A prompt resolves once: a second (late or duplicate) callback is refused. */
export function resolveStkPrompt(world: World, checkoutRequestId: string, resultCode: number): StkPromptRow {
  const prompt = stkPrompts(world).get(checkoutRequestId);
  if (!prompt) throw notFound(`no STK prompt ${checkoutRequestId}`);
  if (prompt.status !== 'pending') throw conflict(`STK prompt ${checkoutRequestId} is already ${prompt.status}`, prompt.status);
  const outcome = outcomeForCode(resultCode);
  const success = outcome.result_code === 0;
  const receipt = success ? world.random.alnumUpper(10) : null;
  const callback: StkCallback = {
    Body: {
      stkCallback: {
        MerchantRequestID: prompt.merchant_request_id,
        CheckoutRequestID: prompt.id,
        ResultCode: outcome.result_code,
        ResultDesc: outcome.result_desc,
        ...(success ? {
          CallbackMetadata: {
            Item: [
              { Name: 'Amount', Value: Number(prompt.amount) },
              { Name: 'MpesaReceiptNumber', Value: receipt! },
              { Name: 'Balance' },
              { Name: 'TransactionDate', Value: Number(nairobiStamp(world)) },
              { Name: 'PhoneNumber', Value: Number(prompt.phone_number) },
            ],
          },
        } : {}),
      },
    },
  };
  checkOwnPayload(world, 'mpesa.stk-callback', callback, (v) => `STK callback violates contracts/events/mpesa.stk-callback.json: ${v}`);
  world.scheduler.cancel('mpesa.stk.resolve', (j) => j.payload.checkout_request_id === prompt.id);
  const resolved = stkPrompts(world).update(prompt.id, {
    status: success ? 'succeeded' : 'failed', result_code: outcome.result_code, result_desc: outcome.result_desc,
    mpesa_receipt_number: receipt, callback, resolved_at: world.nowIso(),
  });
  world.hooks.handler(PURPOSES, prompt.purpose)?.(world, resolved);
  const event = {
    checkout_request_id: resolved.id, merchant_request_id: resolved.merchant_request_id, purpose: resolved.purpose,
    reference_id: resolved.reference_id, status: resolved.status, result_code: outcome.result_code, result_desc: outcome.result_desc,
    mpesa_receipt_number: receipt, amount: resolved.amount, phone_number: resolved.phone_number,
  };
  world.emit('payment.status_changed', event);
  // The purpose may have turned the payment back (a late success for a cancelled order): the partner hears that too.
  const after = stkPrompts(world).get(prompt.id)!;
  if (after.status === 'reversed') world.emit('payment.status_changed', { ...event, status: 'reversed' });
  return after;
}

// A payment that succeeds for something that can no longer take it: the customer cancelled the order (or it expired)
// while the M-Pesa prompt was still open, and the PIN was entered afterwards. A real service does not keep that money:
// it reverses the transaction (Daraja's Transaction Reversal API) back to the payer. The sandbox does so at once: the
// prompt ends `reversed` with the reason, its receipt kept (the payer saw it), and a payment.status_changed event with
// status `reversed` follows the `succeeded` one. Nothing moves in the ledger: M-Pesa shillings are outside the books.
export function reverseStkPayment(world: World, prompt: StkPromptRow, reason: string): StkPromptRow {
  return stkPrompts(world).update(prompt.id, { status: 'reversed', reversed_at: world.nowIso(), reversal_reason: reason });
}

export function installMpesa(world: World): void {
  const port: MpesaStkPort = {
    startPush: (input) => startStkPush(world, input),
    promptsFor: (purpose, referenceId) => promptsFor(world, purpose, referenceId),
    reverse: (prompt, reason) => reverseStkPayment(world, prompt, reason),
    onResult: (purpose, handler) => world.hooks.on(PURPOSES, purpose, handler),
  };
  world.hooks.provide(MPESA_STK_PORT, port);
  world.scheduler.define('mpesa.stk.resolve', (payload) => {
    const prompt = stkPrompts(world).get(payload.checkout_request_id as string);
    if (prompt?.status === 'pending') resolveStkPrompt(world, prompt.id, payload.result_code as number);
  });
}
