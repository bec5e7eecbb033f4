// Ownership rules shared by the handlers and the domain. Role rules per operation come from the contract's x-roles
// and are applied by the pipeline; what remains here is "which rows may this caller touch". Each area's own rules
// build on these (src/domain/wallet-policy.ts, src/domain/otc/policy.ts, requireMerchantAccess, requireTransferAccess).
import type { Principal } from './principal.ts';
import { forbidden } from '../kernel/errors.ts';

/** The caller acts on their own user row, or is an admin. */
export function requireSelfOrAdmin(principal: Principal, userId: string, what = 'this user'): void {
  if (principal.role !== 'admin' && principal.userId !== userId) throw forbidden(`forbidden: you may only access your own ${what === 'this user' ? 'account' : what}`);
}

/** The caller is one of the given parties, or has one of the given staff roles. */
export function requirePartyOrRole(principal: Principal, parties: (string | null | undefined)[], roles: string[], what: string): void {
  if (roles.includes(principal.role)) return;
  if (parties.includes(principal.userId)) return;
  throw forbidden(`forbidden: you are not a party to this ${what}`);
}

/** An admin acting on someone else's account (an admin PIN reset needs no current PIN). */
export const isAdminActingOnOther = (principal: Principal, userId: string): boolean =>
  principal.role === 'admin' && principal.userId !== userId;
