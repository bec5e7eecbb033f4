// The contract document itself: valid OpenAPI 3.1, complete against the documented endpoint list, examples that
// validate against their own schemas, and the house rules (unique operationIds, error responses, 401 on protected ops).
import { describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// CONTRACT_DIR lets one fragment be checked alone (see scripts/build-contract.mjs --only).
const dir = process.env.CONTRACT_DIR ?? 'contracts';
// The documented endpoint list: ../shared when this checkout sits beside it, else the copy kept in contracts/reference
// (a clean clone in CI may have no ../shared).
const SHARED_ENDPOINTS = '../shared/api-reference/ENDPOINTS.md';
const VENDORED_ENDPOINTS = 'contracts/reference/ENDPOINTS.md';
const doc = JSON.parse(readFileSync(`${dir}/openapi.json`, 'utf8'));
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const operations = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] })));

function makeAjv() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  (addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);
  ajv.addSchema(doc, 'contract');
  return ajv;
}

/** Rewrites local refs so a fragment of the document can be compiled against the registered whole. */
function anchored(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', '"$ref":"contract#/'));
}

describe('contract document', () => {
  test.skipIf(dir !== 'contracts')('merged files are up to date with contracts/src', () => {
    execFileSync('node', ['scripts/build-contract.mjs', '--check'], { stdio: 'pipe' });
  });

  test('is valid OpenAPI 3.1 and every $ref resolves', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const refs = new Set<string>();
    JSON.stringify(doc, (k, v) => { if (k === '$ref') refs.add(v); return v; });
    const unresolved = [...refs].filter((ref) => {
      if (!ref.startsWith('#/')) return true;
      let node: any = doc;
      for (const key of ref.slice(2).split('/')) node = node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')];
      return node === undefined;
    });
    expect(unresolved).toEqual([]);
  });

  test('has every documented endpoint (the comparison of shared/tools/endpoints.mjs)', () => {
    // The same matching as the shared tool: method + path with parameters blanked, with or without the servers' base path.
    const table = existsSync(SHARED_ENDPOINTS) ? readFileSync(SHARED_ENDPOINTS, 'utf8') : readFileSync(VENDORED_ENDPOINTS, 'utf8');
    const documented = table.split('\n').map((line) => line.split('|').map((c) => c.trim()))
      .filter((c) => /^\d+$/.test(c[1] ?? '')).map((c) => ({ n: Number(c[1]), method: c[2].toUpperCase(), path: c[3] }));
    const shape = (p: string) => p.replace(/\{[^}]+\}/g, '{}').replace(/\/+$/, '');
    const have = new Set(operations.map((o) => `${o.method.toUpperCase()} ${shape(o.path)}`));
    const base = String(doc.servers?.[0]?.url ?? '').replace(/^[a-z]+:\/\/[^/]+/i, '');
    const missing = documented.filter((e) => !have.has(`${e.method} ${shape(e.path)}`)
      && !have.has(`${e.method} ${shape(e.path.startsWith(base) ? e.path.slice(base.length) || '/' : e.path)}`));
    expect(documented).toHaveLength(103);
    expect(missing.map((e) => `#${e.n} ${e.method} ${e.path}`)).toEqual([]);
  });

  test.skipIf(!existsSync(SHARED_ENDPOINTS))('the vendored endpoint list is the shared one, and the shared tool agrees', () => {
    expect(readFileSync(VENDORED_ENDPOINTS, 'utf8')).toBe(readFileSync(SHARED_ENDPOINTS, 'utf8'));
    const out = execFileSync('node', ['../shared/tools/endpoints.mjs', '--contract', `${dir}/openapi.yaml`], { encoding: 'utf8' });
    expect(out).toMatch(/missing: 0 /);
  });

  test('operationIds are unique and present', () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('every operation has a 2xx and an error response, a tag, a summary and a description', () => {
    const bad = operations.filter(({ op }) => {
      const codes = Object.keys(op.responses ?? {});
      return !codes.some((c) => /^2/.test(c)) || !codes.some((c) => /^[45]/.test(c)) || !op.tags?.length || !op.summary || !op.description;
    }).map((o) => `${o.method} ${o.path}`);
    expect(bad).toEqual([]);
  });

  test('every protected operation documents 401; every operation with a JSON body documents 400', () => {
    const protectedWithout401 = operations.filter(({ op }) => {
      const security = op.security ?? doc.security;
      const isPublic = security.length === 0 || security.some((s: object) => Object.keys(s).length === 0);
      return !isPublic && !op.responses['401'];
    }).map((o) => `${o.method} ${o.path}`);
    expect(protectedWithout401).toEqual([]);
    const bodyWithout400 = operations.filter(({ op }) => op.requestBody && !op.responses['400']).map((o) => `${o.method} ${o.path}`);
    expect(bodyWithout400).toEqual([]);
  });

  test('every example validates against its own schema', () => {
    const ajv = makeAjv();
    const failures: string[] = [];
    const check = (schema: unknown, value: unknown, where: string) => {
      const validate = ajv.compile(anchored(schema) as object);
      if (!validate(value)) failures.push(`${where}: ${ajv.errorsText(validate.errors)}`);
    };
    // Media-type examples (request bodies and responses).
    for (const { path, method, op } of operations) {
      const media: [string, any][] = [];
      for (const [ct, m] of Object.entries(op.requestBody?.content ?? {})) media.push([`${method} ${path} request ${ct}`, m]);
      for (const [code, r] of Object.entries(op.responses ?? {}) as [string, any][]) {
        const resolved = r.$ref ? doc.components.responses[r.$ref.split('/').pop()] : r;
        for (const [ct, m] of Object.entries(resolved.content ?? {})) media.push([`${method} ${path} ${code} ${ct}`, m]);
      }
      for (const [where, m] of media) {
        if (!m.schema || (m.schema.format === 'binary')) continue;
        if ('example' in m) check(m.schema, m.example, where);
        for (const [name, ex] of Object.entries(m.examples ?? {}) as [string, any][]) {
          if ('value' in ex) check(m.schema, ex.value, `${where} example ${name}`);
        }
      }
    }
    // Schema-level `examples` arrays of components.
    for (const [name, schema] of Object.entries(doc.components.schemas) as [string, any][]) {
      for (const [i, ex] of (schema.examples ?? []).entries()) check({ $ref: `#/components/schemas/${name}` }, ex, `components.schemas.${name}.examples[${i}]`);
    }
    expect(failures).toEqual([]);
  });
});
