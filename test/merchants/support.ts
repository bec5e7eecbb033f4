// Shared helpers of the merchants-area tests: logins, fixtures, balances read from the running sandbox's ledger.

export { logins, fixtures, balance, held, advance } from '../support/seeded.ts';

let n = 0;
/** A fresh merchant body with a unique email and phone number (each test file has its own world). */
export function merchantBody(extra: Record<string, unknown> = {}) {
  n += 1;
  return {
    email: `m${n}@shop.test`, phone_number: `+2547990${String(n).padStart(5, '0')}`,
    first_name: 'Mia', last_name: `Shop ${n}`, password: 'secret-pass', kyc_status: 'approved', pin: '123456', ...extra,
  };
}
