// Merchants are user rows: a master merchant has role vendor and no parent, a sub-merchant role subvendor with
// parent_vendor_id = its master (one level only). Every merchant gets default Ethereum and TRON hot wallets.
// Soft delete keeps the rows (history, balances) but hides them: see deleteMerchant for the cascade.
import type { World } from '../../kernel/world.ts';
import type { Principal } from '../../auth/principal.ts';
import { assertContactFree, createUser, getUser, listUsers, softDeleteUser, users, type KycStatus, type UserRow } from '../users.ts';
import { wallets, type WalletRow } from '../wallets.ts';
import { defineIndex } from '../../kernel/table-index.ts';
import { forbidden, notFound, unprocessable } from '../../kernel/errors.ts';
import type { CreateMerchantRequest, UpdateMerchantRequest } from '../../../contracts/generated/types.js';

/** The request body as the contract defines it (CreateMerchantRequest; generated, not restated here). */
export type MerchantInput = CreateMerchantRequest;

export const isMasterMerchant = (u: UserRow): boolean => u.role === 'vendor' && !u.parent_vendor_id;
export const isSubMerchant = (u: UserRow): boolean => u.role === 'subvendor' && !!u.parent_vendor_id;

/** A live master or sub-merchant, or 404 (other roles are not merchants for these routes). */
export function getMerchant(world: World, id: string): UserRow {
  const u = getUser(world, id);
  if (!isMasterMerchant(u) && !isSubMerchant(u)) throw notFound(`merchant ${id} not found`);
  return u;
}

// A master's live sub-merchants, oldest first: every OTC draft and deposit asks (the payout wallet's tree), so an index
// instead of a filter over every user (a cost that grew with each registration).
const LIVE_SUBS = defineIndex<UserRow>('live sub-merchants by master',
  (u) => (u.deleted_at === null && u.role === 'subvendor' && u.parent_vendor_id ? [u.parent_vendor_id] : []),
  (a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));

/** Oldest first, like every list of live users. */
export function liveSubMerchants(world: World, masterId: string): UserRow[] {
  return [...users(world).index(LIVE_SUBS).rows(masterId)];
}

export function listMasterMerchants(world: World): UserRow[] {
  return listUsers(world).filter(isMasterMerchant);
}

function create(world: World, input: MerchantInput, parentId: string | null): { user: UserRow; wallets: WalletRow[] } {
  return createUser(world, {
    email: input.email, phone_number: input.phone_number, first_name: input.first_name, last_name: input.last_name,
    password: input.password, pin: input.pin, kyc_status: input.kyc_status, is_active: input.is_active ?? true,
    role: parentId ? 'subvendor' : 'vendor', parent_vendor_id: parentId,
  });
}

export const createMasterMerchant = (world: World, input: MerchantInput) => create(world, input, null);

/** The parent must be a live, active master merchant; the caller's right to act on it is checked by the handler. */
export function createSubMerchant(world: World, parentId: string, input: MerchantInput) {
  const parent = getUser(world, parentId);
  if (!isMasterMerchant(parent)) throw unprocessable(`user ${parentId} is not a master merchant (role vendor without a parent); sub-merchants have no sub-merchants`);
  if (!parent.is_active) throw unprocessable(`master merchant ${parentId} is inactive`);
  return create(world, input, parent.id);
}

/** Admin: any merchant. Master: itself and its sub-merchants. Sub-merchant: itself. */
export function requireMerchantAccess(principal: Principal, merchant: UserRow): void {
  if (principal.role === 'admin' || principal.userId === merchant.id) return;
  if (principal.role === 'vendor' && merchant.parent_vendor_id === principal.userId) return;
  throw forbidden('forbidden: you may only access your own merchant account and your sub-merchants');
}

/** The request body as the contract defines it (UpdateMerchantRequest; generated, not restated here). */
export type MerchantPatch = UpdateMerchantRequest;

export function updateMerchant(world: World, principal: Principal, merchant: UserRow, patch: MerchantPatch): UserRow {
  const admin = principal.role === 'admin';
  if (patch.kyc_status !== undefined && !admin) throw forbidden('forbidden: only an admin may change kyc_status');
  if (patch.is_active !== undefined && !admin && !(principal.role === 'vendor' && merchant.parent_vendor_id === principal.userId)) {
    throw forbidden('forbidden: only an admin, or a master merchant for its sub-merchants, may change is_active');
  }
  const changes: Partial<UserRow> = {};
  const { email, phone } = assertContactFree(world, { email: patch.email, phone: patch.phone_number }, merchant.id);
  if (email !== undefined) changes.email = email;
  if (phone !== undefined) changes.phone_number = phone;
  for (const key of ['first_name', 'last_name', 'kyc_status', 'is_active'] as const) {
    if (patch[key] !== undefined) (changes as Record<string, unknown>)[key] = patch[key];
  }
  return users(world).update(merchant.id, { ...changes, updated_at: world.nowIso() });
}

/**
 * Soft-deletes a merchant; a master takes its live sub-merchants with it. Each deleted user is deactivated, its tokens
 * revoked, and its wallets marked inactive (rows and balances stay; pending transfers and proposals are left alone).
 * Returns the ids deleted, the target first.
 */
export function deleteMerchant(world: World, merchant: UserRow): string[] {
  const targets = [merchant, ...(isMasterMerchant(merchant) ? liveSubMerchants(world, merchant.id) : [])];
  for (const u of targets) {
    softDeleteUser(world, u, false);
    for (const w of wallets(world).filter((x) => x.user_id === u.id && x.is_active)) wallets(world).update(w.id, { is_active: false });
  }
  return targets.map((u) => u.id);
}
