// A value valid against a JSON schema of a contract, for answers the sandbox makes up without running an operation
// (Prefer: code=..., status and malformed faults) when the contract carries no example. Deterministic: the same
// schema gives the same value. Examples written in the schema win; otherwise the smallest value the keywords allow.
import type { OpenApiDocument } from './document.ts';
import { resolvePointer } from './operations.ts';
import { sampleOfPattern } from './regex-sample.ts';

type Schema = Record<string, any>;

const FORMATS: Record<string, string> = {
  'date-time': '2026-11-22T10:00:00Z',
  date: '2026-11-22',
  time: '10:00:00Z',
  uuid: '00000000-0000-4000-8000-000000000000',
  email: 'user@example.com',
  uri: 'https://example.com/',
  'uri-reference': 'https://example.com/',
  url: 'https://example.com/',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  byte: 'AAAA',
};

export function sampleOf(doc: OpenApiDocument, schema: unknown, depth = 0): unknown {
  if (schema === true || schema === undefined || schema === null) return {};
  let s = schema as Schema;
  if (depth > 30) return null;
  if (typeof s.$ref === 'string') {
    const { $ref, ...rest } = s;
    s = { ...(resolvePointer(doc, $ref) as Schema), ...rest };
  }
  if ('const' in s) return s.const;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if ('example' in s) return s.example;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  if ('default' in s) return s.default;
  if (Array.isArray(s.allOf)) {
    const parts = s.allOf.map((p: unknown) => sampleOf(doc, p, depth + 1));
    const { allOf: _a, ...own } = s;
    const mine = Object.keys(own).some((k) => ['type', 'properties', 'required'].includes(k)) ? sampleOf(doc, own, depth + 1) : undefined;
    if (parts.every((p: unknown) => p && typeof p === 'object' && !Array.isArray(p))) return Object.assign({}, ...parts, mine ?? {});
    return parts[0];
  }
  const branches = s.oneOf ?? s.anyOf;
  if (Array.isArray(branches) && branches.length) {
    const { oneOf: _o, anyOf: _n, ...own } = s;
    const branch = branches.find((b: Schema) => !isNullOnly(doc, b)) ?? branches[0];
    const value = sampleOf(doc, branch, depth + 1);
    if (own.properties && value && typeof value === 'object') return { ...(sampleOf(doc, own, depth + 1) as object), ...value };
    return value;
  }
  const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : s.properties ? ['object'] : s.items ? ['array'] : [];
  const type = types.find((t) => t !== 'null') ?? types[0];
  switch (type) {
    case 'null': return null;
    case 'boolean': return false;
    case 'integer':
    case 'number': return numberOf(s, type === 'integer');
    case 'string': return stringOf(s);
    case 'array': {
      const n = Math.max(s.minItems ?? 0, 0);
      return Array.from({ length: n }, () => sampleOf(doc, s.items ?? {}, depth + 1));
    }
    case 'object':
    default: {
      const out: Record<string, unknown> = {};
      const props = (s.properties ?? {}) as Record<string, unknown>;
      for (const name of (s.required ?? []) as string[]) out[name] = sampleOf(doc, props[name] ?? {}, depth + 1);
      // minProperties: fill in the optional properties too, in the order the schema lists them.
      for (const name of Object.keys(props)) {
        if (Object.keys(out).length >= (s.minProperties ?? 0)) break;
        if (!(name in out)) out[name] = sampleOf(doc, props[name], depth + 1);
      }
      return out;
    }
  }
}

function isNullOnly(doc: OpenApiDocument, schema: Schema): boolean {
  const s = typeof schema?.$ref === 'string' ? resolvePointer(doc, schema.$ref) as Schema : schema;
  return s?.type === 'null';
}

function numberOf(s: Schema, integer: boolean): number {
  let n = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + (integer ? 1 : 0.5) : 0;
  if (typeof s.maximum === 'number' && n > s.maximum) n = s.maximum;
  if (typeof s.multipleOf === 'number' && s.multipleOf > 0) n = Math.ceil(n / s.multipleOf) * s.multipleOf;
  return integer ? Math.ceil(n) : n;
}

function stringOf(s: Schema): string {
  let value = typeof s.pattern === 'string' ? sampleOfPattern(s.pattern) : (FORMATS[s.format as string] ?? 'string');
  const min = s.minLength ?? 0;
  if (value.length < min) value = value.padEnd(min, 'x');
  if (typeof s.maxLength === 'number' && value.length > s.maxLength) value = value.slice(0, s.maxLength);
  return value;
}
