// Users: registration, credentials, roles, KYC and soft delete. Wallet creation is delegated to wallets.ts.
import type { UpdateUserPinRequest } from '../../contracts/generated/types.js';
import type { World } from '../kernel/world.ts';
import { defineIndex, type IndexRows } from '../kernel/table-index.ts';
import { hashSecret, saltOf, verifySecret } from '../auth/passwords.ts';
import { conflict, forbidden, notFound, unauthorized, invalidField, alreadyExists } from '../kernel/errors.ts';
import { revokeUserTokens } from '../auth/tokens.ts';
import { createDefaultWallets, type WalletRow } from './wallets.ts';
import { users, type Role, type KycStatus, type UserRow } from './user-table.ts';

export { users } from './user-table.ts';
export type { Role, KycStatus, UserRow } from './user-table.ts';
// Lookups by contact (soft-deleted users included: they keep their email and phone, see assertContactFree) and the
// live users in creation order.
const BY_EMAIL = defineIndex<UserRow>('users by email', (u) => [u.email]);
const BY_PHONE = defineIndex<UserRow>('users by phone', (u) => [u.phone_number]);
const LIVE = defineIndex<UserRow>('live users', (u) => (u.deleted_at === null ? ['live'] : []),
  (a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));

export interface NewUser {
  email: string;
  phone_number: string;
  first_name: string;
  last_name: string;
  password: string;
  role: Role;
  kyc_status?: KycStatus;
  pin?: string;
  is_active?: boolean;
  parent_vendor_id?: string | null;
}

const normaliseEmail = (email: string) => email.trim().toLowerCase();
const live = (u: UserRow) => u.deleted_at === null;

export function findUserByEmail(world: World, email: string): UserRow | undefined {
  const wanted = normaliseEmail(email);
  return users(world).index(BY_EMAIL).rows(wanted).find(live);
}
export function findUserByPhone(world: World, phone: string): UserRow | undefined {
  return users(world).index(BY_PHONE).rows(phone).find(live);
}

/** A live (not soft-deleted) user, or 404. */
export function getUser(world: World, id: string): UserRow {
  const u = users(world).get(id);
  if (!u || !live(u)) throw notFound(`user ${id} not found`);
  return u;
}

/** Live users, oldest first (the index itself: read-only). */
export function listUsers(world: World): IndexRows<UserRow> {
  return users(world).index(LIVE).rows('live');
}

/**
 * 409 when a user other than exceptId already has the email or the phone number (a field left out is not checked).
 * Uniqueness counts soft-deleted users too: the real table keeps their rows and its unique index. Returns the email
 * normalised, as it is stored.
 */
export function assertContactFree<C extends { email?: string; phone?: string }>(world: World, contact: C, exceptId?: string): C {
  const email = contact.email === undefined ? undefined : normaliseEmail(contact.email);
  const { phone } = contact;
  const taken = (rows: IndexRows<UserRow>) => rows.some((u) => u.id !== exceptId);
  if (email !== undefined && taken(users(world).index(BY_EMAIL).rows(email))) throw alreadyExists(`a user with email ${email} already exists`);
  if (phone !== undefined && taken(users(world).index(BY_PHONE).rows(phone))) throw alreadyExists(`a user with phone number ${phone} already exists`);
  return { ...contact, ...(email === undefined ? {} : { email }) };
}

/** Creates the user and their default Ethereum and TRON wallets with zero balances. */
export function createUser(world: World, input: NewUser): { user: UserRow; wallets: WalletRow[] } {
  const { email } = assertContactFree(world, { email: input.email, phone: input.phone_number });
  if (input.role === 'subvendor') {
    if (!input.parent_vendor_id) throw invalidField('/parent_vendor_id', 'is required for role subvendor');
    const parent = users(world).get(input.parent_vendor_id);
    if (!parent || !live(parent) || parent.role !== 'vendor' || parent.parent_vendor_id) {
      throw invalidField('/parent_vendor_id', 'must be the id of a master vendor');
    }
  } else if (input.parent_vendor_id) {
    throw invalidField('/parent_vendor_id', 'is only allowed for role subvendor');
  }
  const id = world.random.uuid();
  const salt = world.random.hex(16);
  const now = world.nowIso();
  const user = users(world).insert({
    id, email, phone_number: input.phone_number, first_name: input.first_name, last_name: input.last_name,
    role: input.role, kyc_status: input.kyc_status ?? 'pending',
    password_hash: hashSecret(input.password, salt),
    pin_hash: input.pin ? hashSecret(input.pin, salt) : null,
    is_active: input.is_active ?? true,
    parent_vendor_id: input.parent_vendor_id ?? null,
    deleted_at: null, created_at: now, updated_at: now,
  });
  return { user, wallets: createDefaultWallets(world, user.id) };
}

/** The user behind email + password; one message for every failure so accounts cannot be enumerated. */
export function checkPassword(world: World, email: string, password: string): UserRow {
  const user = findUserByEmail(world, email);
  if (!user || !verifySecret(password, user.password_hash)) throw unauthorized('invalid email or password');
  if (!user.is_active) throw unauthorized('user account is inactive');
  return user;
}

export function checkPin(world: World, identifier: { email?: string; phone_number?: string }, pin: string): UserRow {
  const user = identifier.email ? findUserByEmail(world, identifier.email) : findUserByPhone(world, identifier.phone_number!);
  if (!user || !verifySecret(pin, user.pin_hash)) {
    if (user && !user.pin_hash) throw unauthorized('PIN login is not enabled for this user; set a PIN first');
    throw unauthorized('invalid credentials or PIN');
  }
  if (!user.is_active) throw unauthorized('user account is inactive');
  return user;
}

export function changePin(world: World, user: UserRow, input: UpdateUserPinRequest, byAdmin: boolean): UserRow {
  if (input.new_pin !== input.confirm_new_pin) throw invalidField('/confirm_new_pin', 'must equal new_pin');
  if (user.pin_hash && !byAdmin) {
    if (!input.current_pin) throw invalidField('/current_pin', 'is required because a PIN is already set');
    if (!verifySecret(input.current_pin, user.pin_hash)) throw forbidden('current_pin does not match');
  }
  return users(world).update(user.id, { pin_hash: hashSecret(input.new_pin, saltOf(user.password_hash)), updated_at: world.nowIso() });
}

export function setKycStatus(world: World, user: UserRow, status: KycStatus): UserRow {
  return users(world).update(user.id, { kyc_status: status, updated_at: world.nowIso() });
}

export function changeRole(world: World, caller: UserRow, user: UserRow, role: Role): UserRow {
  if (role === 'admin' && caller.role !== 'admin') throw forbidden('only an admin can assign the admin role');
  if (user.role === 'admin' && role !== 'admin' && listUsers(world).filter((u) => u.role === 'admin').length === 1) {
    throw conflict('cannot demote the last admin: at least one admin must exist');
  }
  if (role === 'subvendor' && !user.parent_vendor_id) {
    throw conflict('a subvendor needs a parent vendor; create sub-merchants with POST /api/v1/auth/merchants/{merchant_id}/sub-merchants');
  }
  return users(world).update(user.id, {
    role, updated_at: world.nowIso(),
    // Leaving subvendor detaches the user from its master.
    parent_vendor_id: role === 'subvendor' ? user.parent_vendor_id : null,
  });
}

/** isActive is the request's is_active: false also deactivates the account; true or absent leaves is_active as it is. */
export function softDeleteUser(world: World, user: UserRow, isActive: boolean | undefined): void {
  if (user.role === 'admin' && listUsers(world).filter((u) => u.role === 'admin').length === 1) {
    throw conflict('cannot delete the last admin: at least one admin must exist');
  }
  users(world).update(user.id, { deleted_at: world.nowIso(), is_active: isActive === false ? false : user.is_active, updated_at: world.nowIso() });
  revokeUserTokens(world, user.id);
}
