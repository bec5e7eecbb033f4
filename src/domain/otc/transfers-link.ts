// The Transfer rows the OTC desk records (OTC_CREDIT for a deposit credit, OTC_WITHDRAWAL for an executed withdrawal),
// in the transfers table the transfers area lists and shows (GET /api/v1/auth/transfers/{id}).
import type { World } from '../world.ts';
import type { Network } from '../addresses.ts';
import { getWallet } from '../wallets.ts';

export interface OtcTransferRow {
  id: string;
  transfer_type: 'P2P' | 'B2B' | 'OTC_CREDIT' | 'OTC_WITHDRAWAL';
  is_external: boolean;
  from_user_id: string;
  to_user_id: string | null;
  from_wallet_id: string;
  to_wallet_id: string | null;
  from_address: string;
  to_address: string;
  to_address_resolved: string;
  asset: 'USDT' | 'USDC';
  crypto_amount: string;
  network: Network;
  status: 'pending' | 'completed' | 'failed' | 'cancelled';
  tx_hash: string | null;
  memo: string | null;
  proposal_id: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

export const transfersTable = (w: World) => w.table<OtcTransferRow>('transfers');

export function recordOtcTransfer(world: World, input: {
  type: 'OTC_CREDIT' | 'OTC_WITHDRAWAL'; fromWalletId: string; toWalletId: string | null; toAddress: string;
  asset: 'USDT' | 'USDC'; amount: string; network: Network; status: 'pending' | 'completed'; txHash: string | null;
  proposalId: string | null; memo: string;
}): OtcTransferRow {
  const from = getWallet(world, input.fromWalletId);
  const to = input.toWalletId ? getWallet(world, input.toWalletId) : null;
  const now = world.nowIso();
  return transfersTable(world).insert({
    id: world.random.uuid(), transfer_type: input.type, is_external: !to, from_user_id: from.user_id, to_user_id: to?.user_id ?? null,
    from_wallet_id: from.id, to_wallet_id: to?.id ?? null, from_address: from.address, to_address: input.toAddress,
    to_address_resolved: input.toAddress, asset: input.asset, crypto_amount: input.amount, network: input.network,
    status: input.status, tx_hash: input.txHash, memo: input.memo, proposal_id: input.proposalId, created_at: now,
    updated_at: now, completed_at: input.status === 'completed' ? now : null,
  });
}

export function settleOtcTransfer(world: World, id: string, status: 'completed' | 'cancelled', txHash: string | null): OtcTransferRow | undefined {
  const t = transfersTable(world).get(id);
  if (!t) return undefined;
  const now = world.nowIso();
  return transfersTable(world).update(id, { status, tx_hash: txHash ?? t.tx_hash, updated_at: now, completed_at: status === 'completed' ? now : null });
}
