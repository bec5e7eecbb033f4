// What verify takes from a successful answer, in every phase alike: the objects and fields it names go into the
// pool; a login's tokens go to its session; a user some operation created with a password becomes a session of
// its role and is logged in (its login check is returned only when it failed: a passed one is setup, not news).
import type { OperationSpec } from '../contracts/operations.ts';
import type { Exchange } from './transport.ts';
import type { Plan } from './planner.ts';
import type { CheckResult } from './report.ts';
import { adoptAuth, logIn, sessionFromCreatedUser, type Session } from './sessions.ts';
import { AUTH_OPS } from './ordering.ts';
import { judge } from './judge.ts';
import type { VerifyEnv } from './verify-env.ts';

/** Takes the tokens and identity out of a login answer. */
export function adopt(env: VerifyEnv, session: Session, op: OperationSpec, exchange: Exchange): void {
  adoptAuth(session, exchange.json);
  env.learnt.pool.harvest(env.contract, op, exchange.status, exchange.json, session.name);
}

/** Remembers what a success created; a user created with a password becomes a session of a role not seen yet. */
export async function learn(env: VerifyEnv, op: OperationSpec, plan: Plan, exchange: Exchange): Promise<CheckResult[]> {
  const { contract, learnt } = env;
  learnt.pool.harvest(contract, op, exchange.status, exchange.json, plan.session?.name ?? null);
  const session = sessionFromCreatedUser(learnt.sessions, op.operationId, plan.request.json, exchange.json, true);
  const login = contract.byId.get(AUTH_OPS.login);
  if (!session || !login) return [];
  const answer = await logIn(env.transport, login, session);
  const check = judge(contract, login, 'login', session, answer);
  if (check.result === 'passed') adopt(env, session, login, answer);
  return check.result === 'failed' ? [check] : [];
}
