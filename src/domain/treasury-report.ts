// The treasury's remittance escrow position on one network: its USDT, what open remittance drafts and in-flight
// remittance orders have committed, and what is left for settlement.
import type { World } from '../kernel/world.ts';
import type { Network } from '../kernel/addresses.ts';
import { users } from './users.ts';
import { custodyProviderWalletId, defaultWallet } from './wallets.ts';
import { balanceRow } from './ledger.ts';
import { dec, fmt8 } from '../kernel/money.ts';
import { notFound } from '../kernel/errors.ts';
import { hookKey } from '../kernel/hooks.ts';

/** Amounts the remittance flows have committed on a network (USDT). */
export interface RemittanceCommitments { drafts: (w: World, n: Network) => string; inFlight: (w: World, n: Network) => string }

const COMMITMENTS = hookKey<RemittanceCommitments>('treasury.remittance-commitments');
const NONE: RemittanceCommitments = { drafts: () => '0', inFlight: () => '0' };

/** The marketplace area provides its sources on each world it installs into. */
export function provideRemittanceCommitments(world: World, sources: RemittanceCommitments): void { world.hooks.provide(COMMITMENTS, sources); }

export function treasuryEscrowReport(world: World, network: Network, refresh: boolean) {
  const treasury = users(world).find((u) => u.role === 'treasury' && !u.deleted_at);
  const wallet = treasury && defaultWallet(world, treasury.id, network);
  if (!treasury || !wallet) throw notFound(`no treasury wallet on ${network}`);
  const total = dec(balanceRow(world, wallet.id, 'USDT').amount);
  const remittanceCommitments = world.hooks.find(COMMITMENTS) ?? NONE;
  const drafts = dec(remittanceCommitments.drafts(world, network));
  const inFlight = dec(remittanceCommitments.inFlight(world, network));
  const reserved = drafts.plus(inFlight);
  return {
    treasury_user_id: treasury.id,
    treasury_wallet_id: wallet.id,
    treasury_wallet_address: wallet.address,
    treasury_provider_wallet_id: custodyProviderWalletId(wallet.id),
    network,
    total_escrow_usdt: fmt8(total),
    reserved_open_remittances_usdt: fmt8(reserved),
    reserved_open_drafts_usdt: fmt8(drafts),
    reserved_in_flight_orders_usdt: fmt8(inFlight),
    available_treasury_settlement_usdt: fmt8(total.minus(reserved).isNeg() ? 0 : total.minus(reserved)),
    refreshed_from_chain: refresh,
    as_of: world.nowIso(),
  };
}
