// Child processes for the CLI and package tests: spawn, wait for an HTTP answer, wait for a port to close, and kill
// whatever is still running at the end (by pid, only what these helpers started).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';

const started = new Set<ChildProcess>();

export interface Spawned { child: ChildProcess; output(): string }

export function spawnProcess(command: string, args: string[], options: SpawnOptions = {}): Spawned {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let out = '';
  child.stdout?.on('data', (d) => { out += d; });
  child.stderr?.on('data', (d) => { out += d; });
  started.add(child);
  child.once('exit', () => started.delete(child));
  return { child, output: () => out };
}

export function killStarted(): void {
  for (const child of started) if (child.exitCode === null && child.pid) try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ }
  started.clear();
}

/** The exit code (or signal name) of a child, once it has exited. */
export function exited(child: ChildProcess, timeoutMs = 20_000): Promise<number | string> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`process ${child.pid} did not exit within ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code, signal) => { clearTimeout(timer); resolve(code ?? signal ?? -1); });
  });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls a URL until it answers (any status); fails with the process output if it never does. */
export async function waitForAnswer(url: string, spawned: Spawned, timeoutMs = 60_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try { return await fetch(url); } catch { /* not listening yet */ }
    if (spawned.child.exitCode !== null) throw new Error(`process exited (${spawned.child.exitCode}) before answering ${url}:\n${spawned.output()}`);
    if (Date.now() > deadline) throw new Error(`no answer from ${url} within ${timeoutMs} ms:\n${spawned.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** True once nothing accepts connections on the port any more (false if something still does after the timeout). */
export async function portClosed(port: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try { await fetch(`http://127.0.0.1:${port}/__sandbox/fixtures`, { signal: AbortSignal.timeout(1000) }); } catch { return true; }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
