// `coinpool-sandbox verify`: plays the contract against any server that claims to be the CoinPool API.
//   1. sessions: users from flags/config, the sandbox's published fixtures (when the target has them), and a user
//      verify registers itself; each is logged in (loginUser, loginUserWithPin and refreshAccessToken are checked).
//   2. negative checks on every operation: no token → 401, an invalid body → 400.
//   3. domain flows (flows/*.ts): offers → orders → STK/wallet payments, OTC deposits draft → credit → multisig
//      confirm, negotiated FX, withdrawals, multisig wallets and transfers, pricing: the business rules between calls
//      that the contract's shape alone does not tell;
//   4. generic flows: every operation no domain flow owns, creators first and destroyers last, in passes; each
//      request is filled from the contract's examples and the ids earlier answers returned. An operation that answers a documented 4xx is
//      retried in a later pass once something new was learnt, and reported as skipped if it never succeeds.
// Every response is checked (status, headers, body: all errors); any violation fails the run.
import type { OperationSpec } from '../contracts/operations.ts';
import { deref, loadContract } from './contract.ts';
import { checkResponse } from './check-response.ts';
import { createTransport, errorMessage, type Exchange, type OutgoingRequest } from './transport.ts';
import { Pool } from './pool.ts';
import { Sessions, adoptAuth, adoptFixtures, fixtureUsers, logIn, orderCallers, sessionFromCreatedUser, type Credential, type Session } from './sessions.ts';
import { FreshValues, impliedRoles, planRequest, type Plan, type PlanContext } from './planner.ts';
import { invalidBody } from './negative.ts';
import { AUTH_OPS, changesWhatItNames, isAuthOp, rank } from './ordering.ts';
import { summarise, type CheckKind, type CheckResult, type VerifyReport } from './report.ts';
import { FlowRunner } from './flows/runner.ts';
import { playFlows } from './flows/index.ts';
import { ownWorld, type OwnWorldOptions } from './own-world.ts';

export interface VerifyOptions extends Omit<OwnWorldOptions, 'baseUrl'> {
  baseUrl: string;
  credentials?: Credential[];
  /** Read users from GET /__sandbox/fixtures when the target publishes them (default true). */
  fixtures?: boolean;
  /** Register a fresh user through registerUser (default true). */
  register?: boolean;
  /** Extra headers on every request (an API gateway key for a staging server). */
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Only these operationIds (default: every operation of the contract). */
  only?: string[];
  fetch?: typeof fetch;
  /** Play the domain flows before the generic pass (default true). */
  flows?: boolean;
  onCheck?: (check: CheckResult) => void;
}

interface AttemptState { done: boolean; attempts: number; version: number; last: CheckResult | null; missing: string[] }

const MAX_PASSES = 4;
const MAX_ATTEMPTS = 3;

/** Against a sandbox, in a world of its own (own-world.ts): the default world is left as it was. */
export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  // Compiled first: compiling blocks the event loop for seconds, long enough for the server to close the kept-alive
  // socket of the world's creation unnoticed, and the next request on it would fail.
  loadContract();
  const world = await ownWorld(options);
  try { return await verifyAt({ ...options, baseUrl: world.baseUrl }); } finally { await world.release(); }
}

async function verifyAt(options: VerifyOptions): Promise<VerifyReport> {
  const started = Date.now();
  const contract = loadContract();
  const transport = createTransport(options.baseUrl, { headers: options.headers, timeoutMs: options.timeoutMs, fetch: options.fetch });
  const pool = new Pool();
  const sessions = new Sessions();
  const fresh = new FreshValues(crypto.randomUUID().replace(/-/g, '').slice(0, 8));
  const ctx: PlanContext = { contract, pool, sessions, fresh };
  const wanted = (op: OperationSpec) => !options.only || options.only.includes(op.operationId);
  const operations = contract.compiled.operations.filter(wanted);
  const results = new Map<string, CheckResult[]>(operations.map((op) => [op.operationId, []]));

  const record = (check: CheckResult) => {
    results.get(check.operation_id)?.push(check);
    options.onCheck?.(check);
    return check;
  };
  const send = (request: OutgoingRequest) => transport.send(request);
  /** Sessions verify provisioned itself during setup (then provisionUser is already exercised). */
  const provisioned = new Set<string>();

  /** The target publishes /__sandbox/fixtures: the flows may use its control API (faucet, clock). */
  let sandbox = false;
  /** Invalid-body checks waiting for an object the flows create (see invalidBodyCheck). */
  const deferred: OperationSpec[] = [];
  await openSessions();
  for (const op of operations) await negativeChecks(op);
  const runner = new FlowRunner({ ctx, transport, sandbox, judge, record, learn: (op, plan, exchange) => learn(op, plan, exchange) });
  if (options.flows !== false) await playFlows(runner, options.only);
  await flows(runner.owned);
  for (const op of deferred) await invalidBodyCheck(op, sessions.candidates(op.roles)[0] ?? null, false);

  const report: VerifyReport = {
    target: transport.baseUrl,
    started_at: new Date(started).toISOString(),
    duration_ms: Date.now() - started,
    sessions: sessions.all.map((s) => ({ name: s.name, role: s.role, email: s.email, source: s.source })),
    summary: { operations: 0, passed: 0, failed: 0, skipped: 0, checks: 0, violations: 0 },
    operations: operations.map((op) => summarise(op.operationId, op.method, op.path, results.get(op.operationId)!)),
  };
  for (const op of report.operations) {
    report.summary.operations++;
    report.summary[op.result]++;
    report.summary.checks += op.checks.length;
    report.summary.violations += op.checks.reduce((n, c) => n + c.violations.length, 0);
  }
  return report;

  /** Judges one answer: a violation fails; 501 and documented 4xx are skips (the success path was not reached). */
  function judge(op: OperationSpec, kind: CheckKind, caller: Session | null, exchange: Exchange, expected?: number): CheckResult {
    const base = { operation_id: op.operationId, check: kind, caller: caller?.name ?? null, method: exchange.method, url: exchange.url, status: exchange.networkError ? null : exchange.status, violations: [], duration_ms: exchange.durationMs };
    if (exchange.networkError) return { ...base, result: 'failed', reason: `no response: ${exchange.networkError}` };
    if (exchange.status === 501) return { ...base, result: 'skipped', reason: errorMessage(exchange) };
    const violations = checkResponse(contract, op, exchange);
    if (violations.length) return { ...base, violations, result: 'failed', reason: `${violations.length} contract violation(s) in the ${exchange.status} response` };
    if (expected !== undefined) {
      return exchange.status === expected
        ? { ...base, result: 'passed', reason: '' }
        : { ...base, result: 'failed', reason: `expected ${expected}, got ${exchange.status}: ${errorMessage(exchange)}` };
    }
    if (exchange.status >= 200 && exchange.status < 300) return { ...base, result: 'passed', reason: '' };
    return { ...base, result: 'skipped', reason: `answered ${exchange.status} (documented): ${errorMessage(exchange)}` };
  }

  async function openSessions(): Promise<void> {
    const byId = contract.byId;
    const reachable = await send({ method: 'GET', path: '/' });
    if (reachable.networkError) throw new Error(`cannot reach ${transport.baseUrl}: ${reachable.networkError}`);
    const published = options.fixtures === false ? [] : await fixtureUsers(transport);
    sandbox = published.length > 0;
    for (const c of options.credentials ?? []) sessions.add(c);
    adoptFixtures(sessions, pool, published);
    const register = byId.get(AUTH_OPS.register);
    if (register && options.register !== false) {
      // The documented example first (the flow check), then one user of each other role registration allows.
      await createUser(register, null, undefined, 'flow');
      for (const role of roleChoices(register)) if (!sessions.all.some((s) => s.role === role)) await createUser(register, null, role, 'setup');
    }
    const login = byId.get(AUTH_OPS.login);
    if (!login) return;
    let first = true;
    const logInAndJudge = async (session: Session) => {
      const exchange = await logIn(transport, login, session);
      const check = judge(login, first ? 'flow' : 'login', session, exchange);
      if (first || check.result === 'failed') record(check);
      first = false;
      if (check.result === 'passed') adopt(session, login, exchange);
    };
    for (const session of [...sessions.all]) await logInAndJudge(session);
    // An admin can provision the roles nobody could register as (treasury, otc_officer, merchant...).
    const provision = byId.get(AUTH_OPS.provision);
    const admin = provision && sessions.candidates(provision.roles)[0];
    if (provision && admin) {
      for (const role of roleChoices(provision)) {
        if (sessions.all.some((s) => s.role === role)) continue;
        const session = await createUser(provision, admin, role, provisioned.size ? 'setup' : 'flow');
        if (session) { provisioned.add(session.name); await logInAndJudge(session); }
      }
    }
    const viaPin = byId.get(AUTH_OPS.loginPin);
    const pinUser = sessions.all.find((s) => s.source === 'registered' && s.pin) ?? sessions.all.find((s) => s.pin);
    if (viaPin && pinUser) {
      const exchange = await send({ method: viaPin.method, path: viaPin.path, json: { email: pinUser.email, pin: pinUser.pin } });
      if (record(judge(viaPin, 'flow', pinUser, exchange)).result === 'passed') adopt(pinUser, viaPin, exchange);
    }
    const refresh = byId.get(AUTH_OPS.refresh);
    const refreshing = sessions.all.find((s) => s.source === 'registered' && s.refreshToken) ?? sessions.all.find((s) => s.refreshToken);
    if (refresh && refreshing) {
      const exchange = await send({ method: refresh.method, path: refresh.path, json: { refresh_token: refreshing.refreshToken } });
      if (record(judge(refresh, 'flow', refreshing, exchange)).result === 'passed') adopt(refreshing, refresh, exchange);
    }
  }

  /** Top-level optional body fields a 400's details point at. */
  function optionalFieldsNamed(op: OperationSpec, exchange: Exchange): string[] {
    const details = (exchange.json as { details?: Array<{ location?: string; pointer?: string }> } | undefined)?.details ?? [];
    const schema = deref(contract.compiled.document, op.requestBody?.content['application/json']?.schema as any);
    const required: string[] = schema?.required ?? [];
    return details.filter((d) => d.location === 'body' && /^\/[^/]+$/.test(d.pointer ?? '')).map((d) => d.pointer!.slice(1)).filter((f) => !required.includes(f));
  }

  /** The roles a user-creating operation's body accepts (its `role` enum). */
  function roleChoices(op: OperationSpec): string[] {
    const schema = deref(contract.compiled.document, op.requestBody?.content['application/json']?.schema as any);
    const role = deref(contract.compiled.document, schema?.properties?.role);
    return Array.isArray(role?.enum) ? role.enum : [];
  }

  /** Registers or provisions one user (the example's role, or `role`) and keeps it as a session to log in. */
  async function createUser(op: OperationSpec, caller: Session | null, role: string | undefined, kind: CheckKind): Promise<Session | null> {
    const plan = planRequest(ctx, op, caller);
    const body = plan.request.json as { email?: string; password?: string; pin?: string; role?: string };
    if (role) body.role = role;
    let exchange = await send(plan.request);
    // The example was written for one role: optional fields the server rejects for another role are dropped, once.
    const rejected = optionalFieldsNamed(op, exchange).filter((f) => f in body);
    if (exchange.status === 400 && rejected.length) {
      for (const f of rejected) delete (body as Record<string, unknown>)[f];
      exchange = await send(plan.request);
    }
    const check = record(judge(op, kind, caller, exchange));
    const session = check.result === 'passed' ? sessionFromCreatedUser(sessions, op.operationId, body, exchange.json) : null;
    if (!session) return null;
    pool.harvest(contract, op, exchange.status, exchange.json, caller?.name ?? session.name);
    return session;
  }

  /** Takes the tokens and identity out of a login answer. */
  function adopt(session: Session, op: OperationSpec, exchange: Exchange): void {
    adoptAuth(session, exchange.json);
    pool.harvest(contract, op, exchange.status, exchange.json, session.name);
  }

  async function negativeChecks(op: OperationSpec): Promise<void> {
    const caller = op.isPublic ? null : sessions.candidates(op.roles)[0] ?? null;
    const plan = planRequest(ctx, op, caller);
    if (!op.isPublic && op.responses['401']) {
      // Without the multipart body: a server may close the connection on a 401 before reading an upload.
      const exchange = await send({ ...plan.request, token: undefined, form: undefined });
      record(judge(op, 'no-token', null, exchange, 401));
    }
    await invalidBodyCheck(op, caller, true);
  }

  /** An invalid body must be a 400. A server may look the object up before it reads an upload (404 for the
   *  example's id): then the check waits until the flows have created a real one (`mayDefer`). */
  async function invalidBodyCheck(op: OperationSpec, caller: Session | null, mayDefer: boolean): Promise<void> {
    const broken = invalidBody(contract, op);
    if (!broken || !op.responses['400'] || (!op.isPublic && !caller)) return;
    const plan = planRequest(ctx, op, caller, true);
    const exchange = await send({ ...plan.request, json: broken.body, form: broken.form });
    if (mayDefer && exchange.status === 404 && plan.missing.some((m) => m.includes('path parameter'))) { deferred.push(op); return; }
    const check = judge(op, 'invalid-body', caller, exchange, 400);
    if (check.result === 'failed' && !check.violations.length) check.reason = `a body ${broken.broken}: ${check.reason}`;
    record(check);
  }

  async function flows(owned: Set<string>): Promise<void> {
    const pending = operations.filter((op) => !owned.has(op.operationId) && !isAuthOp(op.operationId) && !(op.operationId === AUTH_OPS.provision && provisioned.size));
    const order = (ops: OperationSpec[]) => [...ops].sort((a, b) => rank(a) - rank(b));
    const state = new Map<string, AttemptState>(pending.map((op) => [op.operationId, { done: false, attempts: 0, version: -1, last: null, missing: [] }]));
    // Destroyers run last, so nothing else needs what they remove.
    for (const phase of [order(pending.filter((op) => rank(op) < 4)), pending.filter((op) => rank(op) === 4)]) {
      for (let pass = 0; pass < MAX_PASSES; pass++) {
        let attempted = 0;
        for (const op of phase) {
          const st = state.get(op.operationId)!;
          if (st.done || st.attempts >= MAX_ATTEMPTS || st.version === pool.version) continue;
          if (await attempt(op, st, pass === MAX_PASSES - 1)) attempted++;
        }
        if (!attempted) break;
      }
      for (const op of phase) await conclude(op, state.get(op.operationId)!);
    }
  }

  /** Records an operation's last try; one never sent (its ids were never created) is sent once with the documented
   *  examples, so the report says what the server thinks (a 501 "not implemented" is the honest reason). */
  async function conclude(op: OperationSpec, st: AttemptState): Promise<void> {
    if (st.last) { record(st.last); return; }
    const callers = op.isPublic ? [null] : sessions.candidates(op.roles);
    if (!callers.length) {
      record({ operation_id: op.operationId, check: 'flow', caller: null, method: op.method, url: op.path, status: null, result: 'skipped', reason: `no logged-in user has a role it allows (${op.roles?.join(', ') ?? 'any'})`, violations: [], duration_ms: 0 });
      return;
    }
    const plan = planRequest(ctx, op, callers[0], changesWhatItNames(op));
    const exchange = await send(plan.request);
    const check = judge(op, 'flow', callers[0], exchange);
    if (check.result === 'passed') pool.harvest(contract, op, exchange.status, exchange.json, callers[0]?.name ?? null);
    if (check.result === 'skipped' && exchange.status !== 501) check.reason = `needs ${st.missing.join(', ')}; with the documented examples it ${check.reason}`;
    record(check);
  }

  /** One try of an operation's success path; false when it was not sent (its ids do not exist yet). */
  async function attempt(op: OperationSpec, st: AttemptState, lastPass: boolean): Promise<boolean> {
    let callers: Array<Session | null> = op.isPublic ? [null] : sessions.candidates(op.roles);
    if (!callers.length) return false;
    const changes = changesWhatItNames(op);
    const probe = planRequest(ctx, op, callers[0], changes);
    const pathMissing = probe.missing.filter((m) => m.includes('path parameter'));
    if (pathMissing.length) { st.missing = pathMissing; return false; }
    // The owner of the object acted on is the natural caller (ownership rules), then the rest in role order.
    callers = orderCallers(callers, probe.subject?.owner, changes && !!probe.subject, impliedRoles(ctx, op));
    st.attempts++;
    st.version = pool.version;
    let plan: Plan | null = null;
    let exchange: Exchange | null = null;
    let check: CheckResult | null = null;
    for (const caller of callers.slice(0, 3)) {
      plan = planRequest(ctx, op, caller, changes);
      exchange = await send(plan.request);
      check = judge(op, 'flow', caller, exchange);
      if (exchange.status !== 403) break;
    }
    if (!plan || !exchange || !check) return false;
    if (check.result === 'skipped' && exchange.status !== 501 && plan.missing.length) check.reason += `; could not fill ${plan.missing.join(', ')}`;
    st.last = check;
    if (check.result !== 'skipped' || exchange.status === 501 || lastPass) st.done = true;
    if (check.result === 'passed') {
      if (rank(op) === 4 && plan.subject) pool.forget(plan.subject.id); // destroyed: nothing may name it any more
      await learn(op, plan, exchange);
    }
    return true;
  }

  /** Remembers what a success created; a user created with a password becomes a session of its role. */
  async function learn(op: OperationSpec, plan: Plan, exchange: Exchange): Promise<void> {
    pool.harvest(contract, op, exchange.status, exchange.json, plan.session?.name ?? null);
    const session = sessionFromCreatedUser(sessions, op.operationId, plan.request.json, exchange.json, true);
    const login = contract.byId.get(AUTH_OPS.login);
    if (session && login) {
      const answer = await logIn(transport, login, session);
      const check = judge(login, 'login', session, answer);
      if (check.result === 'passed') adopt(session, login, answer); else if (check.result === 'failed') record(check);
    }
  }
}
