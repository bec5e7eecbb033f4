// Deliberately wrong bodies per component schema fail with the error paths we expect: a schema that accepted them
// would let the sandbox (and the harness) wave through a server that drops a field or sends the wrong type.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const doc = JSON.parse(readFileSync('contracts/openapi.json', 'utf8'));
const schemas = doc.components.schemas as Record<string, any>;
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);
ajv.addSchema(doc, 'contract');

const COMPONENTS = ['User', 'Wallet', 'Balance', 'Offer', 'InitiateOrderPaymentResponse', 'OtcDeposit', 'OtcWithdrawal', 'PricingProfile',
  'FxRateQuote', 'FiatCurrency', 'Merchant', 'EscrowWallet', 'MultisigProposal', 'Transfer', 'NegotiatedFxReference'];

const refName = (s: any): string | undefined => (typeof s?.$ref === 'string' ? s.$ref.split('/').pop() : undefined);
const deref = (s: any): any => (refName(s) ? deref(schemas[refName(s)!]) : s);

/** Walks every documented example beside its schema and keeps the first value seen for each component. */
function examplesByComponent(): Map<string, any> {
  const found = new Map<string, any>();
  const walk = (schema: any, value: any, depth = 0): void => {
    if (!schema || value === undefined || value === null || depth > 8) return;
    const name = refName(schema);
    if (name) { if (!found.has(name) && typeof value === 'object') found.set(name, value); return walk(schemas[name], value, depth + 1); }
    for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) walk(part, value, depth + 1);
    if (Array.isArray(value) && schema.items) return walk(schema.items, value[0], depth + 1);
    if (typeof value === 'object' && schema.properties) for (const [k, s] of Object.entries(schema.properties)) walk(s, value[k], depth + 1);
  };
  for (const item of Object.values(doc.paths) as any[]) for (const op of Object.values(item) as any[]) {
    for (const r of Object.values(op?.responses ?? {}) as any[]) for (const m of Object.values(r.content ?? {}) as any[]) {
      if ('example' in m) walk(m.schema, m.example);
      for (const ex of Object.values(m.examples ?? {}) as any[]) walk(m.schema, ex.value);
    }
  }
  return found;
}

const validate = (name: string, value: unknown): ErrorObject[] => {
  const v = ajv.getSchema(`contract#/components/schemas/${name}`)!;
  return v(value) ? [] : [...(v.errors ?? [])];
};
const paths = (errors: ErrorObject[]) => errors.map((e) => (e.keyword === 'required' ? `${e.instancePath}/${(e.params as any).missingProperty}` : e.instancePath));

describe('deliberately wrong bodies', () => {
  const examples = examplesByComponent();

  test.each(COMPONENTS)('%s: its example passes; a missing field, a wrong type and a bad enum fail at their paths', (name) => {
    const example = examples.get(name);
    expect(example, `no documented example reaches ${name}`).toBeDefined();
    expect(paths(validate(name, example))).toEqual([]);
    const schema = deref(schemas[name]);
    const required: string[] = schema.required ?? [];
    const props = schema.properties as Record<string, any>;

    const missing = required[0];
    const { [missing]: _dropped, ...withoutField } = example;
    expect(paths(validate(name, withoutField))).toContain(`/${missing}`);

    const stringField = required.find((k) => deref(props[k])?.type === 'string');
    expect(stringField, `${name} has a required string field`).toBeDefined();
    expect(paths(validate(name, { ...example, [stringField!]: 12345 }))).toContain(`/${stringField}`);

    const enumField = Object.keys(props).find((k) => Array.isArray(deref(props[k])?.enum) && k in example);
    if (enumField) expect(paths(validate(name, { ...example, [enumField]: 'not-a-member' }))).toContain(`/${enumField}`);
  });

  test('a number where the docs site rendered an address or phone is refused', () => {
    const user = examples.get('User');
    expect(paths(validate('User', { ...user, phone_number: 254712345678 }))).toContain('/phone_number');
    const wallet = examples.get('Wallet');
    expect(paths(validate('Wallet', { ...wallet, address: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed }))).toContain('/address');
  });
});
