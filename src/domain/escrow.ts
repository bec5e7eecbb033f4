// Platform escrow wallets (custodial "BitGo"-style or self-custody). Each holds its balances in an ordinary wallet
// row owned by the platform (PLATFORM_USER_ID, not a user), so the ledger moves money in and out of escrow like any
// other wallet. Off-ramp orders take a fresh order_escrow wallet each, which gives every order a unique address.
import type { World } from '../kernel/world.ts';
import type { Network } from '../kernel/addresses.ts';
import { createWallet, custodyProviderWalletId } from './wallets.ts';
import { available, balanceRow, ledgerEntries, LEDGER_BY_WALLET } from './ledger.ts';
import { fmt8 } from '../kernel/money.ts';
import { notFound } from '../kernel/errors.ts';

/** The owner of platform wallets (escrow). Not a row of `users`: it never logs in and is never listed. */
export const PLATFORM_USER_ID = '00000000-0000-4000-8000-000000000000';

export type EscrowPurpose = 'remittance_escrow' | 'order_escrow' | 'platform_reserve' | 'testing' | 'other';
export type CustodyProvider = 'self' | 'bitgo';

export interface EscrowWalletRow {
  id: string;
  wallet_id: string;
  network: Network;
  address: string;
  status: 'active' | 'inactive' | 'suspended';
  purpose: EscrowPurpose;
  label: string;
  custody_provider: CustodyProvider;
  provider_wallet_id: string | null;
  provider_address_id: string | null;
  created_at: string;
  updated_at: string;
}

export const escrowWallets = (w: World) => w.table<EscrowWalletRow>('escrow_wallets');

export function createEscrowWallet(world: World, input: {
  network: Network; purpose: EscrowPurpose; label: string; status?: EscrowWalletRow['status']; custodyProvider?: CustodyProvider;
}): EscrowWalletRow {
  const provider = input.custodyProvider ?? 'bitgo';
  const { wallet } = createWallet(world, {
    userId: PLATFORM_USER_ID, network: input.network, name: input.label, walletType: 'escrow', isDefault: false,
    custodyKind: provider === 'bitgo' ? 'custodial' : 'self',
  });
  return escrowWallets(world).insert({
    id: world.random.uuid(), wallet_id: wallet.id, network: input.network, address: wallet.address,
    status: input.status ?? 'active', purpose: input.purpose, label: input.label, custody_provider: provider,
    // Simulated BitGo ids (the wallet's, as every response names it); self custody has none. The "last reconciled"
    // time is not stored: the view derives it from the ledger (lastBalanceChange).
    provider_wallet_id: provider === 'bitgo' ? custodyProviderWalletId(wallet.id) : null,
    provider_address_id: provider === 'bitgo' ? `bitgo-addr-${world.random.hex(12)}` : null,
    created_at: world.nowIso(), updated_at: world.nowIso(),
  });
}

export function getEscrowWallet(world: World, id: string): EscrowWalletRow {
  const e = escrowWallets(world).get(id);
  if (!e) throw notFound(`escrow wallet ${id} not found`);
  return e;
}

/** total / available / reserved of one asset on an escrow wallet (reserved = locked by pending operations). */
export function escrowBalances(world: World, escrow: EscrowWalletRow, asset: 'USDT' | 'USDC' = 'USDT') {
  const row = balanceRow(world, escrow.wallet_id, asset);
  return {
    total_balance: row.amount,
    available_balance: fmt8(available(row)),
    reserved_balance: row.locked_amount,
  };
}

/** When the escrow's books last changed (a ledger entry on its wallet): the sandbox's "last reconciled" time. */
export function lastBalanceChange(world: World, escrow: EscrowWalletRow): string | null {
  return ledgerEntries(world).index(LEDGER_BY_WALLET).rows(escrow.wallet_id).at(-1)?.at ?? null;
}

export function listEscrowWallets(world: World, network?: Network): EscrowWalletRow[] {
  return escrowWallets(world).filter((e) => !network || e.network === network)
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
}

/** A fresh, unique escrow address for one off-ramp order. */
export function allocateOrderEscrow(world: World, network: Network, orderId: string): EscrowWalletRow {
  return createEscrowWallet(world, { network, purpose: 'order_escrow', label: `order ${orderId}` });
}
