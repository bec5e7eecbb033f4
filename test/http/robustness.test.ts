// No client mistake may crash the sandbox: every product operation, called by several roles with its documented
// example and with edgy variants of it (unknown ids, zero and huge amounts, far dates, empty strings, wrong types,
// garbage path parameters), answers a documented status below 500, a refused request changes nothing in the store,
// and nothing lands in the internal problem list.
// Strict mode is on, so a response that broke the contract would show up here as a 500 too.
import { beforeAll, describe, expect, test } from 'vitest';
import { Sandbox } from '../../src/sandbox.ts';
import { productDocument } from '../../src/contracts/document.ts';
import { readOperations, type OperationSpec } from '../../src/contracts/operations.ts';
import { mediaExample } from '../../src/contract-runner/contract.ts';
import { FIXTURE_PASSWORD } from '../../fixtures/default-world.ts';

const sandbox = new Sandbox({ start: new Date('2026-11-22T09:00:00Z'), frozen: true });
const operations = readOperations(productDocument);
const ROLES = ['admin', 'treasury', 'officer', 'vendor', 'alice'] as const;
const tokens: Record<string, string> = {};
const UNKNOWN_ID = '3c90c3cc-0d44-4b50-8888-8dd25736052a';
/** Accepted requests that wrote: proof that the store-change check can see a change at all. */
let acceptedWrites = 0;

async function send(method: string, path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await sandbox.handle(new Request(`http://sandbox.local${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  for (const role of ROLES) {
    const r = await send('POST', '/api/v1/users/login', undefined, { email: `${role}@coinpool.test`, password: FIXTURE_PASSWORD });
    tokens[role] = JSON.parse(r.text).access_token;
  }
});

function exampleBody(op: OperationSpec): Record<string, unknown> | undefined {
  const value = mediaExample(productDocument, op.requestBody?.content['application/json']);
  return value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}

/** The example, and copies with each field turned into values a careless or hostile client sends. */
function bodyVariants(example: Record<string, unknown>): unknown[] {
  const edgy = (value: unknown): unknown[] => {
    if (typeof value === 'string') {
      if (/^-?\d+(\.\d+)?$/.test(value)) return ['0', '0.00000001', '99999999999999999999.99999999', '-1'];
      if (/^[0-9a-f-]{36}$/i.test(value)) return [UNKNOWN_ID];
      if (/^\d{4}-\d\d-\d\d/.test(value)) return ['1970-01-01T00:00:00Z', '2999-12-31T23:59:59Z', '2026-02-30'];
      return ['', 'x'.repeat(600), '\u0000\u202e'];
    }
    if (typeof value === 'number') return [0, -1, 1e308];
    if (typeof value === 'boolean') return [!value];
    return [null];
  };
  const out: unknown[] = [example, {}, [], null];
  for (const [key, value] of Object.entries(example)) {
    for (const v of edgy(value)) out.push({ ...example, [key]: v });
    out.push({ ...example, [key]: { nested: [1, 2, 3] } });
  }
  return out;
}

function pathsOf(op: OperationSpec): string[] {
  const fill = (value: string) => op.path.replace(/\{[^}]+\}/g, value);
  return [fill(UNKNOWN_ID), fill('not-a-uuid'), fill('%2e%2e'), fill('x'.repeat(300))];
}

describe('robustness: no 5xx for any client input, nothing half-written', () => {
  test.each(operations.filter((op) => !op.requestBody?.content['multipart/form-data']).map((op) => [op.operationId, op] as const))(
    '%s', async (_id, op) => {
      const example = exampleBody(op);
      const bodies = op.requestBody ? (example ? bodyVariants(example) : [{}]) : [undefined];
      const failures: string[] = [];
      for (const role of op.isPublic ? [undefined] : ROLES) {
        const token = role && tokens[role];
        for (const path of pathsOf(op)) {
          for (const body of path === pathsOf(op)[0] ? bodies : bodies.slice(0, 1)) {
            sandbox.world.scheduler.runDue(); // what was due anyway happens before the "before" picture
            const before = sandbox.world.journal.version;
            const r = await send(op.method, path, token, body);
            const call = `${role ?? 'anonymous'} ${op.method} ${path} ${JSON.stringify(body)?.slice(0, 160)} → ${r.status}`;
            if (r.status >= 500) failures.push(`${call} ${r.text.slice(0, 300)}`);
            // A refused request leaves the store exactly as it was.
            else if (r.status >= 400 && sandbox.world.journal.version !== before) failures.push(`${call} changed the store`);
            else if (r.status < 300 && sandbox.world.journal.version !== before) acceptedWrites++;
          }
        }
      }
      // The first few, in full: one crash usually repeats for every variant.
      expect(failures.length, failures.slice(0, 3).join('\n')).toBe(0);
    });

  test('nothing failed inside the sandbox meanwhile; accepted requests did write', () => {
    expect(sandbox.world.problems).toEqual([]);
    expect(acceptedWrites).toBeGreaterThan(20);
  });
});
