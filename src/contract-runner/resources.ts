// What kind of thing an id names, worked out from the contract alone: the static path segments around it
// (`/otc/deposits/{id}` → "otcdeposit", "deposit"), the component schema the response uses (`OtcDeposit`), and the
// property a nested object sits under (`user: {...}` → "user"). Request fields are matched the same way
// (`pricing_profile_id` → "pricingprofile"), so nothing here lists the API's resources by hand.
import type { OperationSpec } from '../contracts/operations.ts';
import { deref, schemaName, successStatuses, type HarnessContract } from './contract.ts';

/** lower-case letters and digits only: "fx-quotes" and "FxQuote" meet. */
export const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

export function singular(word: string): string {
  if (/ies$/.test(word)) return word.slice(0, -3) + 'y';
  if (/(ss|us)$/.test(word)) return word;
  if (/sses$|xes$|ches$|shes$/.test(word)) return word.slice(0, -2);
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

const NOISE = new Set(['api', 'v1', 'auth', 'id']);

/** Static segments of a path up to (not including) segment index `end`, without api/v1/auth/id. */
function staticsBefore(segments: string[], end: number): string[] {
  return segments.slice(0, end).filter((s) => !s.includes('{') && !NOISE.has(s)).map(singular);
}

function keysOf(statics: string[]): string[] {
  if (!statics.length) return [];
  const keys = [norm(statics.join('')), norm(statics[statics.length - 1])];
  return [...new Set(keys.filter(Boolean))];
}

/** Keys for what an operation's success response is about: the path before its first parameter. */
export function responseKeys(op: OperationSpec): string[] {
  const segments = op.path.split('/').filter(Boolean);
  const firstParam = segments.findIndex((s) => s.includes('{'));
  const statics = staticsBefore(segments, firstParam < 0 ? segments.length : firstParam);
  const keys = keysOf(statics);
  // `/otc/deposits/draft`, `/orders/pending`: the collection the action lives under.
  if (firstParam < 0 && statics.length > 1) keys.push(...keysOf(statics.slice(0, -1)));
  for (const code of successStatuses(op)) {
    const name = schemaName(op.responses[code]?.content?.['application/json']?.schema);
    if (name) keys.push(norm(name));
  }
  return [...new Set(keys)];
}

/** Keys an id path parameter can be filled from, most specific first. */
export function pathParamKeys(contract: HarnessContract, op: OperationSpec, param: string): string[] {
  const segments = op.path.split('/').filter(Boolean);
  const index = segments.findIndex((s) => s.includes(`{${param}}`));
  const keys: string[] = [];
  if (param !== 'id') keys.push(...fieldKeys(param));
  const statics = staticsBefore(segments, index);
  keys.push(norm(statics.join('')));
  // The schema of what GET on the same prefix answers (`GET /otc/deposits/{id}` → OtcDeposit).
  const prefix = '/' + segments.slice(0, index + 1).join('/');
  for (const other of contract.compiled.operations) {
    if (other.path !== prefix && !other.path.startsWith(prefix + '/')) continue;
    for (const code of successStatuses(other)) {
      const name = schemaName(other.responses[code]?.content?.['application/json']?.schema);
      if (name) keys.push(norm(name));
    }
  }
  if (statics.length) keys.push(norm(statics[statics.length - 1]));
  return [...new Set(keys.filter(Boolean))];
}

/** Keys a request field naming an id can be filled from: `from_wallet_id` → "fromwallet", "wallet". */
export function fieldKeys(field: string): string[] {
  const base = field.replace(/_?ids?$/i, '');
  const words = base.split(/[_-]/).filter(Boolean).map(singular);
  const keys: string[] = [];
  for (let i = 0; i < words.length; i++) keys.push(norm(words.slice(i).join('')));
  return [...new Set(keys.filter(Boolean))];
}

/** The schema of a property (following refs and allOf), for naming nested objects by their component schema. */
export function propertySchema(contract: HarnessContract, schema: unknown, key: string): unknown {
  const s = deref(contract.compiled.document, schema as any);
  if (!s || typeof s !== 'object') return undefined;
  if (s.properties?.[key]) return s.properties[key];
  for (const branch of [...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])]) {
    const found = propertySchema(contract, branch, key);
    if (found) return found;
  }
  return undefined;
}

export function itemsSchema(contract: HarnessContract, schema: unknown): unknown {
  const s = deref(contract.compiled.document, schema as any);
  return s?.items;
}
