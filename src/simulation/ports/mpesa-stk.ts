// The M-Pesa STK push simulator as the domain calls it: start a push for an order payment or a deposit, find the
// prompts started for one object, reverse a payment that came too late, and name who gets a push's result. The
// implementation is src/simulation/mpesa.ts; a world reaches it through stkOf(world).
import type { IndexRows } from '../../kernel/table-index.ts';
import type { World } from '../../kernel/world.ts';
import { hookKey } from '../../kernel/hooks.ts';

/** A type, not an interface, so that it is assignable where the control contract has a free-form object. */
export type StkCallback = {
  Body: {
    stkCallback: {
      MerchantRequestID: string;
      CheckoutRequestID: string;
      ResultCode: number;
      ResultDesc: string;
      CallbackMetadata?: { Item: { Name: string; Value?: string | number }[] };
    };
  };
};

export interface StkPromptRow {
  id: string; // = checkout_request_id
  merchant_request_id: string;
  phone_number: string;
  amount: string;          // whole KES, as Daraja takes it
  account_reference: string;
  purpose: string;         // 'order' | 'otc_deposit' | ...
  reference_id: string;
  /** reversed: it succeeded for something that could no longer take it, and the money went back (reverseStkPayment). */
  status: 'pending' | 'succeeded' | 'failed' | 'reversed';
  reversed_at?: string;
  reversal_reason?: string;
  result_code: number | null;
  result_desc: string | null;
  mpesa_receipt_number: string | null;
  callback: StkCallback | null;
  /** null when the phone number never calls back. */
  resolves_at: string | null;
  created_at: string;
  resolved_at: string | null;
}

export interface StkPushInput { phone_number: string; amount: string; account_reference: string; purpose: string; reference_id: string }

export interface StkPushResult {
  merchant_request_id: string;
  checkout_request_id: string;
  response_code: '0';
  response_description: string;
  customer_message: string;
}

/** What a resolved prompt does to the object it was started for; registered per purpose. */
export type StkResultHandler = (world: World, prompt: StkPromptRow) => void;

export interface MpesaStkPort {
  startPush(input: StkPushInput): StkPushResult;
  /** The prompts started for one object, oldest first. */
  promptsFor(purpose: string, referenceId: string): IndexRows<StkPromptRow>;
  /** Sends a payment that succeeded for something that can no longer take it back to the payer. */
  reverse(prompt: StkPromptRow, reason: string): StkPromptRow;
  /** Who gets the result of a push started for `purpose`. */
  onResult(purpose: string, handler: StkResultHandler): void;
}

export const MPESA_STK_PORT = hookKey<MpesaStkPort>('simulation.mpesa-stk');
export const stkOf = (world: World): MpesaStkPort => world.hooks.use(MPESA_STK_PORT);
