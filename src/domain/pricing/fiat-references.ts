// Who else names a fiat currency. Other areas (orders, offers, OTC, countries) register a check here so that deleting a
// catalog row can be refused while any record still names its iso_code, without this area importing theirs.
import type { World } from '../../kernel/world.ts';

export type FiatReferenceCheck = (world: World, isoCode: string) => boolean;

const checks: { check: FiatReferenceCheck; what: string }[] = [];

/** Declares that records of another area may name a fiat currency; `what` names them in the 409 message. */
export function registerFiatReference(check: FiatReferenceCheck, what = 'other records'): void {
  if (!checks.some((c) => c.check === check)) checks.push({ check, what });
}

/** The first registered kind of record that names isoCode, or undefined when none does. */
export function externalFiatReference(world: World, isoCode: string): string | undefined {
  return checks.find((c) => c.check(world, isoCode))?.what;
}
