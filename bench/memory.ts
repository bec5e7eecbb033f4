// `npm run bench -- --memory [--sizes=0,10000,100000]`: what a world of N orders holds, each size filled in its own
// fresh plain-node process on the built package (bench/memory-fill.mjs), side by side with the empty world's process.
// RSS is the whole process (code, contract, validators, the world), right after the fill and once V8's memory reducer
// has given back committed heap (8 s idle); the target is 100k orders under 300 MB.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import os from 'node:os';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
interface Memory { rss: number; heap: number; heapTotal: number; external: number }
interface Filled { size: number; before: Memory; after: Memory; idle: Memory; fillMs: number;
  rows: Record<string, number>; indexEntries: number; queued: number }

const mb = (bytes: number) => (bytes / 1e6).toFixed(0);

export async function memoryBench(args: string[]): Promise<void> {
  const sizes = (args.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '0,10000,100000').split(',').map(Number);
  await run(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: ROOT });
  console.log(`\nmemory of a filled world (a fresh \`node --expose-gc\` process per size on dist/, after two full GCs; ${os.cpus().length} cores, Node ${process.versions.node})`);
  const results: Filled[] = [];
  for (const size of sizes) {
    const { stdout } = await run(process.execPath, ['--expose-gc', 'bench/memory-fill.mjs', String(size)], { cwd: ROOT, maxBuffer: 1 << 20 });
    results.push(JSON.parse(stdout.trim().split('\n').pop()!) as Filled);
  }
  const empty = results[0]!;
  const row = (label: string, cell: (r: Filled) => string) => console.log([label.padEnd(34), ...results.map((r) => cell(r).padStart(14))].join(''));
  row('orders in the world', (r) => String(r.size));
  row('RSS MB, right after the fill', (r) => mb(r.after.rss));
  row('RSS MB, after 8 s idle', (r) => mb(r.idle.rss));
  row('  vs the empty world', (r) => `${(r.idle.rss / empty.idle.rss).toFixed(2)}x`);
  row('heap used MB', (r) => mb(r.after.heap));
  row('heap committed MB (after / idle)', (r) => `${mb(r.after.heapTotal)} / ${mb(r.idle.heapTotal)}`);
  row('external + array buffers MB', (r) => mb(r.after.external));
  row('heap per order (bytes)', (r) => r.size ? ((r.after.heap - r.before.heap) / r.size).toFixed(0) : '-');
  row('fill ms per 1,000 orders', (r) => r.size ? (r.fillMs / (r.size / 1000)).toFixed(0) : '-');
  row('rows (all tables)', (r) => String(Object.values(r.rows).reduce((a, b) => a + b, 0)));
  row('index entries', (r) => String(r.indexEntries));
  row('queued jobs', (r) => String(r.queued));
  const tables = [...new Set(results.flatMap((r) => Object.keys(r.rows)))].filter((t) => results.some((r) => r.rows[t]! > 100));
  for (const t of tables) row(`  rows: ${t}`, (r) => String(r.rows[t] ?? 0));
  console.log('target (not asserted): 100k orders, with their customers, offer and ledger rows, under 300 MB RSS');
}
