// The schemas of what the sandbox sends out (contracts/events/*.json): partner webhook `data` objects and the Daraja
// STK callback and B2C result. Outgoing payloads are checked against them like responses: a mismatch is a sandbox bug.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { toDetails, type ErrorDetail } from './validation.ts';
import envelope from '../../contracts/events/webhook-envelope.json' with { type: 'json' };
import stkCallback from '../../contracts/events/mpesa.stk-callback.json' with { type: 'json' };
import b2cResult from '../../contracts/events/mpesa.b2c-result.json' with { type: 'json' };
import orderStatusChanged from '../../contracts/events/order.status_changed.json' with { type: 'json' };
import paymentStatusChanged from '../../contracts/events/payment.status_changed.json' with { type: 'json' };
import payoutStatusChanged from '../../contracts/events/payout.status_changed.json' with { type: 'json' };
import c2bPaymentSettled from '../../contracts/events/c2b.payment.settled.json' with { type: 'json' };
import otcSubmitted from '../../contracts/events/otc.deposit.submitted_for_review.json' with { type: 'json' };
import otcProofAttached from '../../contracts/events/otc.deposit.proof_attached.json' with { type: 'json' };
import otcSettled from '../../contracts/events/otc.deposit.settlement_completed.json' with { type: 'json' };

/** Webhook event type → schema of its `data`. */
const EVENT_DATA_SCHEMAS: Record<string, object> = {
  'order.status_changed': orderStatusChanged,
  'payment.status_changed': paymentStatusChanged,
  'payout.status_changed': payoutStatusChanged,
  'c2b.payment.settled': c2bPaymentSettled,
  'otc.deposit.submitted_for_review': otcSubmitted,
  'otc.deposit.proof_attached': otcProofAttached,
  'otc.deposit.settlement_completed': otcSettled,
};

export const EVENT_TYPES = Object.keys(EVENT_DATA_SCHEMAS);

let compiled: { events: Map<string, ValidateFunction>; envelope: ValidateFunction; stk: ValidateFunction; b2c: ValidateFunction } | null = null;

function validators() {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);
    compiled = {
      events: new Map(Object.entries(EVENT_DATA_SCHEMAS).map(([type, schema]) => [type, ajv.compile(schema)])),
      envelope: ajv.compile(envelope),
      stk: ajv.compile(stkCallback),
      b2c: ajv.compile(b2cResult),
    };
  }
  return compiled;
}

/** Violations of an event's data; an event type with no schema is itself a violation. */
export function checkEventData(type: string, data: unknown): ErrorDetail[] {
  const validate = validators().events.get(type);
  if (!validate) return [{ location: 'body', pointer: '/', reason: `event type ${type} has no schema in contracts/events` }];
  return validate(data) ? [] : toDetails(validate.errors, 'body');
}

export function checkStkCallback(body: unknown): ErrorDetail[] {
  const validate = validators().stk;
  return validate(body) ? [] : toDetails(validate.errors, 'body');
}

export function checkB2cResult(body: unknown): ErrorDetail[] {
  const validate = validators().b2c;
  return validate(body) ? [] : toDetails(validate.errors, 'body');
}

export function checkEnvelope(body: unknown): ErrorDetail[] {
  const validate = validators().envelope;
  return validate(body) ? [] : toDetails(validate.errors, 'body');
}
