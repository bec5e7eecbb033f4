// Who a merchant caller acts for: deposits and withdrawals belong to the master merchant (a vendor or merchant;
// a subvendor's parent), and every merchant user of that tree shares them.
import type { World } from '../../kernel/world.ts';
import type { Principal } from '../../auth/principal.ts';
import { MERCHANT_ROLES } from '../../auth/principal.ts';
import { getUser, type UserRow } from '../users.ts';
import { isMasterMerchant, liveSubMerchants } from '../merchants/merchants.ts';
import { defaultWallet, wallets, type WalletRow } from '../wallets.ts';
import { notFound, unprocessable } from '../../kernel/errors.ts';
import type { Network } from '../../kernel/addresses.ts';

export const isMerchantRole = (role: string): boolean => (MERCHANT_ROLES as readonly string[]).includes(role);

/** The master merchant whose books a merchant caller works on. */
export function masterMerchantId(world: World, principal: Principal): string {
  const user = getUser(world, principal.userId);
  return user.role === 'subvendor' && user.parent_vendor_id ? user.parent_vendor_id : user.id;
}

/**
 * The users that own OTC rows: a master merchant of the merchants area (a vendor without a parent) or a user with the
 * `merchant` role (never anyone's sub-merchant). The merchants area's own rule stays vendor-only: widening it would put
 * `merchant` users into its merchant routes (list, get, sub-merchant creation).
 */
export const isOtcMasterMerchant = (user: UserRow): boolean =>
  isMasterMerchant(user) || (user.role === 'merchant' && !user.parent_vendor_id);

/** The master and its live sub-merchants: whose wallets may receive the master's credits. */
export function merchantTree(world: World, masterId: string): Set<string> {
  return new Set([masterId, ...liveSubMerchants(world, masterId).map((u) => u.id)]);
}

/**
 * A merchant caller may only see rows of its own master merchant; staff see everything. Foreign rows are a 404
 * so that ids of other merchants are not disclosed.
 */
export function assertVisible(world: World, principal: Principal, row: { merchant_id: string }, what: string, id: string): void {
  if (isMerchantRole(principal.role) && masterMerchantId(world, principal) !== row.merchant_id) throw notFound(`${what} ${id} not found`);
}

/** The payout wallet of a deposit: an explicit wallet of the merchant's tree, else the caller's default one. */
export function resolvePayoutWallet(world: World, input: { callerId: string; masterId: string; network: Network; walletId?: string | null }): WalletRow {
  if (input.walletId) {
    // A body that names a wallet that does not exist is a bad request body (422 naming the field), not a missing resource.
    const wallet = wallets(world).get(input.walletId);
    if (!wallet) throw unprocessable(`to_wallet_id: wallet ${input.walletId} does not exist`);
    if (!merchantTree(world, input.masterId).has(wallet.user_id)) {
      throw unprocessable(`wallet ${wallet.id} does not belong to the merchant or its sub-merchants`);
    }
    if (wallet.network !== input.network) throw unprocessable(`wallet ${wallet.id} is on ${wallet.network}, not ${input.network}`);
    if (!wallet.is_active) throw unprocessable(`wallet ${wallet.id} is not active`);
    return wallet;
  }
  const wallet = defaultWallet(world, input.callerId, input.network);
  if (!wallet) throw unprocessable(`you have no default wallet on ${input.network} to receive the credit`);
  return wallet;
}
