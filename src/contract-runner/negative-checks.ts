// Phase 3 of verify, the negative checks the plan lists: without a token every protected operation must answer 401,
// and an invalid body (negative.ts) must be a 400. A server may look the object up before it reads an upload (a 404
// for the example's id): such an invalid-body check is deferred until the flows have created a real object.
import type { OperationSpec } from '../contracts/operations.ts';
import { planRequest } from './planner.ts';
import { invalidBody } from './negative.ts';
import type { Session } from './sessions.ts';
import type { CheckResult } from './report.ts';
import { judge } from './judge.ts';
import { CheckLog, type VerifyEnv } from './verify-env.ts';
import type { VerifyPlan } from './verify-plan.ts';

export interface NegativeResult {
  checks: CheckResult[];
  /** Invalid-body checks that met a 404 and wait for the flows (runDeferredInvalidBodyChecks). */
  deferred: string[];
}

export async function runNegativeChecks(env: VerifyEnv, plan: VerifyPlan): Promise<NegativeResult> {
  const log = new CheckLog(env.observe);
  const deferred: string[] = [];
  const noToken = new Set(plan.negative.no_token);
  const invalid = new Set(plan.negative.invalid_body.map((c) => c.operation_id));
  for (const { operation_id } of plan.operations) {
    const op = env.contract.byId.get(operation_id)!;
    const caller = op.isPublic ? null : env.learnt.sessions.candidates(op.roles)[0] ?? null;
    const request = planRequest(env.learnt, op, caller).request;
    if (noToken.has(operation_id)) {
      // Without the multipart body: a server may close the connection on a 401 before reading an upload.
      const exchange = await env.transport.send({ ...request, token: undefined, form: undefined });
      log.record(judge(env.contract, op, 'no-token', null, exchange, 401));
    }
    if (!invalid.has(operation_id)) continue;
    const check = await invalidBodyCheck(env, op, caller, true);
    if (check === 'deferred') deferred.push(operation_id); else if (check) log.record(check);
  }
  return { checks: log.checks, deferred };
}

/** The deferred invalid-body checks, once the flows and the generic pass have created the objects they name. */
export async function runDeferredInvalidBodyChecks(env: VerifyEnv, deferred: string[]): Promise<CheckResult[]> {
  const log = new CheckLog(env.observe);
  for (const id of deferred) {
    const op = env.contract.byId.get(id)!;
    const check = await invalidBodyCheck(env, op, env.learnt.sessions.candidates(op.roles)[0] ?? null, false);
    if (check && check !== 'deferred') log.record(check);
  }
  return log.checks;
}

/** An invalid body must be a 400; null when there is nobody to send it as. `mayDefer`: a 404 for the example's
 *  path id means "wait for a real object" rather than a failure. */
async function invalidBodyCheck(env: VerifyEnv, op: OperationSpec, caller: Session | null, mayDefer: boolean): Promise<CheckResult | 'deferred' | null> {
  const broken = invalidBody(env.contract, op);
  if (!broken || !op.responses['400'] || (!op.isPublic && !caller)) return null;
  const plan = planRequest(env.learnt, op, caller, true);
  const exchange = await env.transport.send({ ...plan.request, json: broken.body, form: broken.form });
  if (mayDefer && exchange.status === 404 && plan.missing.some((m) => m.includes('path parameter'))) return 'deferred';
  const check = judge(env.contract, op, 'invalid-body', caller, exchange, 400);
  if (check.result === 'failed' && !check.violations.length) check.reason = `a body ${broken.broken}: ${check.reason}`;
  return check;
}
