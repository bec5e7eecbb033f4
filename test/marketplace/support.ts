// Shared helpers of the marketplace tests: logins, fixtures, balances read from the running sandbox, and clock control.
import type { Client } from '../support/client.ts';

export { logins, fixtures, balance, advance, held as totalOf, fiatFor } from '../support/seeded.ts';

/** Status of an order as its customer sees it. */
export async function orderStatus(api: Client, token: string, id: string): Promise<string> {
  const r = await api.call('GET', `/api/v1/auth/order/id/${id}/details`, { token });
  return r.body.status;
}
