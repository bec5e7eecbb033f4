// Shared helpers of the merchants-area tests: logins, fixtures, balances read from the running sandbox's ledger.
import type { Client } from '../support/client.ts';
import type { RunningServer } from '../../src/server/start.ts';
import { balanceRow, totalHeld, type CurrencyCode } from '../../src/domain/ledger.ts';

export async function logins(api: Client) {
  const emails = ['admin', 'treasury', 'officer', 'vendor', 'subvendor', 'alice', 'bob'];
  const tokens = await Promise.all(emails.map((u) => api.login(`${u}@coinpool.test`)));
  return Object.fromEntries(emails.map((u, i) => [u, tokens[i]])) as Record<'admin' | 'treasury' | 'officer' | 'vendor' | 'subvendor' | 'alice' | 'bob', string>;
}

export async function fixtures(api: Client) {
  const f = (await api.call('GET', '/__sandbox/fixtures')).body;
  const user = (key: string) => f.users.find((u: any) => u.email === `${key}@coinpool.test`);
  const wallet = (key: string, network: string) => user(key).wallets.find((w: any) => w.network === network);
  const merchantMultisig = (key: string) => f.merchant_multisig_wallets.find((m: any) => m.key === key);
  const lane = (key: string) => ({ profile: f.pricing_profiles.find((p: any) => p.key === key).id, quote: f.fx_rate_quotes.find((q: any) => q.key === key).id });
  return { f, user, wallet, merchantMultisig, lane };
}

/** amount and locked of one currency of a wallet. */
export function balance(server: RunningServer, walletId: string, currency: CurrencyCode = 'USDT'): { amount: string; locked: string } {
  const row = balanceRow(server.sandbox.world, walletId, currency);
  return { amount: row.amount, locked: row.locked_amount };
}

/** Every unit of a currency on the sandbox's books: changed only by money entering (faucet) or leaving (external sends). */
export const held = (server: RunningServer, currency: CurrencyCode = 'USDT'): string => totalHeld(server.sandbox.world, currency).toFixed(8);

export async function advance(api: Client, seconds: number): Promise<void> {
  const r = await api.call('POST', '/__sandbox/clock/advance', { body: { seconds } });
  if (r.status !== 200) throw new Error(`advance: ${r.status} ${JSON.stringify(r.body)}`);
}

let n = 0;
/** A fresh merchant body with a unique email and phone number (each test file has its own world). */
export function merchantBody(extra: Record<string, unknown> = {}) {
  n += 1;
  return {
    email: `m${n}@shop.test`, phone_number: `+2547990${String(n).padStart(5, '0')}`,
    first_name: 'Mia', last_name: `Shop ${n}`, password: 'secret-pass', kyc_status: 'approved', pin: '123456', ...extra,
  };
}
