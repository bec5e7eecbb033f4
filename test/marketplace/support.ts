// Shared helpers of the marketplace tests: logins, fixtures, balances read from the running sandbox, and clock control.
import type { Client } from '../support/client.ts';
import type { RunningServer } from '../../src/server/start.ts';
import { balances, balanceRow, type CurrencyCode } from '../../src/domain/ledger.ts';
import { D } from '../../src/domain/money.ts';

export async function logins(api: Client) {
  const [vendor, subvendor, admin, alice, bob] = await Promise.all(['vendor', 'subvendor', 'admin', 'alice', 'bob'].map((u) => api.login(`${u}@coinpool.test`)));
  return { vendor, subvendor, admin, alice, bob };
}

export async function fixtures(api: Client) {
  const f = (await api.call('GET', '/__sandbox/fixtures')).body;
  const user = (email: string) => f.users.find((u: any) => u.email === email);
  const wallet = (email: string, network: string) => user(email).wallets.find((w: any) => w.network === network);
  const offer = (key: string) => f.offers.find((o: any) => o.key === key);
  const lane = (key: string) => ({ profile: f.pricing_profiles.find((p: any) => p.key === key).id, quote: f.fx_rate_quotes.find((q: any) => q.key === key).id });
  return { f, user, wallet, offer, lane };
}

export function balance(server: RunningServer, walletId: string, currency: CurrencyCode = 'USDT'): { amount: string; locked: string } {
  const row = balanceRow(server.sandbox.world, walletId, currency);
  return { amount: row.amount, locked: row.locked_amount };
}

/** Every balance of a currency summed (mint and burn are the only ways it changes). */
export const totalOf = (server: RunningServer, currency: CurrencyCode = 'USDT'): string =>
  balances(server.sandbox.world).filter((b) => b.currency === currency).reduce((a, b) => a.plus(b.amount), new D(0)).toFixed(8);

export const advance = (api: Client, seconds: number) => api.call('POST', '/__sandbox/clock/advance', { body: { seconds } });

/** Status of an order as its customer sees it. */
export async function orderStatus(api: Client, token: string, id: string): Promise<string> {
  const r = await api.call('GET', `/api/v1/auth/order/id/${id}/details`, { token });
  return r.body.status;
}
