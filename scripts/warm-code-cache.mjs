// Build step (after the bundle, see build.mjs): one start of the bundled CLI, so the V8 code cache it writes at exit
// (src/cli/bundle-loader.ts) exists before the first `npm start` of a fresh clone. Starts on a free port in an empty
// folder (no config file applies), answers GET /__sandbox/fixtures once (compiling what a request needs too), then
// SIGINT. Best effort: a machine that refuses to listen only gets a slower first start.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'coinpool-sandbox.mjs');

export async function warmCodeCache(timeoutMs = 60_000) {
  const cwd = mkdtempSync(join(tmpdir(), 'coinpool-warm-'));
  const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--quiet'], { cwd, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, PORT: '' } });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`the start exited (${code}) before listening`)));
    });
    await (await fetch(`${url}/__sandbox/fixtures`)).arrayBuffer();
    child.kill('SIGINT');
    if ((await exited) !== 0) throw new Error('the start did not exit cleanly');
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) { child.kill('SIGKILL'); await exited; }
    rmSync(cwd, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await warmCodeCache();
  } catch (error) {
    console.log(`build: no code cache yet (${error.message}); the first start writes it`);
  }
}
