// Who else names a fiat currency. Other areas (orders, offers, OTC, countries) register a check on each world so that
// deleting a catalog row can be refused while any record still names its iso_code, without this area importing theirs.
import type { World } from '../../kernel/world.ts';
import { hookKey } from '../../kernel/hooks.ts';

export type FiatReferenceCheck = (world: World, isoCode: string) => boolean;

const CHECKS = hookKey<{ check: FiatReferenceCheck; what: string }>('pricing.fiat-references');

/** Declares that records of another area may name a fiat currency; `what` names them in the 409 message. */
export function registerFiatReference(world: World, check: FiatReferenceCheck, what = 'other records'): void {
  if (!world.hooks.list(CHECKS).some((c) => c.check === check)) world.hooks.add(CHECKS, { check, what });
}

/** The first registered kind of record that names isoCode, or undefined when none does. */
export function externalFiatReference(world: World, isoCode: string): string | undefined {
  return world.hooks.list(CHECKS).find((c) => c.check(world, isoCode))?.what;
}
