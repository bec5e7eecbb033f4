// How bin/coinpool-sandbox.mjs and `npm start` run the CLI. `start` runs the one-file bundle the build makes
// (scripts/build-bundle.mjs) through a V8 code cache, so a cold start neither resolves hundreds of modules nor parses
// the 5 MB of precompiled validators (Node 20 has no compile cache of its own; module.enableCompileCache is Node 22+).
// Every other command, or a build without the bundle, imports the compiled modules in dist/ as before.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script, constants } from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const BUNDLE = join(here, 'main.bundle.cjs');
// Inside the package's own dist/ (outside what `files` ships), not in a shared tmpdir: a code cache is code, so only
// whoever can write the package may provide one. A rebuild deletes dist/, and with it every stale cache.
const CACHE_DIR = join(here, '..', '..', '.code-cache');

/** The commands whose start time matters: `start`, named or implied (`npm start -- --port 4020`), not its --help. */
function isStart(argv: string[]): boolean {
  if (argv.some((a) => a === '--help' || a === '-h')) return false;
  const first = argv[0];
  return first === undefined || first === 'start' || (first.startsWith('-') && first !== '--version' && first !== '-v');
}

/**
 * The cache file of this very bundle on this Node: V8 only checks a cache against the source's length, so the name
 * includes what changes whenever the build rewrites the bundle (size, mtime, inode). Null when there is no bundle.
 */
function cacheFile(): string | null {
  let stat;
  try { stat = statSync(BUNDLE); } catch { return null; }
  const key = createHash('sha1').update([stat.size, stat.mtimeMs, stat.ino, process.version, process.arch].join('\0')).digest('hex').slice(0, 16);
  return join(CACHE_DIR, `main-${key}.bin`);
}

/** Forgets the code cache: the next start compiles the bundle and writes a new one (bench/start-time.ts times one). */
export function dropCodeCache(): void {
  rmSync(CACHE_DIR, { recursive: true, force: true });
}

/** Written at exit, when the functions the start needed have been compiled; an unwritable package only costs speed. */
function writeCache(script: Script, file: string): void {
  try {
    dropCodeCache(); // an older build's
    mkdirSync(CACHE_DIR, { recursive: true });
    const temp = `${file}.${process.pid}`;
    writeFileSync(temp, script.createCachedData());
    renameSync(temp, file); // whole or absent: another start may be reading it
  } catch { /* no cache this time */ }
}

/** Runs the bundle as CommonJS with the code cache; false when there is no bundle (then use dist/src/cli/main.js). */
function runBundle(): boolean {
  const file = cacheFile();
  if (!file) return false;
  let cached: Buffer | undefined;
  try { cached = readFileSync(file); } catch { /* first start of this build */ }
  // The wrapper stays on the bundle's first line, so line numbers in stack traces are the bundle's own; the
  // entry's `#!` line becomes a comment.
  const text = readFileSync(BUNDLE, 'utf8');
  const source = `(function (exports, require, module, __filename, __dirname) {${text.startsWith('#!') ? `//${text.slice(2)}` : text}\n})`;
  const script = new Script(source, { filename: BUNDLE, cachedData: cached, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  if (!cached || script.cachedDataRejected) process.once('exit', () => writeCache(script, file));
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(BUNDLE), module, BUNDLE, here);
  return true;
}

/** Runs the command line in process.argv (in this process: signals reach the server directly). */
export async function launchCli(argv: string[] = process.argv.slice(2)): Promise<void> {
  if (isStart(argv) && runBundle()) return;
  await import('./main.ts');
}
