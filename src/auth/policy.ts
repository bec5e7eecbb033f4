// Ownership rules shared by the handlers. Role rules per operation come from the contract's x-roles and are applied
// by the pipeline; what remains here is "which rows may this caller touch".
import type { Principal } from './principal.ts';
import { forbidden } from '../kernel/errors.ts';

/** The caller acts on their own user row, or is an admin. */
export function requireSelfOrAdmin(principal: Principal | null, userId: string, what = 'this user'): void {
  if (!principal) throw forbidden('authentication required');
  if (principal.role !== 'admin' && principal.userId !== userId) throw forbidden(`forbidden: you may only access your own ${what === 'this user' ? 'account' : what}`);
}

/** The caller is one of the given parties, or has one of the given staff roles. */
export function requirePartyOrRole(principal: Principal | null, parties: (string | null | undefined)[], roles: string[], what: string): void {
  if (!principal) throw forbidden('authentication required');
  if (roles.includes(principal.role)) return;
  if (parties.includes(principal.userId)) return;
  throw forbidden(`forbidden: you are not a party to this ${what}`);
}
