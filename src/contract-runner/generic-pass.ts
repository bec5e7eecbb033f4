// Phase 5 of verify, the generic engine: every operation of the plan's generic list that no domain flow took, each
// request filled from the contract's examples and the ids earlier answers returned, creators first and destroyers
// last, in passes. An operation that answers a documented 4xx is retried in a later pass once something new was
// learnt (the pool's version moved), and reported as skipped, with what it lacked, if it never succeeds.
import type { OperationSpec } from '../contracts/operations.ts';
import type { Exchange } from './transport.ts';
import { orderCallers, type Session } from './sessions.ts';
import { impliedRoles, planRequest, type Plan } from './planner.ts';
import { AUTH_OPS, changesWhatItNames, rank } from './ordering.ts';
import type { CheckResult } from './report.ts';
import { judge } from './judge.ts';
import { learn } from './learning.ts';
import { CheckLog, type VerifyEnv } from './verify-env.ts';
import type { VerifyPlan } from './verify-plan.ts';

/** Where one operation stands between passes. */
interface Attempts { done: boolean; attempts: number; version: number; last: CheckResult | null; missing: string[] }

/** What the earlier phases took over: operations a flow owns, and whether setup already provisioned users. */
export interface TakenElsewhere { owned: string[]; provisioned: boolean }

const MAX_PASSES = 4;
const MAX_ATTEMPTS = 3;

export async function runGenericPass(env: VerifyEnv, plan: VerifyPlan, taken: TakenElsewhere): Promise<CheckResult[]> {
  const log = new CheckLog(env.observe);
  const left = (id: string) => !taken.owned.includes(id) && !(id === AUTH_OPS.provision && taken.provisioned);
  const ops = (ids: string[]) => ids.filter(left).map((id) => env.contract.byId.get(id)!);
  const groups = [ops(plan.generic.before_destroyers), ops(plan.generic.destroyers)];
  const state = new Map<string, Attempts>(groups.flat().map((op) => [op.operationId, { done: false, attempts: 0, version: -1, last: null, missing: [] }]));
  // Destroyers run last, so nothing else needs what they remove.
  for (const group of groups) {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      let attempted = 0;
      for (const op of group) {
        const st = state.get(op.operationId)!;
        if (st.done || st.attempts >= MAX_ATTEMPTS || st.version === env.learnt.pool.version) continue;
        if (await attempt(env, log, op, st, pass === MAX_PASSES - 1)) attempted++;
      }
      if (!attempted) break;
    }
    for (const op of group) log.record(await conclude(env, op, state.get(op.operationId)!));
  }
  return log.checks;
}

/** One try of an operation's success path; false when it was not sent (its ids do not exist yet). What a success
 *  teaches is learnt at once (a failed login of a created user is recorded); the try's own check waits in `st`. */
async function attempt(env: VerifyEnv, log: CheckLog, op: OperationSpec, st: Attempts, lastPass: boolean): Promise<boolean> {
  const { learnt } = env;
  let callers: Array<Session | null> = op.isPublic ? [null] : learnt.sessions.candidates(op.roles);
  if (!callers.length) return false;
  const changes = changesWhatItNames(op);
  const probe = planRequest(learnt, op, callers[0], changes);
  const pathMissing = probe.missing.filter((m) => m.includes('path parameter'));
  if (pathMissing.length) { st.missing = pathMissing; return false; }
  // The owner of the object acted on is the natural caller (ownership rules), then the rest in role order.
  callers = orderCallers(callers, probe.subject?.owner, changes && !!probe.subject, impliedRoles(learnt, op));
  st.attempts++;
  st.version = learnt.pool.version;
  let plan: Plan | null = null;
  let exchange: Exchange | null = null;
  let check: CheckResult | null = null;
  for (const caller of callers.slice(0, 3)) {
    plan = planRequest(learnt, op, caller, changes);
    exchange = await env.transport.send(plan.request);
    check = judge(env.contract, op, 'flow', caller, exchange);
    if (exchange.status !== 403) break;
  }
  if (!plan || !exchange || !check) return false;
  if (check.result === 'skipped' && exchange.status !== 501 && plan.missing.length) check.reason += `; could not fill ${plan.missing.join(', ')}`;
  st.last = check;
  if (check.result !== 'skipped' || exchange.status === 501 || lastPass) st.done = true;
  if (check.result === 'passed') {
    if (rank(op) === 4 && plan.subject) learnt.pool.forget(plan.subject.id); // destroyed: nothing may name it any more
    for (const c of await learn(env, op, plan, exchange)) log.record(c);
  }
  return true;
}

/** An operation's final check: its last try; one never sent (its ids were never created) is sent once with the
 *  documented examples, so the report says what the server thinks (a 501 "not implemented" is the honest reason). */
async function conclude(env: VerifyEnv, op: OperationSpec, st: Attempts): Promise<CheckResult> {
  if (st.last) return st.last;
  const { contract, learnt } = env;
  const callers = op.isPublic ? [null] : learnt.sessions.candidates(op.roles);
  if (!callers.length) {
    return { operation_id: op.operationId, check: 'flow', caller: null, method: op.method, url: op.path, status: null, result: 'skipped', reason: `no logged-in user has a role it allows (${op.roles?.join(', ') ?? 'any'})`, violations: [], duration_ms: 0 };
  }
  const plan = planRequest(learnt, op, callers[0], changesWhatItNames(op));
  const exchange = await env.transport.send(plan.request);
  const check = judge(contract, op, 'flow', callers[0], exchange);
  if (check.result === 'passed') learnt.pool.harvest(contract, op, exchange.status, exchange.json, callers[0]?.name ?? null);
  if (check.result === 'skipped' && exchange.status !== 501) check.reason = `needs ${st.missing.join(', ')}; with the documented examples it ${check.reason}`;
  return check;
}
