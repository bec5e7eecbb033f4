// Balance rows: one per (wallet, currency), the currencies a wallet holds, and a wallet's rows in currency order.
// Split from ledger.ts (the movements) so that wallets.ts can open a new wallet's rows without importing the ledger,
// which itself finds wallets by address: the two files imported each other.
import type { World } from '../kernel/world.ts';
import { ZERO8 } from '../kernel/money.ts';
import type { WalletNetwork } from '../kernel/addresses.ts';
import { defineIndex, type IndexRows } from '../kernel/table-index.ts';

export type CurrencyCode = 'ETH' | 'TRX' | 'SOL' | 'USDT' | 'USDC';
export const NATIVE: Record<WalletNetwork, CurrencyCode> = { ethereum: 'ETH', tron: 'TRX', solana: 'SOL' };
export const WALLET_CURRENCIES = (network: WalletNetwork): CurrencyCode[] => [NATIVE[network], 'USDT', 'USDC'];

/** Reference USD prices for usd_value (sandbox constants; the real service reads a price feed). */
export const USD_PRICE: Record<CurrencyCode, string> = { ETH: '3000.00', TRX: '0.25', SOL: '150.00', USDT: '1.00', USDC: '1.00' };

export interface BalanceRow {
  id: string;
  user_id: string;
  wallet_id: string;
  currency: CurrencyCode;
  amount: string;
  locked_amount: string;
  updated_at: string;
}

export const balances = (w: World) => w.table<BalanceRow>('balances');
const CURRENCY_ORDER = ['ETH', 'TRX', 'SOL', 'USDT', 'USDC'];
const BALANCES_BY_WALLET = defineIndex<BalanceRow>('balances by wallet', (b) => [b.wallet_id],
  (a, b) => CURRENCY_ORDER.indexOf(a.currency) - CURRENCY_ORDER.indexOf(b.currency));

/** A new wallet's currencies, listed once per network (every registration opens six rows). */
const OPENED: Record<WalletNetwork, CurrencyCode[]> = { ethereum: WALLET_CURRENCIES('ethereum'), tron: WALLET_CURRENCIES('tron'), solana: WALLET_CURRENCIES('solana') };

export function openBalanceRows(world: World, userId: string, walletId: string, network: WalletNetwork): BalanceRow[] {
  const table = balances(world);
  // ZERO8 is fmt8(0) as text: no Decimal built per row
  return OPENED[network].map((currency) => table.insert({
    id: world.random.uuid(), user_id: userId, wallet_id: walletId, currency,
    amount: ZERO8, locked_amount: ZERO8, updated_at: world.nowIso(),
  }));
}

/** A wallet's balance rows, native currency first (the index itself: read-only). */
export function walletBalances(world: World, walletId: string): IndexRows<BalanceRow> {
  return balances(world).index(BALANCES_BY_WALLET).rows(walletId);
}
