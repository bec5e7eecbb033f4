// Balance rows: one per (wallet, currency), the currencies a wallet holds, and a wallet's rows in currency order.
// Split from ledger.ts (the movements) so that wallets.ts can open a new wallet's rows without importing the ledger,
// which itself finds wallets by address: the two files imported each other.
import type { World } from '../kernel/world.ts';
import { fmt8 } from '../kernel/money.ts';
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

export function openBalanceRows(world: World, userId: string, walletId: string, network: WalletNetwork): BalanceRow[] {
  return WALLET_CURRENCIES(network).map((currency) => balances(world).insert({
    id: world.random.uuid(), user_id: userId, wallet_id: walletId, currency,
    amount: fmt8(0), locked_amount: fmt8(0), updated_at: world.nowIso(),
  }));
}

/** A wallet's balance rows, native currency first (the index itself: read-only). */
export function walletBalances(world: World, walletId: string): IndexRows<BalanceRow> {
  return balances(world).index(BALANCES_BY_WALLET).rows(walletId);
}
