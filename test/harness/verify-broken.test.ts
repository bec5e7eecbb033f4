// verify must catch a server that is wrong: a copy of the sandbox with three broken answers (a wrong type, a missing
// required field, an undocumented status) is reported with exactly those three violations, and the CLI exits 1
// with the JSON report and the JUnit XML written.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrokenServer } from './broken-server.ts';
import { verify } from '../../src/contract-runner/verify.ts';
import type { VerifyReport } from '../../src/contract-runner/report.ts';
import type { RunningServer } from '../../src/server/start.ts';

let server: RunningServer;
let report: VerifyReport;

beforeAll(async () => {
  server = await startBrokenServer({
    getUserById: { body: (user) => ({ ...user, first_name: 42 }) },
    getWalletById: { body: (wallet) => { delete wallet.address; } },
    checkUserEmailExists: { status: 202 },
    // Not a fault: an operation the server does not implement is a skip, and so is what a flow needs it for.
    createOffer: { notImplemented: true },
  });
  report = await verify({ baseUrl: server.url });
});
afterAll(async () => { await server?.close(); });

describe('verify against a broken server', () => {
  test('reports exactly the three broken operations, and nothing else', () => {
    const failed = report.operations.filter((o) => o.result === 'failed').map((o) => o.operation_id).sort();
    expect(failed).toEqual(['checkUserEmailExists', 'getUserById', 'getWalletById']);
    expect(report.summary.failed).toBe(3);
    expect(report.summary.violations).toBe(3);
    // Every failed check is one of the three faults: no negative check or flow of another operation failed.
    expect(report.operations.flatMap((o) => o.checks).filter((c) => c.result === 'failed').map((c) => `${c.operation_id} ${c.check}`).sort())
      .toEqual(['checkUserEmailExists flow', 'getUserById flow', 'getWalletById flow']);
    const skipped = report.operations.filter((o) => o.result === 'skipped').map((o) => o.operation_id).sort();
    expect(skipped).toEqual(['cancelOrder', 'createOffer', 'createOrder', 'getOrderDetails', 'initiateOrderPayment', 'sendOrderPayment']);
    expect(report.summary.passed).toBe(report.summary.operations - 3 - skipped.length);
  });

  test('an operation answering 501 is skipped with that reason, never passed nor failed; what its flow needed it for says so', () => {
    const op = report.operations.find((o) => o.operation_id === 'createOffer')!;
    expect(op).toMatchObject({ result: 'skipped', reason: 'not implemented in the sandbox yet: createOffer' });
    expect(op.checks.find((c) => c.check === 'flow')).toMatchObject({ status: 501, result: 'skipped' });
    for (const id of ['createOrder', 'getOrderDetails', 'initiateOrderPayment', 'sendOrderPayment', 'cancelOrder']) {
      const dependent = report.operations.find((o) => o.operation_id === id)!;
      expect(dependent, id).toMatchObject({ result: 'skipped', reason: 'not reached: its flow stopped at createOffer, which not implemented in the sandbox yet: createOffer' });
    }
  });

  test('each violation names the pointer, what the contract expects and what came back', () => {
    const violations = (id: string) => report.operations.find((o) => o.operation_id === id)!.checks.flatMap((c) => c.violations);
    expect(violations('getUserById')).toEqual([{ location: 'body', pointer: '/first_name', expected: 'must be string', actual: '42' }]);
    expect(violations('getWalletById')).toEqual([{ location: 'body', pointer: '/address', expected: 'is required', actual: '(missing)' }]);
    expect(violations('checkUserEmailExists')).toEqual([
      { location: 'status', pointer: '/status', expected: expect.stringMatching(/^one of the documented statuses 200, 400, 401/), actual: '202' },
    ]);
  });

  test('the CLI exits 1 and writes the JSON report and the JUnit XML', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-'));
    // Asynchronously: the server under test lives in this process.
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'verify', '--base-url', server.url,
      '--only', 'loginUser,getUserById,getUserByEmail', '--report-json', join(dir, 'report.json'), '--junit', join(dir, 'junit.xml')], { encoding: 'utf8' })
      .then((r) => ({ status: 0, stdout: r.stdout }), (e: { code: number; stdout: string }) => ({ status: e.code, stdout: e.stdout }));
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/getUserById \(flow\) GET .*\/api\/v1\/auth\/user\/id\/.* → 200:\n\s+body \/first_name: expected must be string, got 42/);
    expect(run.stdout).toMatch(/3 operations: 2 passed, 1 failed, 0 skipped/);
    const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as VerifyReport;
    expect(json.summary).toMatchObject({ operations: 3, failed: 1 });
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(xml).toMatch(/<testcase classname="verify.getUserById" name="getUserById flow" time="[\d.]+">\n\s+<failure message="1 contract violation\(s\) in the 200 response">/);
  });
});
