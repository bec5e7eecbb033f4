// Wallet balances: one row per (wallet, currency) with `amount` (total held) and `locked_amount` (the part reserved
// for pending operations, included in amount). Every movement of money goes through here, and every movement is
// journalled as a ledger entry, so that tests can check that no money is created or lost.
import type { World } from '../kernel/world.ts';
import Decimal from 'decimal.js';
import { D, dec, fmt8, ZERO8, type Dec } from '../kernel/money.ts';
import { unprocessable, insufficientBalance } from '../kernel/errors.ts';
import { defineIndex } from '../kernel/table-index.ts';
import { findWalletByAddress } from './wallets.ts';
import { balances, walletBalances, type BalanceRow, type CurrencyCode } from './balance-table.ts';

// The balance rows live in balance-table.ts; the ledger's callers keep importing them from here.
export { NATIVE, WALLET_CURRENCIES, USD_PRICE, balances, openBalanceRows } from './balance-table.ts';
export type { CurrencyCode, BalanceRow } from './balance-table.ts';

export interface LedgerEntryRow {
  id: string;
  at: string;
  wallet_id: string;
  currency: CurrencyCode;
  /** Signed change of `amount` (locks do not change it). */
  delta: string;
  kind: 'faucet' | 'debit' | 'credit' | 'lock' | 'unlock' | 'external_in' | 'external_out';
  reference: string;
}

export const ledgerEntries = (w: World) => w.table<LedgerEntryRow>('ledger_entries');
/** A wallet's ledger entries, oldest first. */
export const LEDGER_BY_WALLET = defineIndex<LedgerEntryRow>('ledger by wallet', (e) => [e.wallet_id], (a, b) => a.at.localeCompare(b.at));

export function balanceRow(world: World, walletId: string, currency: CurrencyCode): BalanceRow {
  const row = walletBalances(world, walletId).find((b) => b.currency === currency);
  if (!row) throw unprocessable(`wallet ${walletId} holds no ${currency}`);
  return row;
}

export const available = (row: BalanceRow): Dec => dec(row.amount).minus(row.locked_amount);

/** fmt8 of an amount computed here (already a Decimal: no copy). Locks and unlocks journal ZERO8. */
const text8 = (value: Dec): string => value.toFixed(8, Decimal.ROUND_DOWN);

function entry(world: World, walletId: string, currency: CurrencyCode, delta: string, kind: LedgerEntryRow['kind'], reference: string) {
  ledgerEntries(world).insert({ id: world.random.uuid(), at: world.nowIso(), wallet_id: walletId, currency, delta, kind, reference });
}

function positive(amount: Dec | string): Dec {
  const a = dec(amount);
  if (!a.isFinite() || a.lte(0)) throw unprocessable(`amount must be greater than zero`);
  return a;
}

/** Money arriving from outside the sandbox's books (faucet, on-chain deposit). */
export function mint(world: World, walletId: string, currency: CurrencyCode, amount: Dec | string, kind: 'faucet' | 'external_in', reference: string): BalanceRow {
  const a = positive(amount);
  const row = balanceRow(world, walletId, currency);
  entry(world, walletId, currency, text8(a), kind, reference);
  return balances(world).update(row.id, { amount: text8(dec(row.amount).plus(a)), updated_at: world.nowIso() });
}

/**
 * Money leaving the sandbox's books (an on-chain send to an outside address). Spends available funds; with fromLocked,
 * the amount is taken out of a prior reservation (journalled as its release, then the send).
 */
export function burn(world: World, walletId: string, currency: CurrencyCode, amount: Dec | string, reference: string,
  fromLocked = false): BalanceRow {
  const a = positive(amount);
  if (fromLocked) unlock(world, walletId, currency, a, reference);
  const row = balanceRow(world, walletId, currency);
  if (available(row).lt(a)) throw insufficientBalance(`insufficient balance: ${currency} available ${fmt8(available(row))}, needed ${fmt8(a)}`);
  entry(world, walletId, currency, text8(a.neg()), 'external_out', reference);
  return balances(world).update(row.id, { amount: text8(dec(row.amount).minus(a)), updated_at: world.nowIso() });
}

/**
 * Reserves available funds for a pending operation. `short` names the refusal when they do not suffice (the caller's
 * own wording, given what is available), so a caller need not read and check the balance once more beforehand.
 */
export function lock(world: World, walletId: string, currency: CurrencyCode, amount: Dec | string, reference: string,
  short: (available: Dec) => Error = (free) => insufficientBalance(`insufficient balance: ${currency} available ${fmt8(free)}, needed ${fmt8(amount)}`)): BalanceRow {
  const a = positive(amount);
  const row = balanceRow(world, walletId, currency);
  const locked = dec(row.locked_amount); // parsed once: the check and the new value
  const free = dec(row.amount).minus(locked);
  if (free.lt(a)) throw short(free);
  entry(world, walletId, currency, ZERO8, 'lock', reference);
  return balances(world).update(row.id, { locked_amount: text8(locked.plus(a)), updated_at: world.nowIso() });
}

/** Releases a reservation (cancel, failure, expiry). */
export function unlock(world: World, walletId: string, currency: CurrencyCode, amount: Dec | string, reference: string): BalanceRow {
  const a = positive(amount);
  const row = balanceRow(world, walletId, currency);
  const locked = dec(row.locked_amount);
  if (locked.lt(a)) throw new Error(`ledger: unlocking ${fmt8(a)} ${currency} but only ${row.locked_amount} is locked on ${walletId}`);
  entry(world, walletId, currency, ZERO8, 'unlock', reference);
  return balances(world).update(row.id, { locked_amount: text8(locked.minus(a)), updated_at: world.nowIso() });
}

/**
 * Moves money between two wallets of the books. With fromLocked, the amount is taken out of a prior reservation
 * (an order settling); otherwise it must be available.
 */
export function move(world: World, from: string, to: string, currency: CurrencyCode, amount: Dec | string, reference: string,
  fromLocked = false): void {
  const a = positive(amount);
  const src = balanceRow(world, from, currency);
  const dst = balanceRow(world, to, currency);
  const srcAmount = dec(src.amount); // each column parsed once: the check and the new value
  const srcLocked = dec(src.locked_amount);
  if (fromLocked) {
    if (srcLocked.lt(a)) throw new Error(`ledger: settling ${fmt8(a)} ${currency} but only ${src.locked_amount} is locked on ${from}`);
  } else if (srcAmount.minus(srcLocked).lt(a)) {
    throw insufficientBalance(`insufficient balance: ${currency} available ${fmt8(available(src))}, needed ${fmt8(a)}`);
  }
  balances(world).update(src.id, {
    amount: text8(srcAmount.minus(a)),
    locked_amount: fromLocked ? text8(srcLocked.minus(a)) : src.locked_amount,
    updated_at: world.nowIso(),
  });
  const fresh = balances(world).get(dst.id)!; // from and to may be the same wallet
  balances(world).update(dst.id, { amount: text8(dec(fresh.amount).plus(a)), updated_at: world.nowIso() });
  entry(world, from, currency, text8(a.neg()), 'debit', reference);
  entry(world, to, currency, text8(a), 'credit', reference);
}

/**
 * Pays an address: a sandbox wallet at that address is credited (move); an address outside the sandbox means the money
 * leaves the books (burn). fromLocked as for move and burn.
 */
export function payToAddress(world: World, fromWalletId: string, address: string, currency: CurrencyCode, amount: Dec | string,
  reference: string, fromLocked = false): void {
  const target = findWalletByAddress(world, address);
  if (target) move(world, fromWalletId, target.id, currency, amount, reference, fromLocked);
  else burn(world, fromWalletId, currency, amount, reference, fromLocked);
}

/** Sum of every balance of a currency: unchanged by move/lock/unlock, changed only by mint and burn. */
export function totalHeld(world: World, currency: CurrencyCode): Dec {
  return balances(world).filter((b) => b.currency === currency).reduce((acc, b) => acc.plus(b.amount), new D(0));
}
