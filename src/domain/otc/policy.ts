// Who sees which OTC rows: a merchant caller works on its master merchant's books only, staff on everyone's. Role
// rules per operation come from the contract's x-roles; these are the row-level rules the OTC handlers call.
import type { World } from '../../kernel/world.ts';
import { isStaff, type Principal } from '../../auth/principal.ts';
import { isMerchantRole, masterMerchantId } from './merchants.ts';

/** The master merchant whose rows a listing is limited to, or null when the caller sees every merchant's (staff). */
export function otcListScope(world: World, principal: Principal): string | null {
  return isMerchantRole(principal.role) ? masterMerchantId(world, principal) : null;
}

/** Staff see any negotiated FX code; a merchant only its master merchant's; everyone else none (no code enumeration). */
export function canSeeNfxReference(world: World, principal: Principal, reference: { merchant_id: string }): boolean {
  return isStaff(principal) || (isMerchantRole(principal.role) && masterMerchantId(world, principal) === reference.merchant_id);
}

/** The desk's internal notes on a deposit's audit trail are for staff, not for the merchant. */
export const seesInternalNotes = (principal: Principal): boolean => !isMerchantRole(principal.role);
