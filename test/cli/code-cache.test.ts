// `coinpool-sandbox start` runs the bundled CLI through a V8 code cache (src/cli/bundle-loader.ts): the bundle serves
// the same seeded world as the library, the first start writes the cache, and a damaged cache is replaced, not trusted.
import { beforeAll, describe, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureBuilt } from '../../scripts/build.mjs';
import { createSandbox } from '../../src/index.ts';
import { exited, freePort, portClosed, spawnProcess, waitForAnswer } from '../support/processes.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'coinpool-sandbox.mjs');
const CACHE_DIR = join(ROOT, 'dist', '.code-cache');

interface Fixtures { users: { id: string; email: string; wallets: { id: string; address: string }[] }[] }

/** Starts the CLI, reads the fixtures, stops it with SIGINT (exit code 0 expected). */
async function startAndStop(): Promise<Fixtures> {
  const port = await freePort();
  const run = spawnProcess(process.execPath, [BIN, 'start', '--port', String(port), '--quiet'], { cwd: ROOT });
  const res = await waitForAnswer(`http://127.0.0.1:${port}/__sandbox/fixtures`, run);
  expect(res.status).toBe(200);
  const fixtures = (await res.json()) as Fixtures;
  run.child.kill('SIGINT');
  expect(await exited(run.child)).toBe(0);
  expect(await portClosed(port)).toBe(true);
  return fixtures;
}

const cacheFiles = () => (existsSync(CACHE_DIR) ? readdirSync(CACHE_DIR).filter((f) => f.endsWith('.bin')) : []);

beforeAll(() => { ensureBuilt({ dist: true }); }, 300_000);

describe('the bundled start with its code cache', () => {
  test('serves the seeded world the library seeds; the cache exists after a start', async () => {
    const fromCli = await startAndStop();
    const api = createSandbox();
    const fromLibrary = (await (await api.fetch('/__sandbox/fixtures')).json()) as Fixtures;
    api.close();
    const ids = (f: Fixtures) => f.users.map((u) => [u.id, u.email, u.wallets.map((w) => [w.id, w.address])]);
    expect(ids(fromCli)).toEqual(ids(fromLibrary));
    expect(cacheFiles()).toHaveLength(1);
  }, 120_000);

  test('a damaged cache is not trusted: the start still answers and writes a good cache', async () => {
    await startAndStop();
    const [file] = cacheFiles();
    const junk = Buffer.alloc(readFileSync(join(CACHE_DIR, file!)).byteLength, 7);
    writeFileSync(join(CACHE_DIR, file!), junk);
    const fixtures = await startAndStop();
    expect(fixtures.users.length).toBeGreaterThan(0);
    expect(cacheFiles()).toEqual([file]);
    expect(readFileSync(join(CACHE_DIR, file!)).equals(junk)).toBe(false);
  }, 120_000);
});
