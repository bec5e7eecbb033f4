// Phase 2 of verify: who it acts as. Users from flags/config, the sandbox's published fixtures (when the target has
// them) and a user verify registers itself (one of each other role registration allows) are logged in; an admin
// provisions the roles nobody could register as; loginUserWithPin and refreshAccessToken are checked on the way.
import type { OperationSpec } from '../contracts/operations.ts';
import { deref } from './contract.ts';
import type { Exchange } from './transport.ts';
import { adoptFixtures, fixtureUsers, logIn, sessionFromCreatedUser, type Credential, type Session } from './sessions.ts';
import { planRequest } from './planner.ts';
import { AUTH_OPS } from './ordering.ts';
import type { CheckKind, CheckResult } from './report.ts';
import { judge } from './judge.ts';
import { adopt } from './learning.ts';
import { CheckLog, type VerifyEnv } from './verify-env.ts';
import type { VerifyPlan } from './verify-plan.ts';

export interface SetupResult {
  checks: CheckResult[];
  /** The target publishes /__sandbox/fixtures: the flows may use its control API (faucet, clock). */
  sandbox: boolean;
  /** Sessions setup provisioned through provisionUser (then the generic engine need not play it again). */
  provisioned: string[];
}

export async function openSessions(env: VerifyEnv, plan: VerifyPlan, credentials: Credential[] = []): Promise<SetupResult> {
  const { contract, transport, learnt: { sessions, pool } } = env;
  const log = new CheckLog(env.observe);
  const provisioned: string[] = [];
  const reachable = await transport.send({ method: 'GET', path: '/' });
  if (reachable.networkError) throw new Error(`cannot reach ${transport.baseUrl}: ${reachable.networkError}`);
  const published = plan.setup.fixtures ? await fixtureUsers(transport) : [];
  for (const c of credentials) sessions.add(c);
  adoptFixtures(sessions, pool, published);
  const register = contract.byId.get(AUTH_OPS.register);
  if (register && plan.setup.register) {
    // The documented example first (the flow check), then one user of each other role registration allows.
    await createUser(env, log, register, null, undefined, 'flow');
    for (const role of roleChoices(env, register)) if (!sessions.all.some((s) => s.role === role)) await createUser(env, log, register, null, role, 'setup');
  }
  const result = () => ({ checks: log.checks, sandbox: published.length > 0, provisioned });
  const login = contract.byId.get(AUTH_OPS.login);
  if (!login) return result();
  for (const session of [...sessions.all]) await logInAndRecord(env, log, login, session);
  // An admin can provision the roles nobody could register as (treasury, otc_officer, merchant...).
  const provision = contract.byId.get(AUTH_OPS.provision);
  const admin = provision && sessions.candidates(provision.roles)[0];
  if (provision && admin) {
    for (const role of roleChoices(env, provision)) {
      if (sessions.all.some((s) => s.role === role)) continue;
      const session = await createUser(env, log, provision, admin, role, provisioned.length ? 'setup' : 'flow');
      if (session) { provisioned.push(session.name); await logInAndRecord(env, log, login, session); }
    }
  }
  const viaPin = contract.byId.get(AUTH_OPS.loginPin);
  const pinUser = sessions.all.find((s) => s.source === 'registered' && s.pin) ?? sessions.all.find((s) => s.pin);
  if (viaPin && pinUser) {
    const exchange = await transport.send({ method: viaPin.method, path: viaPin.path, json: { email: pinUser.email, pin: pinUser.pin } });
    if (log.record(judge(contract, viaPin, 'flow', pinUser, exchange)).result === 'passed') adopt(env, pinUser, viaPin, exchange);
  }
  const refresh = contract.byId.get(AUTH_OPS.refresh);
  const refreshing = sessions.all.find((s) => s.source === 'registered' && s.refreshToken) ?? sessions.all.find((s) => s.refreshToken);
  if (refresh && refreshing) {
    const exchange = await transport.send({ method: refresh.method, path: refresh.path, json: { refresh_token: refreshing.refreshToken } });
    if (log.record(judge(contract, refresh, 'flow', refreshing, exchange)).result === 'passed') adopt(env, refreshing, refresh, exchange);
  }
  return result();
}

/** Logs a session in (a passed login gives it its tokens). The first login is loginUser's flow check, always
 *  recorded; the later ones are recorded only when they fail. */
async function logInAndRecord(env: VerifyEnv, log: CheckLog, login: OperationSpec, session: Session): Promise<void> {
  const first = !log.checks.some((c) => c.operation_id === login.operationId && c.check === 'flow');
  const exchange = await logIn(env.transport, login, session);
  const check = judge(env.contract, login, first ? 'flow' : 'login', session, exchange);
  if (first || check.result === 'failed') log.record(check);
  if (check.result === 'passed') adopt(env, session, login, exchange);
}

/** Registers or provisions one user (the example's role, or `role`) and keeps it as a session to log in. */
async function createUser(env: VerifyEnv, log: CheckLog, op: OperationSpec, caller: Session | null, role: string | undefined, kind: CheckKind): Promise<Session | null> {
  const { contract, transport, learnt } = env;
  const plan = planRequest(learnt, op, caller);
  const body = plan.request.json as { email?: string; password?: string; pin?: string; role?: string };
  if (role) body.role = role;
  let exchange = await transport.send(plan.request);
  // The example was written for one role: optional fields the server rejects for another role are dropped, once.
  const rejected = optionalFieldsNamed(env, op, exchange).filter((f) => f in body);
  if (exchange.status === 400 && rejected.length) {
    for (const f of rejected) delete (body as Record<string, unknown>)[f];
    exchange = await transport.send(plan.request);
  }
  const check = log.record(judge(contract, op, kind, caller, exchange));
  const session = check.result === 'passed' ? sessionFromCreatedUser(learnt.sessions, op.operationId, body, exchange.json) : null;
  if (!session) return null;
  learnt.pool.harvest(contract, op, exchange.status, exchange.json, caller?.name ?? session.name);
  return session;
}

/** Top-level optional body fields a 400's details point at. */
function optionalFieldsNamed(env: VerifyEnv, op: OperationSpec, exchange: Exchange): string[] {
  const details = (exchange.json as { details?: Array<{ location?: string; pointer?: string }> } | undefined)?.details ?? [];
  const schema = deref(env.contract.compiled.document, op.requestBody?.content['application/json']?.schema as any);
  const required: string[] = schema?.required ?? [];
  return details.filter((d) => d.location === 'body' && /^\/[^/]+$/.test(d.pointer ?? '')).map((d) => d.pointer!.slice(1)).filter((f) => !required.includes(f));
}

/** The roles a user-creating operation's body accepts (its `role` enum). */
function roleChoices(env: VerifyEnv, op: OperationSpec): string[] {
  const schema = deref(env.contract.compiled.document, op.requestBody?.content['application/json']?.schema as any);
  const role = deref(env.contract.compiled.document, schema?.properties?.role);
  return Array.isArray(role?.enum) ? role.enum : [];
}
