// Child processes of the benches: servers (the sandbox CLI, the bare express app) that print their URL, and one-shot
// load generator runs. Each gets its own Node process, so measured and measuring code never share an event loop.
import { spawn, fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFileSync, mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import type { LoadFigures, LoadJob } from './load-generator.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Server { name: string; url: string; pid: number; stop(): void; /** Resolves once the process has exited. */ exited: Promise<void> }

/**
 * Starts `node --import tsx <args>` (`tsx: false`: plain `node <args>`, as partners run the built CLI) and resolves
 * with the first http:// URL it prints. Its stdout goes to a file, as `npm start > sandbox.log` would send it, not
 * to a pipe this process drains: draining a logging server's output cost this process CPU beside the measured ones
 * and made a full pipe block the server, so the log line's cost depended on the bench rather than on the sandbox.
 */
export function spawnServer(name: string, args: string[], options: { tsx?: boolean } = {}): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'coinpool-bench-'));
  const outFile = join(dir, 'stdout.log');
  const out = openSync(outFile, 'w');
  const child = spawn(process.execPath, [...(options.tsx === false ? [] : ['--import', 'tsx']), ...args], { cwd: ROOT, stdio: ['ignore', out, 'pipe'] });
  closeSync(out);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => { stderr = (stderr + c.toString()).slice(-4000); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => { rmSync(dir, { recursive: true, force: true }); resolve(); }));
  const stop = () => { if (child.exitCode === null) child.kill('SIGTERM'); };
  const seen = () => { try { return readFileSync(outFile, 'utf8').slice(0, 8000) + stderr; } catch { return stderr; } };
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const url = /(http:\/\/[0-9.]+:\d+)/.exec(seen())?.[1];
      if (url) { clearInterval(poll); pinToCore(child.pid!, 0); resolve({ name, url, pid: child.pid!, stop, exited }); }
      else if (Date.now() - started > 120_000) { clearInterval(poll); stop(); reject(new Error(`${name} did not print a URL within 120 s:\n${seen().slice(-2000)}`)); }
    }, 25);
    child.once('exit', (code) => { clearInterval(poll); reject(new Error(`${name} exited (${code}) before listening:\n${seen().slice(-2000)}`)); });
  });
}

/**
 * Servers on core 0, the load generator on core 1 (taskset, every thread of the process; Linux with 2+ cores, unless
 * BENCH_PIN=0): on a 2-core machine the scheduler otherwise moves the three processes and V8's helper threads between
 * the cores, and the generator and the measured server take turns on one core in some rounds and not in others.
 */
export const PINNED = process.env.BENCH_PIN !== '0' && cpus().length >= 2 && (() => {
  try { execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' }); return true; } catch { return false; }
})();

export function pinToCore(pid: number, core: number): void {
  if (PINNED) execFileSync('taskset', ['-a', '-cp', String(core), String(pid)], { stdio: 'ignore' });
}

let generator: ChildProcess | null = null;

/** One autocannon run in the load generator's process (bench/load-generator.ts), forked on first use and kept warm. */
export function runLoad(job: LoadJob): Promise<LoadFigures> {
  if (!generator) {
    generator = fork(fileURLToPath(new URL('./load-generator.ts', import.meta.url)), [], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    generator.once('exit', () => { generator = null; });
    pinToCore(generator.pid!, 1);
    generator.unref();
    (generator.channel as { unref?: () => void } | undefined)?.unref?.();
  }
  const child = generator;
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`load generator exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (reply: { figures?: LoadFigures; error?: string }) => {
      child.off('exit', onExit);
      if (reply.figures) resolve(reply.figures); else reject(new Error(`load generator: ${reply.error}`));
    });
    child.send(job);
  });
}

/** Ends the load generator's process (the bench is done with it). */
export function stopLoadGenerator(): void { generator?.kill(); generator = null; }

/**
 * CPU seconds (user + system) a process has used so far, from /proc (Linux; NaN elsewhere). CPU per request is the
 * steadier figure on a shared machine: a neighbour's load lowers req/s but not the work each request costs.
 */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
  } catch { return NaN; }
}
