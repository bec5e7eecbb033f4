// What a simulated M-Pesa B2C payout reports: the magic endings of the payout number and Daraja's B2C result codes.
// Descriptions are Daraja's own (developer.safaricom.co.ke, Business To Customer, "Result Codes"), trailing full stops
// included, so a partner matching on ResultDesc sees what production sends.
import type { DarajaOutcome } from './daraja-outcomes.ts';

export type B2cOutcome = DarajaOutcome;

/** Magic payout-number endings → Daraja result (see outcomeByEnding). `9999` never reports; anything else succeeds. */
export const B2C_OUTCOMES: B2cOutcome[] = [
  { suffix: '2040', result_code: 2040, label: 'recipient_not_registered',
    result_desc: 'Credit Party customer type (Unregistered or Registered Customer) can\'t be supported by the service.' },
  { suffix: '0001', result_code: 1, label: 'insufficient_funds', result_desc: 'The balance is insufficient for the transaction.' },
  { suffix: '2001', result_code: 2001, label: 'invalid_initiator', result_desc: 'The initiator information is invalid.' },
  { suffix: null, result_code: 0, label: 'success', result_desc: 'The service request is processed successfully.' },
];
export const B2C_NEVER_REPORTS_SUFFIX = '9999';

/** Daraja's other documented B2C result codes, for a result chosen through the control API. */
const OTHER_DARAJA_RESULTS: Record<number, string> = {
  2: 'Declined due to limit rule',
  3: 'Declined due to limit rule: greater than the maximum transaction amount.',
  4: 'Declined due to limit rule: would exceed daily transfer limit',
  8: 'Declined due to limit rule: would exceed the maximum balance.',
  11: 'The DebitParty is in an invalid state.',
  21: 'The initiator is not allowed to initiate this request',
  2006: 'Declined due to account rule: The account status does not allow this transaction.',
  2028: 'The request is not permitted according to product assignment.',
  8006: 'The security credential is locked',
};

export function b2cResultDesc(code: number): string {
  return B2C_OUTCOMES.find((o) => o.result_code === code)?.result_desc ?? OTHER_DARAJA_RESULTS[code] ?? `Simulated failure with ResultCode ${code}`;
}
