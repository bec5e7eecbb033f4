// `coinpool-sandbox init-worker <public-dir>`: puts msw's worker script where a frontend serves it.
import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initWorker, workerSource } from '../../src/cli/init-worker.ts';

const mswWorker = readFileSync('node_modules/msw/lib/mockServiceWorker.js', 'utf8');

describe('init-worker', () => {
  test('copies the installed msw worker script into the folder, creating it', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'init-worker-')), 'public', 'nested');
    const target = initWorker(dir);
    expect(target).toBe(join(dir, 'mockServiceWorker.js'));
    expect(readFileSync(target, 'utf8')).toBe(mswWorker);
    expect(readFileSync(workerSource(), 'utf8')).toContain('PACKAGE_VERSION');
  });

  test('overwrites a stale copy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'init-worker-'));
    writeFileSync(join(dir, 'mockServiceWorker.js'), '// old');
    expect(readFileSync(initWorker(dir), 'utf8')).toBe(mswWorker);
  });

  test('refuses a path that is a file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'init-worker-')), 'index.html');
    writeFileSync(file, '<!doctype html>');
    expect(() => initWorker(file)).toThrow(/is not a directory/);
  });

  test('the command line writes the file, and without a folder prints its usage and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'init-worker-'));
    const ok = spawnSync(process.execPath, ['bin/coinpool-sandbox.mjs', 'init-worker', dir], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`wrote ${join(dir, 'mockServiceWorker.js')}`);
    expect(readFileSync(join(dir, 'mockServiceWorker.js'), 'utf8')).toBe(mswWorker);
    const usage = spawnSync(process.execPath, ['bin/coinpool-sandbox.mjs', 'init-worker'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: coinpool-sandbox init-worker <public-dir>');
  });
});
