// Child processes of the benches: servers (the sandbox CLI, the bare express app) that print their URL, and one-shot
// load generator runs. Each gets its own Node process, so measured and measuring code never share an event loop.
import { spawn, fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import type { LoadFigures, LoadJob } from './load-generator.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Server { name: string; url: string; pid: number; stop(): void; /** Resolves once the process has exited. */ exited: Promise<void> }

/**
 * Starts `node --import tsx <args>` (`tsx: false`: plain `node <args>`, as partners run the built CLI) and resolves
 * with the first http:// URL it prints; its later output is drained.
 */
export function spawnServer(name: string, args: string[], options: { tsx?: boolean } = {}): Promise<Server> {
  const child = spawn(process.execPath, [...(options.tsx === false ? [] : ['--import', 'tsx']), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let seen = '';
    const stop = () => { if (child.exitCode === null) child.kill('SIGTERM'); };
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const url = /(http:\/\/[0-9.]+:\d+)/.exec(seen)?.[1];
      if (url) { pinToCore(child.pid!, 0); clearTimeout(timer); child.stdout!.off('data', onData); child.stdout!.resume(); resolve({ name, url, pid: child.pid!, stop, exited }); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => { seen += c.toString(); });
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before listening:\n${seen.slice(-2000)}`)));
    const timer = setTimeout(() => { stop(); reject(new Error(`${name} did not print a URL within 120 s:\n${seen.slice(-2000)}`)); }, 120_000);
    timer.unref();
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
