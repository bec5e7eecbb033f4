// What the dredd hooks delegate to: the same planner verify uses. It logs in the sandbox's published users,
// rewrites each transaction's request (ids created by earlier transactions, fresh unique fields, a token of a role
// the operation allows), says why a transaction must be skipped, hands over the real response schema, and learns
// the ids each answer returns. Loaded by contract-tests/dredd/hooks.cjs through tsx.
import type { OperationSpec } from '../../contracts/operations.ts';
import { loadContract, type HarnessContract } from '../contract.ts';
import { createTransport, type Transport } from '../transport.ts';
import { Pool } from '../pool.ts';
import { Sessions, adoptAuth, adoptFixtures, fixtureUsers, logIn, orderCallers, sessionFromCreatedUser, type Session } from '../sessions.ts';
import { FreshValues, impliedRoles, planRequest, type PlanContext } from '../planner.ts';
import { AUTH_OPS, changesWhatItNames, rank } from '../ordering.ts';

/** Written by the runner: what the sandbox implements and what verify could not reach (with its reason). */
export interface DreddPlan {
  baseUrl: string;
  implemented: string[];
  unreached: Record<string, string>;
}

export interface PreparedRequest {
  skip?: string;
  method?: string;
  /** Path with the query string. */
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The real response schema of the expected status, with the components it refers to. */
  bodySchema?: Record<string, unknown>;
}

export class DreddChain {
  private readonly contract: HarnessContract = loadContract();
  private readonly transport: Transport;
  private readonly pool = new Pool();
  private readonly sessions = new Sessions();
  private readonly ctx: PlanContext;
  private readonly callers = new Map<string, Session | null>();
  private readonly sent = new Map<string, unknown>();
  private readonly subjects = new Map<string, string>();

  constructor(private readonly plan: DreddPlan) {
    this.transport = createTransport(plan.baseUrl);
    this.ctx = { contract: this.contract, pool: this.pool, sessions: this.sessions, fresh: new FreshValues(crypto.randomUUID().slice(0, 8)) };
  }

  /** Logs in every published user (one session per user, as verify does). */
  async open(): Promise<void> {
    const login = this.contract.byId.get(AUTH_OPS.login)!;
    adoptFixtures(this.sessions, this.pool, await fixtureUsers(this.transport));
    for (const session of [...this.sessions.all]) await this.logIn(login, session);
    if (!this.sessions.loggedIn().length) throw new Error(`dredd hooks: no published user could log in at ${this.plan.baseUrl}`);
  }

  prepare(operationId: string, expectedStatus: string): PreparedRequest {
    const op = this.contract.byId.get(operationId);
    if (!op) return { skip: `${operationId} is not in the contract` };
    if (!this.plan.implemented.includes(operationId)) return { skip: `not implemented in the sandbox yet: ${operationId}` };
    const unreached = this.plan.unreached[operationId];
    if (unreached) return { skip: `no example-built request reaches its success path (verify reaches it only through a domain flow of several calls): ${unreached}` };
    const callers: Array<Session | null> = op.isPublic ? [null] : this.sessions.candidates(op.roles);
    if (!callers.length) return { skip: `no logged-in user has a role it allows (${op.roles?.join(', ')})` };
    const changes = changesWhatItNames(op);
    const probe = planRequest(this.ctx, op, callers[0], changes);
    const caller = orderCallers(callers, probe.subject?.owner, changes && !!probe.subject, impliedRoles(this.ctx, op))[0];
    const planned = planRequest(this.ctx, op, caller, changes);
    const missing = planned.missing.filter((m) => m.includes('parameter'));
    if (missing.length) return { skip: `no documented example and no earlier transaction created ${missing.join(', ')}` };
    this.callers.set(operationId, caller);
    if (process.env.COINPOOL_DREDD_DEBUG) console.log(`[chain] ${operationId} as ${caller?.name ?? '-'} subject ${planned.subject?.id ?? '-'} (owner ${planned.subject?.owner ?? '-'}); sessions ${this.sessions.loggedIn().map((x) => x.name).join(',')}`);
    const request = planned.request;
    this.credentialsFor(op, request);
    this.sent.set(operationId, request.json);
    if (planned.subject && rank(op) === 4) this.subjects.set(operationId, planned.subject.id);
    const headers: Record<string, string> = { ...request.headers };
    if (request.token) headers.Authorization = `Bearer ${request.token}`;
    let body: string | undefined;
    if (request.json !== undefined) { headers['Content-Type'] = 'application/json'; body = JSON.stringify(request.json); }
    if (request.form) return { skip: 'a multipart/form-data body has no documented example' };
    const query = new URLSearchParams(request.query ?? {}).toString();
    return { method: op.method, path: request.path + (query ? `?${query}` : ''), headers, body, bodySchema: this.schemaFor(op, expectedStatus) };
  }

  /** The logins send a real user's credentials instead of the documented example's. */
  private credentialsFor(op: OperationSpec, request: { json?: unknown }): void {
    const user = this.sessions.ofRole('customer') ?? this.sessions.loggedIn()[0];
    if (op.operationId === AUTH_OPS.login) request.json = { email: user.email, password: user.password };
    if (op.operationId === AUTH_OPS.loginPin) request.json = { email: user.email, pin: user.pin };
    if (op.operationId === AUTH_OPS.refresh) {
      this.callers.set(op.operationId, user);
      request.json = { refresh_token: user.refreshToken };
    }
  }

  /** A 200 from loginUser gives the session its tokens. */
  private async logIn(login: OperationSpec, session: Session): Promise<void> {
    const r = await logIn(this.transport, login, session);
    if (r.status === 200) adoptAuth(session, r.json);
  }

  private schemaFor(op: OperationSpec, status: string): Record<string, unknown> | undefined {
    const schema = op.responses[status]?.content?.['application/json']?.schema as Record<string, unknown> | undefined;
    return schema ? { ...schema, components: this.contract.compiled.document.components } : undefined;
  }

  /** Remembers what a successful answer created; a refreshed login replaces the caller's tokens; a user created
   *  with a password (registered, provisioned) becomes a session, as in verify. */
  async learn(operationId: string, status: number, text: string): Promise<void> {
    const op = this.contract.byId.get(operationId);
    if (!op || status < 200 || status >= 300) return;
    let body: unknown;
    try { body = JSON.parse(text); } catch { return; }
    const caller = this.callers.get(operationId) ?? null;
    const destroyed = this.subjects.get(operationId);
    if (destroyed) this.pool.forget(destroyed);
    this.pool.harvest(this.contract, op, status, body, caller?.name ?? null);
    if (operationId === AUTH_OPS.refresh && caller) adoptAuth(caller, body);
    const session = sessionFromCreatedUser(this.sessions, operationId, this.sent.get(operationId), body);
    if (!session) return;
    this.pool.add(['user'], { id: session.userId, role: session.role }, session.name);
    await this.logIn(this.contract.byId.get(AUTH_OPS.login)!, session);
  }
}
