// The Transfer rows the OTC desk records (OTC_CREDIT for a deposit credit, OTC_WITHDRAWAL for an executed withdrawal),
// in the one transfers table (and row shape) of src/domain/merchants/transfers.ts, so GET /api/v1/auth/transfers/{id}
// shows them; their lifecycle is that file's (completePendingTransfer, cancelPendingTransfer).
import type { World } from '../../kernel/world.ts';
import type { Network } from '../../kernel/addresses.ts';
import { getWallet } from '../wallets.ts';
import { transfers, type TransferRow } from '../merchants/transfers.ts';

export function recordOtcTransfer(world: World, input: {
  type: 'OTC_CREDIT' | 'OTC_WITHDRAWAL'; fromWalletId: string; toWalletId: string | null; toAddress: string;
  asset: 'USDT' | 'USDC'; amount: string; network: Network; status: 'pending' | 'completed'; txHash: string | null;
  proposalId: string | null; memo: string;
}): TransferRow {
  const from = getWallet(world, input.fromWalletId);
  const to = input.toWalletId ? getWallet(world, input.toWalletId) : null;
  const now = world.nowIso();
  return transfers(world).insert({
    id: world.random.uuid(), transfer_type: input.type, is_external: !to, from_user_id: from.user_id, to_user_id: to?.user_id ?? null,
    from_wallet_id: from.id, to_wallet_id: to?.id ?? null, from_address: from.address, to_address: input.toAddress,
    to_address_resolved: input.toAddress, asset: input.asset, crypto_amount: input.amount, network: input.network,
    status: input.status, tx_hash: input.txHash, memo: input.memo, proposal_id: input.proposalId, created_at: now,
    updated_at: now, completed_at: input.status === 'completed' ? now : null,
  });
}
