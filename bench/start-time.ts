// Start-time section of `npm run bench` (alone: `npm run bench -- --start`). Figures, side by side with a bare express
// app started the same way in the same run; timing claims live here, never in tests.
//   cold start: spawn → first 200 on GET /__sandbox/fixtures, median of 5, for the built CLI, `npm start` and bare express,
//   plus one start of the CLI without its code cache (src/cli/bundle-loader.ts; the build normally writes one)
//   createSandbox() + first answered request, in a fresh process that has already loaded the package (median of 5)
//   POST /__sandbox/reset on a running server (median of 20)
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureBuilt } from '../scripts/build.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

/** Spawns a server and returns the ms until GET /__sandbox/fixtures first answers 200; kills it after. */
async function coldStart(command: string, args: (port: number) => string[]): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command, args(port), { cwd: ROOT, stdio: 'ignore', detached: true });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/__sandbox/fixtures`);
        await res.arrayBuffer();
        if (res.status === 200) return performance.now() - started;
      } catch { /* not listening yet */ }
      if (performance.now() - started > 60_000) throw new Error(`${command} did not answer within 60 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    // The whole process group: `npm start` has a shell and node below it.
    try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* gone */ }
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  }
}

async function medianOf(f: () => Promise<number>, n = RUNS): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) xs.push(await f());
  return median(xs);
}

export async function printStartTimes(): Promise<void> {
  ensureBuilt();
  const bin = join(ROOT, 'bin', 'coinpool-sandbox.mjs');
  const bare = await medianOf(() => coldStart(process.execPath, (p) => [join(ROOT, 'bench', 'bare-express.mjs'), String(p)]));
  const { dropCodeCache } = await import('../dist/src/cli/bundle-loader.js');
  dropCodeCache();
  const firstCli = await coldStart(process.execPath, (p) => [bin, 'start', '--port', String(p), '--quiet']); // rewrites the cache
  const cli = await medianOf(() => coldStart(process.execPath, (p) => [bin, 'start', '--port', String(p), '--quiet']));
  const npm = await medianOf(() => coldStart('npm', (p) => ['start', '--silent', '--', '--port', String(p), '--quiet']));

  const inProcess: { first: number; second: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'first-sandbox.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`bench/first-sandbox.mjs failed: ${r.stderr}`);
    inProcess.push(JSON.parse(r.stdout));
  }

  const { startServer } = await import('../src/server/start.ts');
  const server = await startServer({ port: 0 });
  const resets: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const res = await fetch(`${server.url}/__sandbox/reset`, { method: 'POST' });
    await res.arrayBuffer();
    resets.push(performance.now() - t);
  }
  await server.close();

  const ms = (x: number) => `${x.toFixed(0)} ms`.padStart(9);
  console.log(`\nstart time (median of ${RUNS}; ${cpus().length} cores, Node ${process.versions.node})`);
  console.log(`  ${'bare express 5 app: spawn → first 200'.padEnd(58)} ${ms(bare)}`);
  console.log(`  ${'coinpool-sandbox start (built CLI): spawn → first 200'.padEnd(58)} ${ms(cli)}  ${(cli / bare).toFixed(1)}x bare`);
  console.log(`  ${'  a start without its code cache (one run)'.padEnd(58)} ${ms(firstCli)}  ${(firstCli / bare).toFixed(1)}x bare`);
  console.log(`  ${'npm start: spawn → first 200 (npm itself included)'.padEnd(58)} ${ms(npm)}  ${(npm / bare).toFixed(1)}x bare   target < 1000 ms, <= 4x`);
  console.log(`  ${'createSandbox() + first request (package loaded)'.padEnd(58)} ${ms(median(inProcess.map((r) => r.first)))}  target < 300 ms`);
  console.log(`  ${'  a second createSandbox() + first request'.padEnd(58)} ${ms(median(inProcess.map((r) => r.second)))}`);
  console.log(`  ${'POST /__sandbox/reset (median of 20)'.padEnd(58)} ${ms(median(resets))}  target < 50 ms`);
}
