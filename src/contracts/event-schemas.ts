// The schemas of what the sandbox sends out (contracts/events/*.json), by the name the checks use. Read by events.ts
// and by the build that precompiles them (scripts/build-validators.ts).
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
export const EVENT_DATA_SCHEMAS: Record<string, object> = {
  'order.status_changed': orderStatusChanged,
  'payment.status_changed': paymentStatusChanged,
  'payout.status_changed': payoutStatusChanged,
  'c2b.payment.settled': c2bPaymentSettled,
  'otc.deposit.submitted_for_review': otcSubmitted,
  'otc.deposit.proof_attached': otcProofAttached,
  'otc.deposit.settlement_completed': otcSettled,
};

/** Every outgoing schema by key: the event types above plus the envelope and the two Daraja callbacks. */
export const OUTGOING_SCHEMAS: Record<string, object> = {
  ...EVENT_DATA_SCHEMAS,
  'webhook-envelope': envelope,
  'mpesa.stk-callback': stkCallback,
  'mpesa.b2c-result': b2cResult,
};
