// `npx tsx bench/snapshot.ts [rows...]`: time and memory of GET /__sandbox/snapshot and POST /__sandbox/restore
// over HTTP at growing world sizes, beside the baseline of the version-1 way (JSON.stringify of the whole state;
// JSON.parse of the whole body and World.load without checks). Prints figures; asserts nothing.
// The world is composed: N ledger entries plus N/8 customers (copies of a seeded one) restored into a fresh server.
// Memory is the server process's RSS, sampled every 10 ms during the call (client and server share the process,
// so the client's copy of the body is in it too: the figures are an upper bound for the server alone).
import { startServer } from '../src/server/start.ts';

const SIZES = process.argv.slice(2).map(Number).filter((n) => n > 0);
const sizes = SIZES.length ? SIZES : [10_000, 100_000];
const MB = 1024 * 1024;

type Row = Record<string, unknown> & { id: string };
type Snap = { tables: Record<string, Row[]> } & Record<string, unknown>;

const uuid = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

/** Runs fn while sampling RSS; returns its result, the time taken and the RSS peak above the RSS at the start. */
async function measure<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number; peakMb: number }> {
  global.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { value, ms, peakMb: (peak - start) / MB };
}

function compose(seeded: Snap, n: number): string {
  const s = structuredClone(seeded);
  const alice = s.tables.users.find((u) => u.email === 'alice@coinpool.test')!;
  const wallet = s.tables.wallets.find((w) => w.user_id === alice.id)!;
  for (let i = 0; i < n / 8; i++) s.tables.users.push({ ...alice, id: uuid(i), email: `bench${i}@example.test`, phone_number: `+2547${String(i).padStart(8, '0')}` });
  for (let i = 0; i < n; i++) {
    s.tables.ledger_entries.push({ id: `bench-entry-${i}`, at: '2026-11-22T10:00:00Z', wallet_id: wallet.id, currency: 'USDT', delta: '1.00000000', kind: 'faucet', reference: `bench-${i}` });
  }
  return JSON.stringify(s);
}

async function main(): Promise<void> {
  const server = await startServer({ port: 0, frozen: true });
  const url = server.url;
  const seeded = (await (await fetch(`${url}/__sandbox/snapshot`)).json()) as Snap;
  const rows: string[][] = [['rows', 'snapshot MB', 'GET ms', 'GET +RSS MB', 'POST ms', 'POST +RSS MB', 'v1 stringify ms', 'v1 parse+load ms', 'v1 +RSS MB']];

  for (const n of sizes) {
    const body = compose(seeded, n);
    const first = await fetch(`${url}/__sandbox/restore`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    if (first.status !== 200) throw new Error(`composing the world failed: ${first.status} ${(await first.text()).slice(0, 300)}`);

    const get = await measure(async () => {
      // read and drop the pieces, as a client writing to a file would: the server's cost, not a string of the whole
      const r = await fetch(`${url}/__sandbox/snapshot`);
      let bytes = 0;
      for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
      return bytes;
    });
    const post = await measure(async () => {
      const r = await fetch(`${url}/__sandbox/restore`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      if (r.status !== 200) throw new Error(`restore: ${r.status}`);
      return r.status;
    });
    // Baseline: the version-1 way, in the same process on the same world.
    const world = server.sandbox.world;
    const stringify = await measure(() => JSON.stringify(world.exportState()).length);
    const v1 = JSON.stringify(world.exportState());
    const parseLoad = await measure(() => { world.load(JSON.parse(v1)); return 0; });

    rows.push([String(n), (get.value / MB).toFixed(1), get.ms.toFixed(0), get.peakMb.toFixed(0), post.ms.toFixed(0), post.peakMb.toFixed(0),
      stringify.ms.toFixed(0), parseLoad.ms.toFixed(0), Math.max(stringify.peakMb, parseLoad.peakMb).toFixed(0)]);
  }
  await server.close();

  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i])).join('  '));
  console.log(`\nRSS now ${(process.memoryUsage().rss / MB).toFixed(0)} MB. Run with node --expose-gc (NODE_OPTIONS=--expose-gc) for steadier RSS deltas.`);
}

await main();
