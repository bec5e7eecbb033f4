// Custodial wallets: every user gets a default Ethereum and TRON hot wallet; more come from POST /wallets and
// POST /wallets/for-owner (also on Solana). Each wallet has native + USDT + USDC balance rows (see balance-table.ts).
import type { World } from '../kernel/world.ts';
import { defineIndex, type IndexRows } from '../kernel/table-index.ts';
import { ADDRESS_BYTES, isHexAddress, newAddress, type Network, type WalletNetwork } from '../kernel/addresses.ts';
import { openBalanceRows, type BalanceRow } from './balance-table.ts';
import { notFound } from '../kernel/errors.ts';
import { users, type UserRow } from './user-table.ts';

/** A wallet's balance rows, native currency first (kept importable from here). */
export { walletBalances } from './balance-table.ts';

export type WalletType = 'hot' | 'cold' | 'multisig' | 'escrow';

export interface WalletRow {
  id: string;
  user_id: string;
  name: string;
  address: string;
  wallet_type: WalletType;
  network: WalletNetwork;
  is_default: boolean;
  is_active: boolean;
  /** custodial | multisig */
  custody_kind: string;
  created_at: string;
}

export const wallets = (w: World) => w.table<WalletRow>('wallets');
/** A user's wallets as inserted (a handful); wallets by address (EIP-55 case folded, see sameAddressKey). */
const BY_USER = defineIndex<WalletRow>('wallets by user', (w) => [w.user_id]);
// Code-unit order, which for ISO timestamps and lower-case network names is localeCompare's order: seeding sorts here,
// and the first localeCompare of a process builds ICU's collator (tens of ms of every start, see bench/start-time.ts).
const compareText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
const byCreation = (a: WalletRow, b: WalletRow) => compareText(a.created_at, b.created_at) || compareText(a.network, b.network);
const BY_ADDRESS = defineIndex<WalletRow>('wallets by address', (w) => [sameAddressKey(w.address)]);
/** The networks of the default wallets every user gets (and of every money flow). */
export const NETWORKS: Network[] = ['ethereum', 'tron'];
/** Every network a wallet may be created on (POST /wallets, /wallets/for-owner, provision_all_networks). */
export const WALLET_NETWORKS: WalletNetwork[] = [...NETWORKS, 'solana'];
const DEFAULT_NAME: Record<WalletNetwork, string> = { ethereum: 'Ethereum Wallet', tron: 'TRON Wallet', solana: 'Solana Wallet' };

/** A fresh address, unique across every wallet of the sandbox. */
export function freshAddress(world: World, network: WalletNetwork): string {
  for (;;) {
    const address = newAddress(network, world.random.bytes(ADDRESS_BYTES[network]));
    if (!wallets(world).index(BY_ADDRESS).rows(sameAddressKey(address)).some((w) => w.address === address)) return address;
  }
}

export interface NewWallet {
  userId: string;
  network: WalletNetwork;
  name?: string;
  walletType?: WalletType;
  isDefault?: boolean;
  custodyKind?: string;
}

export function createWallet(world: World, input: NewWallet): { wallet: WalletRow; balances: BalanceRow[] } {
  const makeDefault = input.isDefault ?? !walletsOf(world, input.userId).some((w) => w.network === input.network && w.is_default);
  if (makeDefault) clearDefault(world, input.userId, input.network);
  const wallet = wallets(world).insert({
    id: world.random.uuid(), user_id: input.userId, name: input.name ?? DEFAULT_NAME[input.network],
    address: freshAddress(world, input.network), wallet_type: input.walletType ?? 'hot', network: input.network,
    is_default: makeDefault, is_active: true, custody_kind: input.custodyKind ?? 'custodial', created_at: world.nowIso(),
  });
  return { wallet, balances: openBalanceRows(world, input.userId, wallet.id, input.network) };
}

/**
 * The simulated custody provider's (BitGo) wallet id behind a platform-custodied wallet. Derived from the wallet id, so
 * every response that names it (for-owner creation, the treasury escrow report) names the same one.
 */
export const custodyProviderWalletId = (walletId: string): string => `bitgo-${walletId.replaceAll('-', '').slice(0, 16)}`;

export function createDefaultWallets(world: World, userId: string): WalletRow[] {
  return NETWORKS.map((network) => createWallet(world, { userId, network, isDefault: true }).wallet);
}

function clearDefault(world: World, userId: string, network: WalletNetwork): void {
  // The user's bucket as it stands (a new user's is empty): the rows to change do not depend on their order.
  for (const w of wallets(world).index(BY_USER).rows(userId).filter((x) => x.network === network && x.is_default)) {
    wallets(world).update(w.id, { is_default: false });
  }
}

export function getWallet(world: World, id: string): WalletRow {
  const w = wallets(world).get(id);
  if (!w) throw notFound(`wallet ${id} not found`);
  return w;
}

/**
 * The wallet at an address. Ethereum addresses are case-insensitive (the mixed case is only the EIP-55 checksum), so
 * 0x addresses match whatever their case; TRON and Solana base58 addresses are case-sensitive.
 */
export function findWalletByAddress(world: World, address: string): WalletRow | undefined {
  return wallets(world).index(BY_ADDRESS).first(sameAddressKey(address));
}

export const sameAddressKey = (address: string): string => (isHexAddress(address) ? address.toLowerCase() : address);

/**
 * The active wallet on the network at the address, with its owner, when that owner is a live user (not the platform's
 * escrow, whose owner is no user; not a soft-deleted user's).
 */
export function liveUserWalletAt(world: World, address: string, network: WalletNetwork): { wallet: WalletRow; owner: UserRow } | undefined {
  const wallet = findWalletByAddress(world, address);
  const owner = wallet && users(world).get(wallet.user_id);
  return wallet && wallet.is_active && wallet.network === network && owner && !owner.deleted_at ? { wallet, owner } : undefined;
}

/** A user's wallets, oldest first, then by network (a stable sort of the few in the user's bucket). */
export function walletsOf(world: World, userId: string): WalletRow[] {
  return [...wallets(world).index(BY_USER).rows(userId)].sort(byCreation);
}

/** The user's default wallet on a network (the one orders and offers use). */
export function defaultWallet(world: World, userId: string, network: WalletNetwork): WalletRow | undefined {
  return walletsOf(world, userId).find((w) => w.network === network && w.is_default && w.is_active);
}

export function setDefaultWallet(world: World, wallet: WalletRow): WalletRow {
  clearDefault(world, wallet.user_id, wallet.network);
  return wallets(world).update(wallet.id, { is_default: true });
}

