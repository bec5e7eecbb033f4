// verify against the sandbox itself: the domain flows and the generic pass reach the success path of every
// operation and each conforms (an operation nobody implemented would be skipped with the sandbox's 501 reason,
// never counted as passed); the negative checks run on every protected operation and every operation with a body.
import { describe, expect, test, beforeAll } from 'vitest';
import { useServer } from '../support/server.ts';
import { verify } from '../../src/contract-runner/verify.ts';
import { renderJUnit, renderTable, type VerifyReport } from '../../src/contract-runner/report.ts';
import { loadContract } from '../../src/contract-runner/contract.ts';
import { client, type Client } from '../support/client.ts';

const ctx = useServer();
let report: VerifyReport;
/** verify ran in a world of its own (kept here to inspect what it left); the default world stayed as it was. */
let world: Client;
let defaultBefore: unknown;

beforeAll(async () => {
  defaultBefore = (await ctx.api.call('GET', '/__sandbox/snapshot')).body;
  report = await verify({ baseUrl: ctx.server.url, keepWorld: true, onWorld: (w) => { world = client(w.base_url); } });
});

describe('verify against the sandbox', () => {
  test('runs in a world of its own and leaves the default world exactly as it was', async () => {
    expect(report.target).toBe(world.baseUrl);
    expect(report.target).toMatch(/\/worlds\/[A-Za-z0-9_-]+$/);
    expect((await ctx.api.call('GET', '/__sandbox/snapshot')).body).toEqual(defaultBefore);
  });

  test('finds no contract violation and covers every operation of the contract', () => {
    expect(report.summary.failed).toBe(0);
    expect(report.summary.violations).toBe(0);
    expect(report.operations.map((o) => o.operation_id).sort()).toEqual(loadContract().compiled.operations.map((o) => o.operationId).sort());
    expect(report.summary.passed + report.summary.skipped).toBe(report.summary.operations);
  });

  test('every operation is reached: nothing is skipped', () => {
    const skipped = report.operations.filter((o) => o.result === 'skipped').map((o) => `${o.operation_id}: ${o.reason}`);
    expect(skipped).toEqual([]);
    expect(report.summary.passed).toBe(report.summary.operations);
    // Each passed operation's success answer is a flow check that passed (a skip is never counted as passed).
    for (const op of report.operations) expect(op.checks.some((c) => (c.check === 'flow' || c.check === 'login') && c.result === 'passed' && c.status! < 300), op.operation_id).toBe(true);
  });

  test('the domain flows leave real state: the OTC credit and the B2B proposals were confirmed until executed', async () => {
    const confirms = report.operations.find((o) => o.operation_id === 'confirmMultisigProposal')!.checks.filter((c) => c.check === 'flow');
    const ids = [...new Set(confirms.map((c) => /proposals\/([^/]+)\/confirm$/.exec(c.url)![1]))];
    expect(ids).toHaveLength(2); // the treasury's OTC credit and the vendor's self-managed B2B transfer
    const token = await world.login('admin@coinpool.test');
    for (const id of ids) {
      const r = await world.call('GET', `/api/v1/auth/multisig/proposals/${id}`, { token });
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('executed');
    }
    const order = report.operations.find((o) => o.operation_id === 'initiateOrderPayment')!.checks.find((c) => c.check === 'flow' && c.result === 'passed');
    expect(order?.caller).toBe('customer');
  });

  test('negative checks: no token is a 401 on every protected operation, an invalid body a 400 on every operation with one', () => {
    const { operations } = loadContract().compiled;
    const check = (id: string, kind: string) => report.operations.find((o) => o.operation_id === id)!.checks.find((c) => c.check === kind);
    for (const op of operations.filter((o) => !o.isPublic)) expect(check(op.operationId, 'no-token'), op.operationId).toMatchObject({ status: 401, result: 'passed' });
    for (const op of operations.filter((o) => o.requestBody)) expect(check(op.operationId, 'invalid-body'), op.operationId).toMatchObject({ status: 400, result: 'passed' });
    // The multipart upload too: without its file part (checked once the flows created a deposit to upload to).
    expect(check('uploadOtcDepositProof', 'invalid-body')!.url).not.toContain('3c90c3cc-0d44-4b50-8888-8dd25736052a');
  });

  test('the state is real: the user verify registered exists afterwards', async () => {
    const registered = report.sessions.find((s) => s.source === 'registered')!;
    expect(registered.email).toMatch(/^verify\..+@example\.com$/);
    const token = await world.login('admin@coinpool.test');
    const r = await world.call('GET', `/api/v1/auth/user/email/${encodeURIComponent(registered.email)}`, { token });
    expect(r.status).toBe(200);
    expect(r.body.email).toBe(registered.email);
  });

  test('the table and the JUnit XML list every check', () => {
    const table = renderTable(report);
    expect(table).toMatch(/^operation\s+check\s+caller\s+status\s+result/);
    expect(table).toContain(`${report.summary.operations} operations: ${report.summary.passed} passed, 0 failed`);
    const xml = renderJUnit(report);
    expect(xml).toContain(`tests="${report.summary.checks}" failures="0"`);
    expect((xml.match(/<skipped message="[^"]+"\/>/g) ?? []).length).toBe(report.summary.skipped);
  });
});
