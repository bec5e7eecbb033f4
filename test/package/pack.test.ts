// The package as a partner installs it: packed, installed into an empty project, used with plain node (no loader).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ensureBuilt } from '../../scripts/build.mjs';
import { packAndInstall, type InstalledPackage } from './install-tarball.ts';
import { exited, freePort, killStarted, portClosed, spawnProcess, waitForAnswer } from '../support/processes.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let installed: InstalledPackage;

beforeAll(() => {
  ensureBuilt({ dist: true });
  installed = packAndInstall(ROOT, ['typescript', '@types/node']);
}, 400_000);
afterAll(() => {
  killStarted();
  if (installed) rmSync(dirname(installed.project), { recursive: true, force: true });
});

const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: installed.project, encoding: 'utf8', timeout: 120_000 });

describe('npm pack', () => {
  test('ships the compiled build, the bin and the contract; no tests, bench, examples or TypeScript sources', () => {
    const files = installed.files;
    for (const f of ['package.json', 'README.md', 'bin/coinpool-sandbox.mjs', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/browser/index.js',
      'dist/src/cli/main.js', 'dist/src/cli/main.bundle.cjs', 'dist/contracts/generated/openapi.validators.js', 'dist/contracts/generated/types.d.ts', 'contracts/openapi.yaml']) {
      expect(files, f).toContain(f);
    }
    for (const f of files) {
      expect(f).not.toMatch(/^(test|bench|examples|scripts|src|docs|contract-tests)\//);
      expect(f).not.toMatch(/(?<!\.d)\.ts$/);
      expect(f).not.toMatch(/\.code-cache\//); // the V8 code cache is made where the package runs (src/cli/bundle-loader.ts)
    }
  });
});

describe('installed into an empty project', () => {
  test('`npx coinpool-sandbox start` answers 200, and SIGTERM to npx leaves nothing listening', async () => {
    const port = await freePort();
    const run = spawnProcess('npx', ['--offline', 'coinpool-sandbox', 'start', '--port', String(port), '--quiet'], { cwd: installed.project });
    const res = await waitForAnswer(`http://127.0.0.1:${port}/__sandbox/fixtures`, run);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { users: unknown[] }).users.length).toBeGreaterThan(0);
    run.child.kill('SIGTERM');
    await exited(run.child);
    expect(await portClosed(port)).toBe(true);
  }, 120_000);

  test('plain node imports createSandbox and answers a request', () => {
    const script = `
      import { createSandbox, FIXTURE_PASSWORD } from 'coinpool-sandbox';
      const api = createSandbox();
      const res = await api.fetch('/api/v1/users/login', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'alice@coinpool.test', password: FIXTURE_PASSWORD }) });
      const body = await res.json();
      console.log(JSON.stringify({ status: res.status, token: typeof body.access_token }));
      api.close();`;
    writeFileSync(join(installed.project, 'use.mjs'), script);
    const r = node(['use.mjs']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout.trim())).toEqual({ status: 200, token: 'string' });
  });

  test('a TypeScript file using the exported types type-checks (and a wrong one does not)', () => {
    writeFileSync(join(installed.project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, skipLibCheck: true, types: ['node'] },
      files: ['good.ts', 'bad.ts'],
    }));
    const typed = (bad: boolean) => `
      import type { paths, components, User, Control } from 'coinpool-sandbox/types';
      import { createSandbox, type InProcessSandbox } from 'coinpool-sandbox';
      type LoginBody = paths['/api/v1/users/login']['post']['requestBody']['content']['application/json'];
      const login: LoginBody = { email: 'alice@coinpool.test', password: ${bad ? '42' : "'sandbox-password'"} };
      export async function me(api: InProcessSandbox): Promise<User['email']> {
        const res = await api.fetch('/api/v1/users/login', { method: 'POST', body: JSON.stringify(login) });
        return ((await res.json()) as User).email;
      }
      export type Fixtures = Control.paths['/__sandbox/fixtures']['get']['responses'][200]['content']['application/json'];
      export type Schemas = keyof components['schemas'];
      export const make: () => InProcessSandbox = createSandbox;`;
    // One tsc run checks both files (a run costs seconds): every diagnostic must be the wrong file's.
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    writeFileSync(join(installed.project, 'good.ts'), typed(false));
    writeFileSync(join(installed.project, 'bad.ts'), typed(true));
    const checked = node([tsc, '-p', '.']);
    expect(checked.stderr).toBe('');
    expect(checked.status).not.toBe(0);
    expect(checked.stdout).toMatch(/^bad\.ts.*error TS2322/m);
    // Continuation lines of a diagnostic are indented; every diagnostic's first line names bad.ts.
    expect(checked.stdout.split('\n').filter((line) => line && !/^\s/.test(line) && !line.startsWith('bad.ts('))).toEqual([]);
  }, 180_000);
});
