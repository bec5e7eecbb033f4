// The fiat currency catalog: codes every `fiat_currency` request field is checked against. iso_code is upper-case,
// unique and immutable; a referenced code cannot be deleted (retire it with is_active false instead).
import type { World } from '../../kernel/world.ts';
import { badRequest, conflict, invalidField, notFound, alreadyExists } from '../../kernel/errors.ts';
import type { FiatCurrencyRow } from './types.ts';
import type { CreateFiatCurrencyFields, UpdateFiatCurrencyFields } from '../../../contracts/generated/types.js';
import { fiatCurrencies, findFiatCurrencyByCode, fxRateQuotes, pricingProfiles } from './tables.ts';
import { externalFiatReference } from './fiat-references.ts';

/**
 * The contract's fields (CreateFiatCurrencyFields, generated); the request validator fills in the defaulted ones, which
 * the seeders may leave out (createFiatCurrency applies the same defaults).
 */
export type NewFiatCurrency = Pick<CreateFiatCurrencyFields, 'iso_code' | 'display_name'>
  & Partial<Pick<CreateFiatCurrencyFields, 'fraction_digits' | 'sort_order' | 'is_active'>>;
/** The changeable fields of UpdateFiatCurrencyFields (iso_code is refused: it cannot change). */
export type FiatCurrencyPatch = Omit<UpdateFiatCurrencyFields, 'iso_code'>;

/** Catalog order: sort_order, then iso_code. */
const byCatalogOrder = (a: FiatCurrencyRow, b: FiatCurrencyRow) =>
  a.sort_order - b.sort_order || (a.iso_code < b.iso_code ? -1 : a.iso_code > b.iso_code ? 1 : 0);

export function listFiatCurrencyRows(world: World, activeOnly: boolean): FiatCurrencyRow[] {
  return fiatCurrencies(world).filter((c) => !activeOnly || c.is_active).sort(byCatalogOrder);
}

export function getFiatCurrency(world: World, id: string): FiatCurrencyRow {
  const row = fiatCurrencies(world).get(id);
  if (!row) throw notFound(`fiat currency ${id} not found`);
  return row;
}

export function isActiveFiat(world: World, iso: string): boolean {
  return findFiatCurrencyByCode(world, iso)?.is_active === true;
}

/**
 * The catalog's (upper-case) code of an active `fiat_currency`; otherwise the 400 every area answers for a code that
 * is not an active catalog code (pointer names the field, e.g. "/fiat_currency"; location "query" for query parameters).
 */
export function requireActiveFiat(world: World, iso: string, pointer = '/fiat_currency', location: 'body' | 'query' = 'body'): string {
  const row = findFiatCurrencyByCode(world, iso);
  if (!row) throw invalidField(pointer, `fiat currency ${iso} is not in the catalog`, location);
  if (!row.is_active) throw invalidField(pointer, `fiat currency ${iso} is not active`, location);
  return row.iso_code;
}

export function createFiatCurrency(world: World, input: NewFiatCurrency, id = world.random.uuid()): FiatCurrencyRow {
  const iso = input.iso_code.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(iso)) throw invalidField('/iso_code', 'must be three letters');
  if (findFiatCurrencyByCode(world, iso)) throw alreadyExists(`fiat currency ${iso} already exists`);
  const now = world.nowIso();
  return fiatCurrencies(world).insert({
    id, iso_code: iso, display_name: input.display_name, fraction_digits: input.fraction_digits ?? 2,
    sort_order: input.sort_order ?? 0, is_active: input.is_active ?? true, created_at: now, updated_at: now,
  });
}

export function updateFiatCurrency(world: World, id: string, patch: UpdateFiatCurrencyFields): FiatCurrencyRow {
  const row = getFiatCurrency(world, id);
  if ('iso_code' in patch) throw invalidField('/iso_code', 'iso_code cannot be changed');
  const changes: FiatCurrencyPatch = {};
  for (const key of ['display_name', 'fraction_digits', 'sort_order', 'is_active'] as const) {
    if (patch[key] !== undefined) (changes as Record<string, unknown>)[key] = patch[key];
  }
  if (Object.keys(changes).length === 0) throw badRequest('at least one of display_name, fraction_digits, sort_order, is_active is required');
  return fiatCurrencies(world).update(row.id, { ...changes, updated_at: world.nowIso() });
}

/** What names this code, pricing rows first, then the areas that registered a reference check. */
export function fiatReference(world: World, iso: string): string | undefined {
  if (pricingProfiles(world).find((p) => p.fiat_currency === iso)) return 'pricing profiles';
  if (fxRateQuotes(world).find((q) => q.fiat_currency === iso)) return 'fx rate quotes';
  return externalFiatReference(world, iso);
}

export function deleteFiatCurrency(world: World, id: string): FiatCurrencyRow {
  const row = getFiatCurrency(world, id);
  const usedBy = fiatReference(world, row.iso_code);
  if (usedBy) throw conflict(`fiat currency ${row.iso_code} is referenced by ${usedBy}; set is_active to false instead`);
  fiatCurrencies(world).delete(row.id);
  return row;
}
