// The docs' example requests work word for word against the seeded world: no seeded user holds an email or a phone
// number that a documented example uses (alice used to hold the docs' +254712345678, so the docs' register example
// answered 409), and every documented example that creates or renames a user, sent as written (only ids and tokens
// replaced), answers the documented success status.
import { describe, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Sandbox } from '../../src/sandbox.ts';
import { FIXTURE_USERS, FIXTURE_PASSWORD } from '../../fixtures/default-world.ts';

const doc = JSON.parse(readFileSync('contracts/openapi.json', 'utf8'));
const SHARED = '../shared/api-reference';
const docsText = existsSync(SHARED) ? readdirSync(SHARED).filter((f) => f.endsWith('.md')).map((f) => readFileSync(`${SHARED}/${f}`, 'utf8')).join('\n') : '';
const digits = (phone: string) => phone.replace(/\D/g, '');

/** Every documented request example of the catalog: [operation, method, path, body]. */
const examples = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
  ['post', 'put', 'patch'].filter((m) => item[m]?.requestBody?.content?.['application/json']).flatMap((method) => {
    const op = item[method];
    const media = op.requestBody.content['application/json'];
    const bodies = media.example !== undefined ? [media.example] : Object.values(media.examples ?? {}).map((e: any) => e.value);
    return bodies.map((body) => ({ op, method: method.toUpperCase(), path, body }));
  }));

describe('documented examples against the seeded world', () => {
  test('no seeded user holds an email or phone number of a documented example (docs pages and contract examples)', () => {
    const contractText = JSON.stringify(examples.map((e) => e.body));
    const clashes = FIXTURE_USERS.flatMap((u) => [u.email, u.phone_number].filter((value) =>
      contractText.includes(value) || docsText.includes(value) || (value.startsWith('+') && (contractText.includes(`"${digits(value)}"`) || docsText.includes(digits(value))))));
    expect(clashes).toEqual([]);
  });

  // The operations whose documented body carries an email or a phone number that the sandbox keeps unique.
  const creating = examples.filter((e) => /"email"/.test(JSON.stringify(e.body)) && !/login/.test(e.path));

  test('the catalog has such examples', () => {
    expect(creating.map((e) => e.op.operationId).sort()).toEqual(
      ['createMerchant', 'createMerchantWithSubMerchants', 'createSubMerchant', 'provisionUser', 'registerUser', 'updateMerchant']);
  });

  test.each(creating.map((e) => [e.op.operationId, e] as const))('%s: the documented example answers the documented success status', async (_id, e) => {
    const sandbox = new Sandbox({ start: new Date('2026-11-22T09:00:00Z'), frozen: true });
    const call = async (method: string, path: string, body?: unknown, token?: string) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await sandbox.handle(new Request(`https://crypto.westminister.tech${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
      return { status: res.status, body: await res.json() as any };
    };
    // The caller: the first role the operation allows (admin for the creators), or none for a public operation.
    const role = e.op['x-roles']?.[0];
    const caller = role ? FIXTURE_USERS.find((u) => u.role === role)! : null;
    const token = caller ? (await call('POST', '/api/v1/users/login', { email: caller.email, password: FIXTURE_PASSWORD })).body.access_token : undefined;
    // Ids replaced, nothing else: a merchant or vendor id (path or body) is the seeded master merchant's.
    const fixtures = (await call('GET', '/__sandbox/fixtures')).body;
    const vendorId = fixtures.users.find((u: any) => u.email === 'vendor@coinpool.test').id;
    const path = e.path.replace('{merchant_id}', vendorId);
    const replaceIds = (v: unknown): unknown => Array.isArray(v) ? v.map(replaceIds) : v && typeof v === 'object'
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, /(vendor|merchant)_id$/.test(k) && typeof x === 'string' ? vendorId : replaceIds(x)])) : v;
    const success = Number(Object.keys(e.op.responses).find((c) => c.startsWith('2')));
    const r = await call(e.method, path, replaceIds(e.body), token);
    expect(r.status, JSON.stringify(r.body)).toBe(success);
  }, 60_000);
});
