// The installed command as a user runs it: the compiled CLI under plain node (bin/coinpool-sandbox.mjs → dist/).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureBuilt } from '../../scripts/build.mjs';
import { COMMANDS } from '../../src/cli/commands.ts';
import { exited, freePort, killStarted, portClosed, spawnProcess, waitForAnswer } from '../support/processes.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'coinpool-sandbox.mjs');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, PORT: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** One line starting with "error:", no stack trace. */
function expectOneErrorLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

beforeAll(() => { ensureBuilt({ dist: true }); }, 300_000);
afterAll(() => killStarted());

describe('help and version', () => {
  test('--help lists every command; --version prints the package version', () => {
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    for (const c of COMMANDS) expect(help.stdout).toContain(`  ${c.name} `);
    const version = cli(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(VERSION);
  });

  test.each(COMMANDS.map((c) => [c.name, c] as const))('%s --help lists every option with its default', (_name, command) => {
    const r = cli([command.name, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`usage: coinpool-sandbox ${command.name}`);
    for (const o of command.options) {
      const line = r.stdout.split('\n').find((l) => l.trimStart().startsWith(`--${o.name}`));
      expect(line, `--${o.name} in ${command.name} --help`).toBeDefined();
      if (o.default !== undefined && o.type !== 'boolean') expect(line).toContain(`default: ${o.env ? `$${o.env}, else ` : ''}${o.default}`);
      if (o.defaultText) expect(line).toContain(o.defaultText);
    }
  });

  test('start --help documents --host and its default', () => {
    expect(cli(['start', '--help']).stdout).toMatch(/--host HOST .*\(default: 127\.0\.0\.1\)/);
  });
});

describe('mistakes exit non-zero with one clear line', () => {
  test.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['start', '--bogus'], /unknown option --bogus/],
    [['start', '--port', 'abc'], /--port: expected a whole number, got "abc"/],
    [['start', '--port', '70000'], /--port: expected a port number from 0 to 65535/],
    [['start', '--port'], /--port needs a value/],
    [['start', '--clock', 'yesterday'], /--clock: expected an ISO 8601 date-time/],
    [['start', '--seed=1.5'], /--seed: expected a whole number/],
    [['init-worker'], /"init-worker" needs <public-dir>/],
  ])('%j', (args, pattern) => {
    const r = cli(args);
    expect(r.status).toBe(2);
    expectOneErrorLine(r.stderr, pattern);
  });

  test('a port in use: exit 1 naming the port', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const { port } = blocker.address() as { port: number };
    try {
      const r = cli(['start', '--port', String(port), '--quiet']);
      expect(r.status).toBe(1);
      expectOneErrorLine(r.stderr, new RegExp(`^error: port ${port} is in use \\(another sandbox\\?\\); choose one with --port$`));
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });
});

describe('config file', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'coinpool-cli-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('coinpool-sandbox.config.json in the current folder sets the options; flags override it', async () => {
    const port = await freePort();
    writeFileSync(join(dir, 'coinpool-sandbox.config.json'), JSON.stringify({ port, seed: 7, quiet: true, frozen: true, clock: '2026-03-01T08:00:00Z' }));
    const run = spawnProcess(process.execPath, [BIN, 'start', '--seed', '8'], { cwd: dir });
    const res = await waitForAnswer(`http://127.0.0.1:${port}/__sandbox/clock`, run);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { now: string }).now).toBe('2026-03-01T08:00:00Z');
    expect(run.output()).toContain('(seed 8, clock 2026-03-01T08:00:00Z, frozen)');
    run.child.kill('SIGTERM');
    expect(await exited(run.child)).toBe(0);
  });

  test('--config FILE; an unknown key or a wrong type is one error line', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ prot: 4010 }));
    const r1 = cli(['start', '--config', bad]);
    expect(r1.status).toBe(2);
    expectOneErrorLine(r1.stderr, /unknown option "prot" for "start" \(known: port, host,/);
    writeFileSync(bad, JSON.stringify({ port: 'x' }));
    expectOneErrorLine(cli(['start', '--config', bad]).stderr, /"port": expected a whole number, got "x"/);
    expectOneErrorLine(cli(['start', '--config', join(dir, 'missing.json')]).stderr, /--config: no such file/);
  });
});

describe('signals close the server', () => {
  test('SIGINT to the CLI process: exit 0 and the port is free', async () => {
    const port = await freePort();
    const run = spawnProcess(process.execPath, [BIN, 'start', '--port', String(port), '--quiet']);
    expect((await waitForAnswer(`http://127.0.0.1:${port}/__sandbox/fixtures`, run)).status).toBe(200);
    run.child.kill('SIGINT');
    expect(await exited(run.child)).toBe(0);
    expect(await portClosed(port)).toBe(true);
  });

  test('SIGTERM to `npm start` leaves no server listening', async () => {
    const port = await freePort();
    const run = spawnProcess('npm', ['start', '--silent', '--', '--port', String(port), '--quiet'], { cwd: ROOT });
    expect((await waitForAnswer(`http://127.0.0.1:${port}/__sandbox/fixtures`, run)).status).toBe(200);
    run.child.kill('SIGTERM');
    await exited(run.child);
    expect(await portClosed(port)).toBe(true);
  }, 120_000);
});
