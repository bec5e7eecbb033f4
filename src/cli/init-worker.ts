// `coinpool-sandbox init-worker <public-dir>`: copies msw's service worker script (the one matching the installed
// msw, which startSandboxWorker needs) to the folder a frontend serves at its root.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve, dirname } from 'node:path';

export const WORKER_FILE = 'mockServiceWorker.js';

export function workerSource(): string {
  // msw's exports do not list the file itself: find it beside the package's own package.json.
  const pkg = createRequire(import.meta.url).resolve('msw/package.json');
  return join(dirname(pkg), 'lib', WORKER_FILE);
}

export function initWorker(publicDir: string): string {
  const dir = resolve(publicDir);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, WORKER_FILE);
  copyFileSync(workerSource(), target);
  return target;
}

export async function initWorkerCommand(args: string[]): Promise<void> {
  const [publicDir] = args.filter((a) => !a.startsWith('--'));
  if (!publicDir) {
    console.error('usage: coinpool-sandbox init-worker <public-dir>   (the folder your dev server serves at /, e.g. public)');
    process.exit(2);
  }
  const target = initWorker(publicDir);
  console.log(`wrote ${target}`);
  console.log(`serve it at /${WORKER_FILE}, then: import { startSandboxWorker } from 'coinpool-sandbox/browser'; await startSandboxWorker();`);
}
