// Property-based fuzz of every operation of both contracts (issue 17): requests derived from the contract (the
// documented example body, declared path and query parameters) with mutated bodies, query keys (prototype names
// included), path ids and headers. Whatever arrives: no 5xx, an error body of the documented shape, and a refused
// request writes nothing (Journal.version). Seeded, and bounded in runs per operation so the file stays well under 30 s.
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { Sandbox } from '../../src/sandbox.ts';
import { productDocument, controlDocument } from '../../src/contracts/document.ts';
import { readOperations, type OperationSpec } from '../../src/contracts/operations.ts';
import { mediaExample } from '../../src/contract-runner/contract.ts';
import type { OpenApiDocument } from '../../src/contracts/document.ts';
import { FIXTURE_PASSWORD } from '../../fixtures/default-world.ts';

const SEED = 20261706;
const RUNS_PER_OPERATION = 16;
const ROLES = ['admin', 'vendor', 'alice'] as const;
const PROTOTYPE_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf', 'prototype', '__defineSetter__'];
const UNKNOWN_ID = '3c90c3cc-0d44-4b50-8888-8dd25736052a';
/**
 * Left out, with the reason: restoreSnapshot replaces the world with whatever it is sent (a whole-snapshot validation
 * is another change's work); registerWebhook would have the sandbox POST to whatever host a mutated URL names.
 */
const SKIPPED = new Set(['restoreSnapshot', 'registerWebhook']);

const sandbox = new Sandbox({ start: new Date('2026-11-22T09:00:00Z'), frozen: true });
const tokens: Record<string, string> = {};
let tokensOf: unknown = null;

async function send(method: string, url: string, headers: Record<string, string>, body: string | undefined) {
  const res = await sandbox.handle(new Request(`http://sandbox.local${url}`, { method, headers, body }));
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

/** Logins of the seeded users, taken again after a fuzzed reset replaced the world (old tokens are then 401). */
async function ensureTokens(): Promise<void> {
  if (tokensOf === sandbox.world) return;
  for (const role of ROLES) {
    const r = await send('POST', '/api/v1/users/login', { 'content-type': 'application/json' }, JSON.stringify({ email: `${role}@coinpool.test`, password: FIXTURE_PASSWORD }));
    tokens[role] = JSON.parse(r.text).access_token;
  }
  tokensOf = sandbox.world;
}
beforeAll(ensureTokens);

// ---------- arbitraries ----------

const hostileString = fc.oneof(
  fc.constantFrom(...PROTOTYPE_NAMES, '', ' ', '0', '-1', '1e308', 'NaN', 'null', 'true', '%00', '\u0000\u202e', '../..', 'x'.repeat(300),
    '99999999999999999999.99999999', '0.000000001', '2026-02-30T00:00:00Z', '9999-12-31T23:59:59Z', '1969-12-31T23:59:59Z', UNKNOWN_ID),
  fc.string({ maxLength: 40 }),
);
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
  fc.constant({ nested: { deeper: [1, 2, 3] } }), fc.constant([]), fc.constant({}),
  fc.jsonValue({ maxDepth: 3 }),
);

type BodyMutation = (example: Record<string, unknown>) => fc.Arbitrary<unknown>;
const bodyMutations: BodyMutation[] = [
  (ex) => fc.constant(ex),
  (ex) => (Object.keys(ex).length ? fc.constantFrom(...Object.keys(ex)).map((k) => { const c = { ...ex }; delete c[k]; return c; }) : fc.constant({})),
  (ex) => (Object.keys(ex).length
    ? fc.tuple(fc.constantFrom(...Object.keys(ex)), hostileJson).map(([k, v]) => ({ ...ex, [k]: v }))
    : hostileJson.map((v) => ({ field: v }))),
  (ex) => fc.tuple(fc.constantFrom(...PROTOTYPE_NAMES), hostileJson).map(([k, v]) => JSON.parse(JSON.stringify(ex).replace(/^\{/, `{${JSON.stringify(k)}:${JSON.stringify(v ?? null)},`).replace(/,\}$/, '}'))),
  () => hostileJson,
];

function exampleBody(doc: OpenApiDocument, op: OperationSpec): Record<string, unknown> {
  const value = mediaExample(doc, op.requestBody?.content['application/json']);
  return value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {};
}

interface FuzzedRequest { path: string; query: [string, string][]; headers: Record<string, string>; body: string | undefined }

function requestFor(doc: OpenApiDocument, op: OperationSpec): fc.Arbitrary<FuzzedRequest> {
  const pathNames = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const path = fc.array(fc.oneof(fc.constant(UNKNOWN_ID), hostileString.filter((s) => s.length > 0)), { minLength: pathNames.length, maxLength: pathNames.length })
    .map((values) => pathNames.reduce((p, name, i) => p.replace(`{${name}}`, encodeURIComponent(values[i])), op.path));
  const declared = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const query = fc.array(fc.tuple(fc.constantFrom(...declared, ...PROTOTYPE_NAMES), hostileString), { maxLength: 5 });
  const auth: fc.Arbitrary<Record<string, string>> = fc.oneof(
    fc.constantFrom(...ROLES).map((role): Record<string, string> => ({ authorization: `Bearer ${tokens[role]}` })),
    fc.constantFrom<Record<string, string>>({}, { authorization: 'Bearer v4.local.forged' }, { authorization: 'Basic YTpi' }, { authorization: 'Bearer' }),
  );
  const extraHeaders = fc.dictionary(fc.constantFrom('idempotency-key', 'x-request-id', 'accept', 'x-sandbox-unlogged'), fc.string({ maxLength: 20 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')), { maxKeys: 2 });
  const takesJson = !!op.requestBody?.content['application/json'];
  const example = exampleBody(doc, op);
  const body = takesJson
    ? fc.oneof(...bodyMutations.map((m) => m(example))).map((b) => (b === undefined ? undefined : JSON.stringify(b)))
    : fc.constant(undefined);
  const contentType = fc.constantFrom<string>('application/json', 'application/json', 'text/plain', 'application/json; charset=utf-8');
  return fc.record({ path, query, auth, extraHeaders, body, contentType }).map(({ path: p, query: q, auth: a, extraHeaders: h, body: b, contentType: ct }) => ({
    path: p, query: q, body: b, headers: { ...h, ...a, ...(b === undefined ? {} : { 'content-type': ct }) } as Record<string, string>,
  }));
}

// ---------- the property ----------

const operations = [
  ...readOperations(productDocument).map((op) => [productDocument, op] as const),
  ...readOperations(controlDocument).map((op) => [controlDocument, op] as const),
].filter(([, op]) => !SKIPPED.has(op.operationId) && !op.requestBody?.content['multipart/form-data']);

function checkErrorBody(status: number, text: string, type: string | null): string | null {
  if (status < 400) return null;
  if (!type?.startsWith('application/json')) return `error without a JSON body (${type})`;
  let body: unknown;
  try { body = JSON.parse(text); } catch { return 'error body is not JSON'; }
  const b = body as { error?: unknown; details?: unknown };
  if (typeof b.error !== 'string' || !b.error) return 'error body has no "error" message';
  if (b.details !== undefined) {
    if (!Array.isArray(b.details)) return '"details" is not an array';
    for (const d of b.details as { location?: unknown; pointer?: unknown; reason?: unknown }[]) {
      if (!['body', 'query', 'path', 'header'].includes(String(d.location)) || typeof d.pointer !== 'string' || typeof d.reason !== 'string') {
        return `malformed detail ${JSON.stringify(d)}`;
      }
    }
  }
  return null;
}

describe('fuzz: every operation, contract-derived hostile requests', () => {
  test(`${operations.length} operations × ${RUNS_PER_OPERATION} requests: no 5xx, documented error shape, nothing written on refusal`, { timeout: 60_000 }, async () => {
    expect(operations.length).toBeGreaterThan(90);
    let refused = 0;
    let accepted = 0;
    for (const [i, [doc, op]] of operations.entries()) {
      await fc.assert(fc.asyncProperty(requestFor(doc, op), async (req) => {
        await ensureTokens();
        sandbox.world.scheduler.runDue(); // what was due anyway happens before the "before" picture
        const world = sandbox.world;
        const before = world.journal.version;
        const search = new URLSearchParams(req.query).toString();
        const r = await send(op.method, req.path + (search ? `?${search}` : ''), req.headers, req.body);
        const call = `${op.operationId}: ${op.method} ${req.path}?${search} ${JSON.stringify(req.headers)} ${req.body?.slice(0, 200)} → ${r.status} ${r.text.slice(0, 300)}`;
        if (r.status >= 500) throw new Error(`5xx: ${call}`);
        const shape = checkErrorBody(r.status, r.text, r.type);
        if (shape) throw new Error(`${shape}: ${call}`);
        if (r.status >= 400) {
          refused++;
          if (sandbox.world === world && world.journal.version !== before) throw new Error(`refused but wrote: ${call}`);
        } else accepted++;
      }), { seed: SEED + i, numRuns: RUNS_PER_OPERATION, endOnFailure: true });
    }
    expect(refused).toBeGreaterThan(operations.length);
    expect(accepted).toBeGreaterThan(0);
    expect(sandbox.world.problems).toEqual([]);
  });
});
