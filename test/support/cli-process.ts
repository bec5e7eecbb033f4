// Runs `coinpool-sandbox start` as a real child process (one node process: the package's bin, which runs the compiled
// CLI in that process, so a kill -9 hits the server itself, not a wrapper) and waits for its "listening on" line.
// The compiled CLI starts in about a second; through tsx it was several, spent transpiling src/ on every start.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ensureBuilt } from '../../scripts/build.mjs';

const ROOT = join(import.meta.dirname, '..', '..');

export interface CliProcess { url: string; child: ChildProcess; output: () => string; exited: Promise<number | null> }

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    }).on('error', reject);
  });
}

/** Starts the CLI; resolves when it listens, rejects with its output when it exits first. */
let built = false;

export async function startCli(args: string[], timeoutMs = 60_000): Promise<CliProcess> {
  // dist/ is current after `npm test`'s build; a file run on its own builds what is stale first (once per process).
  if (!built) { ensureBuilt({ dist: true }); built = true; }
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'coinpool-sandbox.mjs'), 'start', '--quiet', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c) => { out += c; });
  child.stderr!.on('data', (c) => { out += c; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`the CLI did not start within ${timeoutMs} ms:\n${out}`)); }, timeoutMs);
    const check = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`the CLI exited with ${code}:\n${out}`)); });
  });
  return { url, child, output: () => out, exited };
}
