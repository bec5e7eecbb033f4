// verify's first phase, the plan (what a run will exercise, before any request): for the product contract it lists
// every documented operation, who plays each (session setup, a domain flow, the generic engine), and the negative
// checks; `only` and `flows: false` narrow it; and a real run exercises exactly what its plan said.
import { describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { planVerify, verify } from '../../src/contract-runner/verify.ts';
import { loadContract } from '../../src/contract-runner/contract.ts';

const contract = loadContract();
const all = contract.compiled.operations;
const sorted = (ids: string[]) => [...ids].sort();

describe('the plan of a verify run', () => {
  test('lists every documented operation of the contract, each played by session setup or the generic engine', () => {
    const plan = planVerify(contract);
    expect(plan.operations).toEqual(all.map((op) => ({ operation_id: op.operationId, method: op.method, path: op.path })));
    const generic = [...plan.generic.before_destroyers, ...plan.generic.destroyers];
    expect(new Set(generic).size).toBe(generic.length);
    expect(sorted([...new Set([...generic, ...plan.setup.operations])])).toEqual(sorted(all.map((op) => op.operationId)));
    expect(plan.setup).toMatchObject({ register: true, fixtures: true });
    expect(plan.setup.operations).toEqual(expect.arrayContaining(['registerUser', 'loginUser', 'refreshAccessToken']));
  });

  test('destroyers come last, creators first; every flow names only operations the contract has', () => {
    const plan = planVerify(contract);
    const byId = contract.byId;
    for (const op of all.filter((o) => o.method === 'DELETE')) expect(plan.generic.destroyers, op.operationId).toContain(op.operationId);
    for (const id of plan.generic.destroyers) expect(plan.generic.before_destroyers).not.toContain(id);
    const first = byId.get(plan.generic.before_destroyers[0])!;
    expect(first.method).toBe('POST');
    expect(first.path).not.toContain('{');
    expect(plan.flows.map((f) => f.name)).toEqual(['pricing', 'marketplace', 'remittance', 'otc-deposits', 'negotiated-fx', 'otc-withdrawals', 'multisig', 'p2p']);
    for (const flow of plan.flows) for (const id of flow.operations) expect(byId.has(id), `${flow.name}: ${id}`).toBe(true);
  });

  test('negative checks: no token on every protected operation documenting a 401, an invalid body on every operation with one', () => {
    const plan = planVerify(contract);
    expect(sorted(plan.negative.no_token)).toEqual(sorted(all.filter((op) => !op.isPublic && op.responses['401']).map((op) => op.operationId)));
    expect(sorted(plan.negative.invalid_body.map((c) => c.operation_id))).toEqual(sorted(all.filter((op) => op.requestBody).map((op) => op.operationId)));
    expect(plan.negative.invalid_body.find((c) => c.operation_id === 'createOffer')).toEqual({ operation_id: 'createOffer', broken: 'without the required field vendor_id' });
    expect(plan.negative.invalid_body.find((c) => c.operation_id === 'uploadOtcDepositProof')?.broken).toBe('a multipart body without its required part file');
  });

  test('`only` narrows it to the operations named (in contract order) and the flows that reach one; `flows: false` plays none', () => {
    const plan = planVerify(contract, { only: ['getUserById', 'createOffer'] });
    expect(plan.operations.map((o) => o.operation_id)).toEqual(all.map((op) => op.operationId).filter((id) => id === 'getUserById' || id === 'createOffer'));
    expect(plan.flows.map((f) => f.name)).toEqual(['marketplace']);
    expect(plan.negative.no_token).toEqual(plan.operations.map((o) => o.operation_id));
    expect(planVerify(contract, { only: ['getUserById'] }).flows).toEqual([]);
    expect(planVerify(contract, { flows: false }).flows).toEqual([]);
    expect(planVerify(contract, { register: false, fixtures: false }).setup).toMatchObject({ register: false, fixtures: false });
  });
});

describe('a run against the sandbox', () => {
  const ctx = useServer();

  test('reports exactly the planned operations and makes exactly the planned negative checks', async () => {
    const only = ['getUserById', 'createOffer', 'uploadOtcDepositProof'];
    const plan = planVerify(contract, { only });
    const report = await verify({ baseUrl: ctx.server.url, only });
    expect(report.operations.map(({ operation_id, method, path }) => ({ operation_id, method, path }))).toEqual(plan.operations);
    const checks = report.operations.flatMap((o) => o.checks);
    const ofKind = (kind: string) => sorted(checks.filter((c) => c.check === kind).map((c) => c.operation_id));
    expect(ofKind('no-token')).toEqual(sorted(plan.negative.no_token));
    expect(ofKind('invalid-body')).toEqual(sorted(plan.negative.invalid_body.map((c) => c.operation_id)));
    expect(checks.filter((c) => c.check === 'no-token' || c.check === 'invalid-body').every((c) => c.result === 'passed')).toBe(true);
    // Each planned operation reached its success path (createOffer through the marketplace flow, the proof upload
    // through the OTC deposit flow the plan chose for it).
    expect(report.summary).toMatchObject({ operations: 3, passed: 3, failed: 0, skipped: 0 });
  });
});
