// `npm run bench -- --ab`: two sandboxes side by side, A and B, on the throughput bench's operations — for judging a
// change to the request path (B) against the code before it (A) on a machine too noisy for one-off runs.
// BENCH_A_BIN / BENCH_B_BIN: the CLI to start (default bin/coinpool-sandbox.mjs, e.g. another checkout's bin);
// BENCH_A_FLAGS / BENCH_B_FLAGS: node flags (e.g. --max-semi-space-size=32); BENCH_OPS (default register),
// BENCH_ROUNDS (6), BENCH_SECONDS (3). Rounds alternate which goes first; prints each round and the median of the
// per-round B/A ratios of req/s and of server CPU per request. Figures only.
import { spawnServer, runLoad, stopLoadGenerator, cpuSeconds, type Server } from './processes.ts';
import { prepare, json, type Operation } from './throughput.ts';
import { ensureBuilt } from '../scripts/build.mjs';

const env = process.env;
const ROUNDS = Number(env.BENCH_ROUNDS ?? 6);
const SECONDS = Number(env.BENCH_SECONDS ?? 3);
const OPS = new Set((env.BENCH_OPS ?? 'register').split(','));
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };

function start(side: 'A' | 'B'): Promise<Server> {
  const flags = (env[`BENCH_${side}_FLAGS`] ?? '').split(' ').filter(Boolean);
  const bin = env[`BENCH_${side}_BIN`] ?? 'bin/coinpool-sandbox.mjs';
  return spawnServer(side, [...flags, bin, 'start', '--port', '0', '--frozen'], { tsx: false });
}

export async function abBench(): Promise<void> {
  await ensureBuilt();
  const servers = [await start('A'), await start('B')];
  try {
    const ops = await Promise.all(servers.map((s) => prepare(s.url)));
    let counter = 30_000_000;
    const load = (s: Server, o: Operation, seconds: number) => runLoad({ url: s.url + o.path, method: o.method,
      headers: json(o.method, o.token), body: o.body, connections: 16, seconds, counterStart: (counter += 1_000_000) });
    for (const [i, op] of ops[0].entries()) {
      if (!OPS.has(op.key)) continue;
      for (const [k, s] of servers.entries()) await load(s, ops[k][i], 1); // warm-up, unmeasured
      const rate: number[] = [], cpu: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const figures: { rps: number; cpuUs: number; p99: number }[] = [];
        for (const k of round % 2 ? [1, 0] : [0, 1]) {
          const before = cpuSeconds(servers[k].pid);
          const f = await load(servers[k], ops[k][i], SECONDS);
          figures[k] = { rps: f.rps, p99: f.p99, cpuUs: ((cpuSeconds(servers[k].pid) - before) * 1e6) / Math.max(f.requests, 1) };
        }
        const [a, b] = figures;
        rate.push(b.rps / a.rps);
        cpu.push(b.cpuUs / a.cpuUs);
        console.log(`${op.key.padEnd(10)} A ${a.rps.toFixed(0).padStart(5)} req/s ${a.cpuUs.toFixed(0).padStart(4)} µs p99 ${String(a.p99).padStart(3)}`
          + `   B ${b.rps.toFixed(0).padStart(5)} req/s ${b.cpuUs.toFixed(0).padStart(4)} µs p99 ${String(b.p99).padStart(3)}`);
      }
      console.log(`${op.key.padEnd(10)} median of per-round B/A: req/s ${median(rate).toFixed(2)}×, CPU per request ${median(cpu).toFixed(2)}×`
        + ` (req/s ratios ${Math.min(...rate).toFixed(2)}–${Math.max(...rate).toFixed(2)})`);
    }
  } finally {
    for (const s of servers) s.stop();
    stopLoadGenerator();
  }
}
