// The seeded world as the area tests use it: every seeded user logged in, fixture lookups by key or email, and
// balances read from a running sandbox's ledger.
import Decimal from 'decimal.js';
import type { Client } from './client.ts';
import type { RunningServer } from '../../src/server/start.ts';
import { balanceRow, totalHeld, type CurrencyCode } from '../../src/domain/ledger.ts';

export const SEEDED_USERS = ['admin', 'treasury', 'officer', 'vendor', 'subvendor', 'alice', 'bob'] as const;
export type SeededUser = (typeof SEEDED_USERS)[number];

/** An access token for every seeded user, by the local part of their email. */
export async function logins(api: Client): Promise<Record<SeededUser, string>> {
  const tokens = await Promise.all(SEEDED_USERS.map((u) => api.login(`${u}@coinpool.test`)));
  return Object.fromEntries(SEEDED_USERS.map((u, i) => [u, tokens[i]])) as Record<SeededUser, string>;
}

/** GET /__sandbox/fixtures with lookups; a user is named by email or by its local part ('vendor'). */
export async function fixtures(api: Client) {
  const f = (await api.call('GET', '/__sandbox/fixtures')).body;
  const user = (who: string) => f.users.find((u: any) => u.email === (who.includes('@') ? who : `${who}@coinpool.test`));
  const wallet = (who: string, network: string) => user(who).wallets.find((w: any) => w.network === network);
  const offer = (key: string) => f.offers.find((o: any) => o.key === key);
  const lane = (key: string) => ({ profile: f.pricing_profiles.find((p: any) => p.key === key).id, quote: f.fx_rate_quotes.find((q: any) => q.key === key).id });
  const multisig = (network: string) => f.multisig_wallets.find((m: any) => m.network === network);
  const merchantMultisig = (key: string) => f.merchant_multisig_wallets.find((m: any) => m.key === key);
  return { f, user, wallet, offer, lane, multisig, merchantMultisig };
}

/** amount and locked_amount of one currency of a wallet. */
export function balance(server: RunningServer, walletId: string, currency: CurrencyCode = 'USDT'): { amount: string; locked: string } {
  const row = balanceRow(server.sandbox.world, walletId, currency);
  return { amount: row.amount, locked: row.locked_amount };
}

/** Every unit of a currency on the sandbox's books: changed only by money entering (faucet) or leaving (external sends). */
export const held = (server: RunningServer, currency: CurrencyCode = 'USDT'): string => totalHeld(server.sandbox.world, currency).toFixed(8);

export async function advance(api: Client, seconds: number) {
  const r = await api.call('POST', '/__sandbox/clock/advance', { body: { seconds } });
  if (r.status !== 200) throw new Error(`advance: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/** The fiat_amount an order must carry: its crypto amount at the offer's rate, to the cent (rounded half up). */
export const fiatFor = (offer: { rate: string }, cryptoAmount: string | number): string =>
  new Decimal(cryptoAmount).times(offer.rate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/** A 10 USDT on-ramp order of Alice's at the seeded vendor's SELL offer, paid by M-Pesa (201 expected): its body. */
export async function aliceOrder(api: Client, token: string, seeded: { users: any[]; offers: any[] }) {
  const me = seeded.users.find((u) => u.email === 'alice@coinpool.test');
  const offer = seeded.offers.find((o) => o.key === 'vendor_sell_usdt');
  const order = await api.call('POST', '/api/v1/auth/orders', { token, body: {
    customer_id: me.id, vendor_id: offer.vendor_id, offer_id: offer.id, usdt_amount: '10.00', fiat_amount: fiatFor(offer, '10.00'),
    fiat_currency: 'KES', wallet_address: me.wallets.find((w: any) => w.network === 'tron').address,
    payment_method: 'mpesa', order_type: 'ON_RAMP_BUY' } });
  if (order.status !== 201) throw new Error(`order: ${order.status} ${JSON.stringify(order.body)}`);
  return order.body;
}
