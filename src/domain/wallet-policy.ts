// Who may act on which wallets: the ownership rules of the wallets and multisig routes. Role rules per operation come
// from the contract's x-roles (applied before a handler runs); these say which rows a caller may touch, so handlers
// call one function here instead of restating them. Messages and statuses are the API's.
import type { World } from '../kernel/world.ts';
import type { Principal } from '../auth/principal.ts';
import { requirePartyOrRole, requireSelfOrAdmin } from '../auth/policy.ts';
import { forbidden, invalidField, unprocessable } from '../kernel/errors.ts';
import { getUser, type UserRow } from './users.ts';
import type { WalletRow } from './wallets.ts';
import { isMasterMerchant } from './merchants/merchants.ts';
import { MULTISIG_OWNER_ROLES } from './merchants/multisig-wallets.ts';
import { multisigWallets, type ProposalRow } from './multisig.ts';
import type { CreateWalletForOwnerRequest } from '../../contracts/generated/types.js';

/** A wallet is its owner's, or an admin's to act on. */
export function requireWalletAccess(principal: Principal, wallet: WalletRow): void {
  requireSelfOrAdmin(principal, wallet.user_id, 'wallets');
}

/** Wallets and balances of a user (by id) are that user's, or an admin's to act on. */
export function requireUserWalletsAccess(principal: Principal, userId: string, what: 'wallets' | 'balances' = 'wallets'): void {
  requireSelfOrAdmin(principal, userId, what);
}

/** The owner of POST /wallets/for-owner, once the caller is known to be allowed to create wallets for them. */
export function walletOwnerFor(world: World, caller: Principal, b: CreateWalletForOwnerRequest): UserRow {
  const need = (field: 'user_id' | 'merchant_id' | 'sub_merchant_id' | 'treasury_user_id') => {
    const id = b[field];
    if (!id) throw invalidField(`/${field}`, `is required when owner_type is ${b.owner_type}`);
    return getUser(world, id);
  };
  switch (b.owner_type) {
    case 'customer': {
      const owner = need('user_id');
      requireSelfOrAdmin(caller, owner.id, 'wallets');
      if (caller.role === 'admin') return owner;
      if (!['customer', 'user'].includes(owner.role) && !isMasterMerchant(owner)) {
        throw forbidden(`forbidden: owner_type customer is for customers and users; a ${owner.role} must use its own owner_type`);
      }
      return owner;
    }
    case 'vendor':
    case 'merchant': {
      const owner = need(b.owner_type === 'vendor' ? 'user_id' : 'merchant_id');
      if (!isMasterMerchant(owner)) throw unprocessable(`user ${owner.id} is not a master vendor`);
      requireSelfOrAdmin(caller, owner.id, 'wallets');
      return owner;
    }
    case 'sub_merchant': {
      const owner = need('sub_merchant_id');
      if (owner.role !== 'subvendor') throw unprocessable(`user ${owner.id} is not a sub-merchant`);
      // Not requireMerchantAccess: that also wants the master to still have role vendor.
      if (caller.role !== 'admin' && owner.id !== caller.userId && owner.parent_vendor_id !== caller.userId) {
        throw forbidden('forbidden: only the sub-merchant, its master vendor or an admin may create its wallets');
      }
      return owner;
    }
    case 'treasury': {
      const owner = need('treasury_user_id');
      if (owner.role !== 'treasury') throw unprocessable(`user ${owner.id} does not have the treasury role`);
      requireSelfOrAdmin(caller, owner.id, 'wallets');
      return owner;
    }
    default:
      throw invalidField('/owner_type', 'is not supported');
  }
}

/** The owner of a multisig wallet registered through POST /multisig-wallets: the caller, or anyone for an admin. */
export function multisigOwnerFor(world: World, caller: Principal, ownerUserId: string | undefined): UserRow {
  const ownerId = ownerUserId ?? caller.userId;
  if (ownerId !== caller.userId && caller.role !== 'admin') throw forbidden('forbidden: only an admin may register a multisig wallet for another user');
  const owner = getUser(world, ownerId);
  if (!MULTISIG_OWNER_ROLES.includes(owner.role)) {
    throw unprocessable(`user ${owner.id} has role ${owner.role}; multisig wallets are for vendors, subvendors and the treasury`);
  }
  return owner;
}

/** A multisig proposal is seen by its signers, the wallet's owner, its proposer and admins. */
export function requireProposalAccess(world: World, principal: Principal, proposal: ProposalRow): void {
  const ms = multisigWallets(world).get(proposal.multisig_wallet_id)!;
  requirePartyOrRole(principal, [...ms.signer_user_ids, ms.owner_user_id, proposal.created_by], ['admin'], 'proposal');
}
