// `coinpool-sandbox init-worker <public-dir>`: puts msw's worker script where a frontend serves it.
import { describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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

  test('`npx coinpool-sandbox init-worker public` in a frontend that depends on the package writes public/mockServiceWorker.js', () => {
    // A frontend project as `npm install coinpool-sandbox` leaves it: the package and its bin link in node_modules.
    const app = mkdtempSync(join(tmpdir(), 'init-worker-app-'));
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'frontend', private: true, dependencies: { 'coinpool-sandbox': `file:${process.cwd()}` } }));
    mkdirSync(join(app, 'node_modules', '.bin'), { recursive: true });
    symlinkSync(process.cwd(), join(app, 'node_modules', 'coinpool-sandbox'));
    symlinkSync(join('..', 'coinpool-sandbox', 'bin', 'coinpool-sandbox.mjs'), join(app, 'node_modules', '.bin', 'coinpool-sandbox'));
    // --offline: npx must find the installed package, never ask the registry.
    const ok = spawnSync('npx', ['--offline', 'coinpool-sandbox', 'init-worker', 'public'], { cwd: app, encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`wrote ${join(app, 'public', 'mockServiceWorker.js')}`);
    expect(readFileSync(join(app, 'public', 'mockServiceWorker.js'), 'utf8')).toBe(mswWorker);
  });

  test('the command line writes the file, and without a folder says what is missing in one line and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'init-worker-'));
    const ok = spawnSync(process.execPath, ['bin/coinpool-sandbox.mjs', 'init-worker', dir], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`wrote ${join(dir, 'mockServiceWorker.js')}`);
    expect(readFileSync(join(dir, 'mockServiceWorker.js'), 'utf8')).toBe(mswWorker);
    const usage = spawnSync(process.execPath, ['bin/coinpool-sandbox.mjs', 'init-worker'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr.trim()).toBe('error: "init-worker" needs <public-dir> (see coinpool-sandbox init-worker --help)');
  });
});
