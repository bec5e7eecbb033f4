// Wire shapes of users, wallets and balances, as the contract documents them.
import type { World } from '../../kernel/world.ts';
import type { UserRow } from '../../domain/users.ts';
import { walletBalances, type WalletRow } from '../../domain/wallets.ts';
import { USD_PRICE, type BalanceRow } from '../../domain/ledger.ts';
import { fmt2, dec, ZERO8 } from '../../kernel/money.ts';
import { dbTimestamp } from './db-timestamp.ts';

export const userView = (u: UserRow) => ({
  id: u.id, email: u.email, phone_number: u.phone_number, first_name: u.first_name, last_name: u.last_name,
  role: u.role, kyc_status: u.kyc_status,
});

export const walletView = (w: WalletRow) => ({
  id: w.id, user_id: w.user_id, name: w.name, address: w.address, wallet_type: w.wallet_type, network: w.network,
  is_default: w.is_default, is_active: w.is_active, created_at: dbTimestamp(w.created_at),
});

/** A balance's value in USD; an empty balance (every new wallet's) is worth 0.00 without three Decimals. */
const usdValue = (b: BalanceRow): string => (b.amount === ZERO8 ? '0.00' : fmt2(dec(b.amount).times(USD_PRICE[b.currency])));

export const balanceView = (b: BalanceRow) => ({
  id: b.id, user_id: b.user_id, wallet_id: b.wallet_id, currency: b.currency, token_type: b.currency, token_symbol: b.currency,
  amount: b.amount, usd_value: usdValue(b), locked_amount: b.locked_amount,
  last_price_usd: USD_PRICE[b.currency],
});

export const walletWithBalancesView = (world: World, w: WalletRow) => ({
  wallet: walletView(w),
  balances: walletBalances(world, w.id).map(balanceView),
});
