// GET /__sandbox/snapshot streams a version-2 snapshot (chunked, proof files once by SHA-256) and POST
// /__sandbox/restore takes back whatever it produced, of any size, read incrementally, over HTTP and in-process.
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { tokens, upload, pendingBankDeposit, PDF } from '../otc/support.ts';
import { createSandbox } from '../../src/index.ts';
import { Sandbox } from '../../src/sandbox.ts';
import { DEFAULT_START } from '../../fixtures/default-world.ts';

const ctx = useServer();

type Row = Record<string, unknown> & { id: string };
type Snap = { version: number; seed: number; epoch: number; clock: { now_ms: number; frozen: boolean }; tables: Record<string, Row[]>; blobs: Record<string, string> };

async function snapshotText(): Promise<{ text: string; headers: Headers }> {
  const r = await fetch(`${ctx.server.url}/__sandbox/snapshot`);
  expect(r.status).toBe(200);
  return { text: await r.text(), headers: r.headers };
}
async function restore(body: BodyInit, init: Record<string, unknown> = {}) {
  const r = await fetch(`${ctx.server.url}/__sandbox/restore`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, ...init });
  return { status: r.status, body: await r.json() as Record<string, unknown> };
}

describe('snapshot format and streaming', () => {
  test('the snapshot is chunked, version 2, and lists every table (empty ones too)', async () => {
    const { text, headers } = await snapshotText();
    expect(headers.get('transfer-encoding')).toBe('chunked');
    expect(headers.get('content-length')).toBeNull();
    const s = JSON.parse(text) as Snap;
    expect(s.version).toBe(2);
    expect(Object.keys(s.tables)).toEqual(expect.arrayContaining(['users', 'wallets', 'balances', 'otc_proof_files', 'transfers', 'jobs']));
    expect(s.tables.otc_proof_files).toEqual([]);
    expect(s.blobs).toEqual({});
  });

  test('a proof uploaded three times is stored once, referenced by its SHA-256, and downloads intact after a restore', async () => {
    const t = await tokens(ctx.api);
    const pdf = PDF(40_000);
    const hash = createHash('sha256').update(pdf).digest('hex');
    const base64 = Buffer.from(pdf).toString('base64');
    const a = await pendingBankDeposit(ctx.api, t.vendor, { payment_reference: 'SNAP-A' });
    const b = await pendingBankDeposit(ctx.api, t.vendor, { payment_reference: 'SNAP-B' });
    for (const d of [a, b, a]) expect((await upload(ctx.api, t.vendor, d.deposit?.id ?? d.id, pdf)).status).toBe(200);

    const { text } = await snapshotText();
    expect(text.split(base64).length - 1).toBe(1);
    const s = JSON.parse(text) as Snap;
    expect(Object.keys(s.blobs)).toEqual([hash]);
    expect(s.tables.otc_proof_files).toHaveLength(3);
    for (const f of s.tables.otc_proof_files) expect(f.base64).toBe(`sha256:${hash}`);

    expect((await restore(text)).status).toBe(200);
    const deposit = s.tables.otc_deposits.find((d) => d.id === (b.deposit?.id ?? b.id))!;
    const download = await fetch(`${ctx.server.url}${deposit.proof_url as string}`, { headers: { authorization: `Bearer ${t.vendor}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
    // and the restored world writes the same snapshot again (tables and blobs identical)
    const again = JSON.parse((await snapshotText()).text) as Snap;
    expect(JSON.stringify(again.tables)).toBe(JSON.stringify(s.tables));
    expect(again.blobs).toEqual(s.blobs);
  });

  test('a body that arrives in 7-byte pieces restores (incremental parsing across every boundary)', async () => {
    const { text } = await snapshotText();
    const bytes = new TextEncoder().encode(text);
    let at = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) { controller.close(); return; }
        controller.enqueue(bytes.slice(at, at + 7));
        at += 7;
      },
    });
    const r = await restore(body, { duplex: 'half' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(JSON.stringify((JSON.parse((await snapshotText()).text) as Snap).tables)).toBe(JSON.stringify((JSON.parse(text) as Snap).tables));
  });

  test('a version-1 snapshot (bytes inline, no blobs, only some tables) still restores', async () => {
    const s = JSON.parse((await snapshotText()).text) as Snap;
    const v1 = { version: 1, seed: s.seed, epoch: s.epoch, clock: s.clock,
      tables: { users: s.tables.users, wallets: s.tables.wallets, balances: s.tables.balances, ledger_entries: s.tables.ledger_entries } };
    const r = await restore(JSON.stringify(v1));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const after = JSON.parse((await snapshotText()).text) as Snap;
    expect(after.tables.users).toEqual(s.tables.users);
    expect(after.tables.offers).toEqual([]);
  });
});

describe('consistency', () => {
  test('a snapshot holds the rows of the moment it was asked for, while the world changes under a slow reader', async () => {
    const sandbox = new Sandbox({ start: new Date(DEFAULT_START), frozen: true });
    const before = sandbox.world.exportState();
    const response = await sandbox.exchange({ method: 'GET', url: 'http://sandbox.test/__sandbox/snapshot', headers: new Headers(), hasBody: false,
      readBytes: async () => new Uint8Array() });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const pieces: Uint8Array[] = [(await reader.read()).value!];
    const wallet = before.tables.wallets[0];
    const faucet = await sandbox.handle(new Request('http://sandbox.test/__sandbox/faucet', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ wallet_id: wallet.id, asset: 'USDT', amount: '99' }) }));
    expect(faucet.status).toBe(200);
    for (let next = await reader.read(); !next.done; next = await reader.read()) pieces.push(next.value);
    const snapshot = JSON.parse(Buffer.concat(pieces).toString('utf8')) as Snap;
    for (const [name, rows] of Object.entries(before.tables)) expect(snapshot.tables[name], name).toEqual(rows);
    expect(sandbox.world.exportState().tables.ledger_entries.length).toBe(before.tables.ledger_entries.length + 1);
  });
});

describe('a large world', () => {
  test('a ~20 MB snapshot of many rows restores over HTTP and round-trips row for row', async () => {
    expect((await fetch(`${ctx.server.url}/__sandbox/reset`, { method: 'POST' })).status).toBe(200);
    const s = JSON.parse((await snapshotText()).text) as Snap;
    const alice = s.tables.users.find((u) => u.email === 'alice@coinpool.test')!;
    const wallet = s.tables.wallets.find((w) => w.user_id === alice.id)!;
    const uuid = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
    // Composed rows: 10,000 customers (alice's row under new ids and emails) and 80,000 ledger entries.
    for (let i = 0; i < 10_000; i++) {
      s.tables.users.push({ ...alice, id: uuid(i), email: `bulk${i}@example.test`, phone_number: `+2547${String(i).padStart(8, '0')}` });
    }
    for (let i = 0; i < 80_000; i++) {
      s.tables.ledger_entries.push({ id: `bulk-entry-${i}`, at: '2026-11-22T10:00:00Z', wallet_id: wallet.id, currency: 'USDT', delta: '0.00000000', kind: 'faucet', reference: `bulk-${i}` });
    }
    const text = JSON.stringify(s);
    expect(text.length).toBeGreaterThan(18_000_000);

    const r = await restore(text);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const after = JSON.parse((await snapshotText()).text) as Snap;
    expect(after.tables.users).toHaveLength(s.tables.users.length);
    expect(after.tables.ledger_entries).toHaveLength(s.tables.ledger_entries.length);
    expect(JSON.stringify(after.tables)).toBe(JSON.stringify(s.tables));
    // the restored rows are live: a composed customer logs in
    expect((await ctx.api.call('POST', '/api/v1/users/login', { body: { email: 'bulk9999@example.test', password: 'sandbox-password' } })).status).toBe(200);
  }, 60_000);
});

describe('in-process (library) host', () => {
  test('snapshot and restore through createSandbox', async () => {
    const sb = createSandbox({ start: new Date(DEFAULT_START), frozen: true, baseUrl: 'http://snapshots.sandbox.test' });
    try {
      const first = await sb.fetch('/__sandbox/snapshot');
      expect(first.status).toBe(200);
      const text = await first.text();
      await sb.fetch('/__sandbox/clock/advance', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seconds: 3600 }) });
      const r = await sb.fetch('/__sandbox/restore', { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
      expect(r.status).toBe(200);
      expect(((await r.json()) as { clock: string }).clock).toBe(new Date((JSON.parse(text) as Snap).clock.now_ms).toISOString().replace('.000Z', 'Z'));
      const bad = await sb.fetch('/__sandbox/restore', { method: 'POST', headers: { 'content-type': 'application/json' }, body: text.replace('"tables":{', '"tables":{"nope":[],') });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { details: { pointer: string }[] }).details[0].pointer).toBe('/tables/nope');
      const log = sb.sandbox.log.all().map((e) => `${e.operation_id} ${e.status}`);
      expect(log).toEqual(expect.arrayContaining(['getSnapshot 200', 'restoreSnapshot 200', 'restoreSnapshot 400']));
    } finally { sb.close(); }
  });
});
