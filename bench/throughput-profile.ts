// `npm run bench -- --profile [op,...]` (BENCH_SECONDS, default 5): a CPU profile of the sandbox process while the load
// generator (its own process) drives one operation of the throughput bench, then the functions with the most self time.
// Where the time of a write path goes, so per-request work that need not happen can be found and removed.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer, runLoad, stopLoadGenerator } from './processes.ts';
import { prepare, json } from './throughput.ts';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; endTime: number }

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const TOP = Number(process.env.BENCH_TOP ?? 35);

const place = (node: ProfileNode): { fn: string; file: string } => {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '').replace(/.*node_modules\//, 'nm:') || '(native)';
  return { fn: `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`, file };
};

/**
 * Self time per function and per file, and total (inclusive) time of the project's own functions, as shares of the
 * samples taken in the last `windowSeconds` of the profile (the measured load run; start-up and setup left out).
 */
export function analyse(profile: Profile, windowSeconds: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let t = profile.endTime;
  const from = profile.endTime - windowSeconds * 1e6;
  const kept: number[] = [];
  for (let i = profile.samples.length - 1; i >= 0; i--) {
    if (t < from) break;
    kept.push(profile.samples[i]);
    t -= profile.timeDeltas[i];
  }
  const total = kept.length;
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1 / total);
  const self = new Map<string, number>(), files = new Map<string, number>(), inclusive = new Map<string, number>();
  for (const id of kept) {
    const { fn, file } = place(byId.get(id)!);
    add(self, fn); add(files, file);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const p = place(byId.get(at)!);
      if (!p.file.startsWith('src/') || seen.has(p.fn)) continue;
      seen.add(p.fn); add(inclusive, p.fn);
    }
  }
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  return { self: top(self), files: top(files), inclusive: top(inclusive) };
}

export async function profileBench(args: string[]): Promise<void> {
  const wanted = (args.find((a) => a.startsWith('--ops='))?.slice(6) ?? 'order').split(',');
  for (const key of wanted) {
    const dir = mkdtempSync(join(tmpdir(), 'coinpool-prof-'));
    const sandbox = await spawnServer('sandbox', ['--cpu-prof', '--cpu-prof-dir', dir, 'src/cli/main.ts', 'start', '--port', '0', '--frozen',
      ...(args.includes('--quiet') ? ['--quiet'] : [])]);
    try {
      const op = (await prepare(sandbox.url)).find((o) => o.key === key);
      if (!op) throw new Error(`no operation ${key}`);
      const load = { url: sandbox.url + op.path, method: op.method, headers: json(op.method, op.token), body: op.body, connections: 16 };
      await runLoad({ ...load, seconds: 1, counterStart: 1_000_000 });
      const figures = await runLoad({ ...load, seconds: SECONDS, counterStart: 2_000_000 });
      console.log(`\n${op.name}: ${figures.rps.toFixed(0)} req/s, p99 ${figures.p99} ms, ${figures.non2xx + figures.errors} errors`);
    } finally {
      sandbox.stop();
      await sandbox.exited;
    }
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) { console.log('no profile written'); continue; }
    const result = analyse(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile, SECONDS);
    const show = (title: string, rows: [string, number][]) => {
      console.log(title);
      for (const [name, share] of rows) console.log(`${(share * 100).toFixed(1).padStart(5)}%  ${name}`);
    };
    show(`self time by function (${join(dir, file)}):`, result.self);
    show('self time by file:', result.files);
    show('total time of the project\'s functions (callees included):', result.inclusive);
  }
  stopLoadGenerator();
}
