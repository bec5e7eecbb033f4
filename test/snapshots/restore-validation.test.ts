// POST /__sandbox/restore validates the snapshot whole: a bad row, table, clock or nesting is refused with a 400
// naming the JSON pointer, and the world stays exactly as it was (the snapshot read before equals the one after).
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { CLOCK_MAX_MS } from '../../src/kernel/clock-range.ts';

const ctx = useServer();

type Snap = { version: number; seed: number; epoch: number; clock: { now_ms: number; frozen: boolean }; tables: Record<string, Record<string, unknown>[]>; blobs?: Record<string, string> };

let original: string;
const snap = (): Snap => JSON.parse(original);

async function read(): Promise<string> {
  const r = await fetch(`${ctx.server.url}/__sandbox/snapshot`);
  expect(r.status).toBe(200);
  return r.text();
}

async function restore(body: string) {
  const r = await fetch(`${ctx.server.url}/__sandbox/restore`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: r.status, body: await r.json() as { error: string; details?: { pointer: string; reason: string }[] } };
}

/** Restores `body`, expects a 400 naming `pointer` (and `reason`), and the world unchanged. */
async function refused(body: string, pointer: string, reason?: RegExp) {
  const before = await read();
  const r = await restore(body);
  expect(r.status, JSON.stringify(r.body)).toBe(400);
  expect(r.body.error).toMatch(/^invalid snapshot, nothing was restored: /);
  expect(r.body.details![0].pointer).toBe(pointer);
  if (reason) expect(r.body.details![0].reason).toMatch(reason);
  expect(r.body.error).toContain(pointer);
  expect(await read()).toBe(before);
  return r.body;
}

beforeAll(async () => { original = await read(); });

describe('restore refuses a bad snapshot whole and leaves the world untouched', () => {
  test('a balance amount that is not a decimal string', async () => {
    const s = snap();
    s.tables.balances[3].amount = 'abc';
    await refused(JSON.stringify(s), '/tables/balances/3/amount', /decimal string/);
  });

  test('a missing balances table', async () => {
    const s = snap();
    delete s.tables.balances;
    await refused(JSON.stringify(s), '/tables/balances', /is missing/);
  });

  test('a version-1 snapshot without balances is refused too', async () => {
    const s = snap();
    s.version = 1;
    delete s.blobs;
    delete s.tables.balances;
    await refused(JSON.stringify(s), '/tables/balances', /is missing/);
  });

  test('a user without email', async () => {
    const s = snap();
    delete s.tables.users[2].email;
    await refused(JSON.stringify(s), '/tables/users/2/email', /is required/);
  });

  test('a field nested 20,000 levels deep (refused before it is parsed)', async () => {
    const s = snap();
    s.tables.users[0].first_name = '__DEEP__';
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    await refused(JSON.stringify(s).replace('"__DEEP__"', deep), '/tables/users/0', /nests deeper than 32 levels/);
  });

  test('clock values outside 1970 ≤ t < 9000, 1e16 among them', async () => {
    for (const now of [1e16, CLOCK_MAX_MS, -1, 1.5]) {
      const s = snap();
      s.clock.now_ms = now;
      await refused(JSON.stringify(s), '/clock/now_ms');
    }
    // The world still answers (1e16 used to brick every endpoint until reset).
    expect((await fetch(`${ctx.server.url}/__sandbox/clock`)).status).toBe(200);
  });

  test('an enum value, a wrong type and an unknown field', async () => {
    let s = snap();
    s.tables.users[1].role = 'superuser';
    await refused(JSON.stringify(s), '/tables/users/1/role', /allowed values/);
    s = snap();
    s.tables.wallets[0].is_default = 'yes';
    await refused(JSON.stringify(s), '/tables/wallets/0/is_default', /boolean/);
    s = snap();
    s.tables.users[0].nickname = 'x';
    await refused(JSON.stringify(s), '/tables/users/0/nickname', /not a field/);
  });

  test('ids: empty, repeated within a table', async () => {
    let s = snap();
    s.tables.wallets[1].id = '';
    await refused(JSON.stringify(s), '/tables/wallets/1/id');
    s = snap();
    s.tables.users[3].id = s.tables.users[1].id as string;
    await refused(JSON.stringify(s), '/tables/users/3/id', /repeats the id/);
    s = snap();
    s.tables.users[0].id = 'not-a-uuid';
    await refused(JSON.stringify(s), '/tables/users/0/id', /uuid/);
  });

  test('a reference to a row the snapshot does not hold', async () => {
    const s = snap();
    s.tables.balances[0].wallet_id = '11111111-1111-4111-8111-111111111111';
    await refused(JSON.stringify(s), '/tables/balances/0/wallet_id', /refers to wallets row/);
  });

  test('a timestamp that is not a date-time', async () => {
    const s = snap();
    s.tables.users[0].created_at = 'yesterday';
    await refused(JSON.stringify(s), '/tables/users/0/created_at', /date-time/);
  });

  test('unknown tables and snapshot fields, malformed or truncated JSON, an empty body', async () => {
    let s: Record<string, unknown> = snap();
    (s.tables as Record<string, unknown>).secrets = [];
    await refused(JSON.stringify(s), '/tables/secrets', /not a table of this sandbox/);
    s = snap();
    s.extra = 1;
    await refused(JSON.stringify(s), '/extra', /not a snapshot field/);
    await refused(original.slice(0, original.indexOf('"balances":[') + 12), '/tables/balances', /ends before this value is complete/);
    await refused(original.replace('"tables":{', '"tables":{,'), '/tables', /expected a key/);
    await refused('', '/', /empty/);
    await refused('[1,2]', '/', /must be an object/);
  });

  test('a file reference without its blob', async () => {
    const s = snap();
    s.tables.otc_proof_files = [{ id: 'f1', deposit_id: 'd1', file_name: 'a.pdf', mime_type: 'application/pdf', size_bytes: 5,
      sha256: 'ab'.repeat(32), base64: `sha256:${'ab'.repeat(32)}`, uploaded_at: '2026-11-22T10:00:00Z' }];
    const body = await refused(JSON.stringify(s), '/tables/otc_proof_files/0/base64', /not under \/blobs/);
    expect(body.details!.map((d) => d.pointer)).toContain('/tables/otc_proof_files/0/deposit_id');
  });

  test('a blob whose bytes do not hash to its key', async () => {
    const s = snap();
    s.blobs = { ['cd'.repeat(32)]: btoa('%PDF-1.7 not these bytes') };
    await refused(JSON.stringify(s), `/blobs/${'cd'.repeat(32)}`, /SHA-256 is/);
  });

  test('another seed: 422, world untouched', async () => {
    const before = await read();
    const s = snap();
    s.seed = 7;
    const r = await restore(JSON.stringify(s));
    expect(r.status).toBe(422);
    expect(r.body.error).toMatch(/taken with seed 7/);
    expect(await read()).toBe(before);
  });
});

describe('prototype names in a snapshot are plain data', () => {
  test('__proto__ and constructor as snapshot keys, table names and row fields are refused, nothing polluted', async () => {
    await refused(original.replace('{"version"', '{"__proto__":{"polluted":1},"version"'), '/__proto__', /not a snapshot field/);
    await refused(original.replace('"tables":{', '"tables":{"constructor":[],'), '/tables/constructor', /not a table/);
    await refused(original.replace('"tables":{', '"tables":{"__proto__":[{"id":"x"}],'), '/tables/__proto__', /not a table/);
    const s = snap();
    await refused(JSON.stringify(s).replace(`{"id":"${s.tables.users[0].id}"`, `{"__proto__":{"role":"admin"},"id":"${s.tables.users[0].id}"`),
      '/tables/users/0/__proto__', /not a field/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  test('prototype names inside free-form data restore as ordinary keys and come back out unchanged', async () => {
    const s = snap();
    const payload = { __proto__: { polluted: 1 }, constructor: 'c', toString: 't', order_id: 'o' };
    const job = { id: 'job-900', seq: 900, due_ms: s.clock.now_ms + 86_400_000, kind: 'order_expiry', payload };
    const text = JSON.stringify(s).replace('"jobs":[]', `"jobs":[${JSON.stringify(job).replace('"payload":{', '"payload":{"__proto__":{"polluted":1},')}]`);
    const r = await restore(text);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const after = JSON.parse(await read()) as Snap;
    expect(JSON.stringify(after.tables.jobs[0].payload)).toBe('{"__proto__":{"polluted":1},"constructor":"c","toString":"t","order_id":"o"}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await fetch(`${ctx.server.url}/__sandbox/world`)).status).toBe(200);
    expect((await restore(original)).status).toBe(200);
  });
});
