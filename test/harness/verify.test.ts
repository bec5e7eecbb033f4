// verify against the sandbox itself: every implemented operation it reaches conforms, unimplemented ones are skipped
// with the sandbox's 501 reason (never counted as passed), and the negative checks run on every operation.
import { describe, expect, test, beforeAll } from 'vitest';
import { useServer } from '../support/server.ts';
import { verify } from '../../src/contract-runner/verify.ts';
import { renderJUnit, renderTable, type VerifyReport } from '../../src/contract-runner/report.ts';
import { operationHandlers } from '../../src/http/operations/index.ts';
import { loadContract } from '../../src/contract-runner/contract.ts';

const ctx = useServer();
let report: VerifyReport;

beforeAll(async () => { report = await verify({ baseUrl: ctx.server.url }); });

describe('verify against the sandbox', () => {
  test('finds no contract violation and covers every operation of the contract', () => {
    expect(report.summary.failed).toBe(0);
    expect(report.summary.violations).toBe(0);
    expect(report.operations.map((o) => o.operation_id).sort()).toEqual(loadContract().operations.map((o) => o.operationId).sort());
    expect(report.summary.passed + report.summary.skipped).toBe(report.summary.operations);
  });

  test('operations without a handler (if any are left) are skipped with the 501 reason, never passed', () => {
    for (const op of report.operations.filter((o) => !operationHandlers[o.operation_id])) {
      expect(op.result, op.operation_id).toBe('skipped');
      expect(op.reason).toBe(`not implemented in the sandbox yet: ${op.operation_id}`);
    }
  });

  test('the users and wallets flows are reached end to end', () => {
    const passed = new Set(report.operations.filter((o) => o.result === 'passed').map((o) => o.operation_id));
    for (const id of ['registerUser', 'loginUser', 'loginUserWithPin', 'refreshAccessToken', 'getUserById', 'getUserByEmail',
      'getUserByPhone', 'provisionUser', 'updateUserRole', 'softDeleteUser', 'createWallet', 'getWalletById', 'getUserBalances']) {
      expect(passed.has(id), id).toBe(true);
    }
    // Every implemented operation either passed or says why its success path was not reached.
    for (const op of report.operations.filter((o) => operationHandlers[o.operation_id] && o.result === 'skipped')) {
      expect(op.reason, op.operation_id).toMatch(/answered \d{3}|needs /);
    }
  });

  test('negative checks: no token is a 401 on every protected operation, an invalid body a 400', () => {
    const { operations } = loadContract();
    for (const op of operations.filter((o) => !o.isPublic)) {
      const check = report.operations.find((o) => o.operation_id === op.operationId)!.checks.find((c) => c.check === 'no-token');
      expect(check, op.operationId).toMatchObject({ status: 401, result: 'passed' });
    }
    const invalid = report.operations.flatMap((o) => o.checks.filter((c) => c.check === 'invalid-body'));
    expect(invalid.length).toBeGreaterThan(40);
    expect(invalid.every((c) => c.status === 400 && c.result === 'passed')).toBe(true);
  });

  test('the state is real: the user verify registered exists afterwards', async () => {
    const registered = report.sessions.find((s) => s.source === 'registered')!;
    expect(registered.email).toMatch(/^verify\..+@example\.com$/);
    const token = await ctx.api.login('admin@coinpool.test');
    const r = await ctx.api.call('GET', `/api/v1/auth/user/email/${encodeURIComponent(registered.email)}`, { token });
    expect(r.status).toBe(200);
    expect(r.body.email).toBe(registered.email);
  });

  test('the table and the JUnit XML list every check', () => {
    const table = renderTable(report);
    expect(table).toMatch(/^operation\s+check\s+caller\s+status\s+result/);
    expect(table).toContain(`${report.summary.operations} operations: ${report.summary.passed} passed, 0 failed`);
    const xml = renderJUnit(report);
    expect(xml).toContain(`tests="${report.summary.checks}" failures="0"`);
    const skipped = report.operations.find((o) => o.result === 'skipped');
    if (skipped) expect(xml).toContain(`<testcase classname="verify.${skipped.operation_id}" name="${skipped.operation_id} flow"`);
    expect((xml.match(/<skipped message="[^"]+"\/>/g) ?? []).length).toBe(report.summary.skipped);
  });
});
