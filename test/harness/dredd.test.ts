// dredd in the test command: `npm run contract:dredd`'s run against a fresh sandbox passes, every transaction it does
// not run is skipped with a reason, and the injected schemas make dredd catch a wrong type (dredd alone would not).
import { afterAll, describe, expect, test } from 'vitest';
import { runDredd } from '../../src/contract-runner/dredd/run.ts';
import { startBrokenServer } from './broken-server.ts';
import type { RunningServer } from '../../src/server/start.ts';
import type { VerifyReport } from '../../src/contract-runner/report.ts';

let broken: RunningServer | undefined;
let noLogin: RunningServer | undefined;
/** No operation marked unreached and no observed statuses: the wrong-type run depends on nothing the first test
 *  learnt (had that run not reached getUserById, its transaction would be skipped here, and dredd exits 0 when
 *  everything is skipped). */
const NOTHING_UNREACHED: VerifyReport = {
  target: '', started_at: '', duration_ms: 0, sessions: [], operations: [],
  summary: { operations: 0, passed: 0, failed: 0, skipped: 0, checks: 0, violations: 0 },
};
afterAll(async () => { await broken?.close(); await noLogin?.close(); });

describe('dredd 14.1.0 with the hooks', () => {
  test('passes against the sandbox, skipping the rest with a reason', async () => {
    const run = await runDredd();
    const { code, output } = run;
    const summary = /complete: (\d+) passing, (\d+) failing, (\d+) errors, (\d+) skipped, (\d+) total/.exec(output);
    expect(summary, output.slice(-3000)).not.toBeNull();
    const [, passing, failing, errors, skipped, total] = summary!.map(Number);
    expect({ failing, errors }).toEqual({ failing: 0, errors: 0 });
    expect(code).toBe(0);
    expect(passing).toBeGreaterThan(30);
    expect(passing + skipped).toBe(total);
    expect(output).toContain('pass: GET (200) /api/v1/auth/user/id/');
    // winston 2.4's circular-require warning is dropped by the preload (contract-tests/dredd/quiet-winston.cjs).
    expect(output).not.toContain('padLevels');
    const reasons = output.split('\n').filter((l) => l.startsWith('  skip: '));
    expect(reasons).toHaveLength(skipped);
    expect(reasons.every((l) => /^  skip: \w+: .+/.test(l))).toBe(true);
  }, 60_000);

  test('catches a wrong type in a response through the injected schema', async () => {
    broken = await startBrokenServer({ getUserById: { body: (user) => ({ ...user, first_name: 42 }) } });
    const only = '/api/v1/auth/user/id/{id} > getUserById > 200 > application/json';
    const { code, output } = await runDredd({ target: broken, report: NOTHING_UNREACHED, args: ['--only', only] });
    expect(output).not.toContain('skip: getUserById');
    expect(code, output.slice(-2000)).toBe(1);
    expect(output).toMatch(/fail: GET \(200\) \/api\/v1\/auth\/user\/id\//);
    expect(output).toContain("fail: body: At '/first_name' Invalid type: number (expected string)");
    expect(output).toMatch(/complete: 0 passing, 1 failing, 0 errors, \d+ skipped/);
    expect(output).toContain('fail: GET (200) /api/v1/auth/user/id/');
  }, 60_000);

  test('a run whose hooks cannot log in fails, instead of skipping every transaction and exiting 0', async () => {
    noLogin = await startBrokenServer({ loginUser: { status: 500 } });
    const only = '/api/v1/auth/user/id/{id} > getUserById > 200 > application/json';
    const { code, output } = await runDredd({ target: noLogin, report: NOTHING_UNREACHED, args: ['--only', only] });
    expect(code, output.slice(-2000)).toBe(1);
    expect(output).toContain('Failed in before hook: dredd hooks could not log in: dredd hooks: no published user could log in');
    expect(output).toMatch(/complete: 0 passing, 1 failing/);
  }, 60_000);
});
