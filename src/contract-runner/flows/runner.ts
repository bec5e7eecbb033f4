// What the domain flows (flows/*.ts) are written against: one `step` per operation call, judged and recorded exactly
// like verify's generic flows (same planner, same checks), with the flow's own overrides on top of the documented
// example. The generic engine only knows what the contract says; a flow knows the business rules between calls
// (an on-ramp order needs a SELL offer, a deposit must be priced before it is submitted...), so it can reach the
// success paths the generic engine answers with a documented 409/422.
// A flow owns every operation it calls: the generic engine leaves those alone, so each one's result (or the
// precise reason it was not reached) comes from the flow.
import type { OperationSpec } from '../../contracts/operations.ts';
import type { Exchange, OutgoingRequest, Transport } from '../transport.ts';
import type { CheckKind, CheckResult } from '../report.ts';
import type { Session } from '../sessions.ts';
import { fillPath, planRequest, type Plan, type PlanContext } from '../planner.ts';

export interface FlowDeps {
  ctx: PlanContext;
  transport: Transport;
  /** True when the target publishes /__sandbox/fixtures: its control API (faucet, clock) may be used. */
  sandbox: boolean;
  judge(op: OperationSpec, kind: CheckKind, caller: Session | null, exchange: Exchange): CheckResult;
  record(check: CheckResult): CheckResult;
  /** Harvests a success into the pool (and makes a created user a session), as the generic engine does. */
  learn(op: OperationSpec, plan: Plan, exchange: Exchange): Promise<void>;
}

export interface StepOptions {
  /** The caller (default: the first session whose role the operation allows). null: no token. */
  as?: Session | null;
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** Merged over the planned body (documented example with ids filled); an `undefined` value removes the field.
   *  A function gets the planned body and returns the body to send. */
  body?: Record<string, unknown> | ((planned: Record<string, unknown>) => unknown);
  form?: Record<string, string | Blob>;
}

/** Thrown inside a flow when a step did not succeed: the flow stops, what it had not reached is skipped.
 *  `status`: the documented non-2xx status the server answered, when that was the reason. */
export class StepFailed extends Error {
  constructor(readonly operationId: string, readonly why: string, readonly status?: number) { super(`${operationId} ${why}`); }
}

export class FlowRunner {
  /** Operations some flow called or declared: the generic engine does not play them. */
  readonly owned = new Set<string>();
  private readonly passed = new Set<string>();
  private readonly tried = new Set<string>();

  constructor(readonly deps: FlowDeps) {}

  get sessions() { return this.deps.ctx.sessions; }
  get pool() { return this.deps.ctx.pool; }

  /** A logged-in session of the role (configured/published users first), or a StepFailed naming what is missing. */
  user(role: string, forOp: string): Session {
    const s = this.sessions.ofRole(role);
    if (!s) throw new StepFailed(forOp, `needs a logged-in ${role} user (give one with --user ${role}=email:password)`);
    return s;
  }

  /** Plays one operation; the parsed body on a documented 2xx that conforms, else a StepFailed with the reason. */
  async step(operationId: string, options: StepOptions = {}): Promise<any> {
    const op = this.deps.ctx.contract.byId.get(operationId);
    if (!op) throw new StepFailed(operationId, 'is not in the contract');
    this.owned.add(operationId);
    const caller = options.as !== undefined ? options.as : op.isPublic ? null : this.sessions.candidates(op.roles)[0] ?? null;
    if (!op.isPublic && !caller) throw new StepFailed(operationId, `needs a logged-in user of a role it allows (${op.roles?.join(', ') ?? 'any'})`);
    const plan = planRequest(this.deps.ctx, op, caller, false);
    const request: OutgoingRequest = plan.request;
    if (options.params) request.path = fillPath(op, options.params);
    if (options.query) request.query = { ...request.query, ...options.query };
    if (options.form) { request.form = options.form; delete request.json; }
    if (typeof options.body === 'function') request.json = options.body((request.json ?? {}) as Record<string, unknown>);
    else if (options.body) {
      const body = { ...(request.json as Record<string, unknown> | undefined) };
      for (const [k, v] of Object.entries(options.body)) { if (v === undefined) delete body[k]; else body[k] = v; }
      request.json = body;
    }
    const exchange = await this.deps.transport.send(request);
    const check = this.deps.judge(op, 'flow', caller, exchange);
    this.tried.add(operationId);
    // A later success of the same operation in another flow must not be hidden by an earlier skip of it.
    if (check.result !== 'skipped' || !this.passed.has(operationId)) this.deps.record(check);
    if (check.result === 'failed') throw new StepFailed(operationId, `failed: ${check.reason}`);
    if (check.result !== 'passed') throw new StepFailed(operationId, check.reason, exchange.status);
    this.passed.add(operationId);
    await this.deps.learn(op, plan, exchange);
    return exchange.json;
  }

  /** Records why operations a flow stopped before were not reached (once per operation, never over a result). */
  notReached(operationIds: string[], failure: StepFailed): void {
    for (const id of operationIds) {
      this.owned.add(id);
      if (this.tried.has(id) || this.passed.has(id)) continue;
      const op = this.deps.ctx.contract.byId.get(id);
      if (!op) continue;
      this.tried.add(id);
      this.deps.record({
        operation_id: id, check: 'flow', caller: null, method: op.method, url: op.path, status: null, result: 'skipped', violations: [], duration_ms: 0,
        reason: `not reached: its flow stopped at ${failure.operationId}, which ${failure.why}`,
      });
    }
  }

  /** The sandbox control API (not part of the contract, not checked); false when the target is not a sandbox. */
  async control(method: string, path: string, json?: unknown): Promise<boolean> {
    if (!this.deps.sandbox) return false;
    const r = await this.deps.transport.send({ method, path, json });
    return r.status >= 200 && r.status < 300;
  }

  /** Tops a wallet up through the sandbox faucet (a real server: nothing happens, its own balances must do). */
  faucet(walletId: string, asset: string, amount: string): Promise<boolean> {
    return this.control('POST', '/__sandbox/faucet', { wallet_id: walletId, asset, amount });
  }

  /** Moves the sandbox clock (STK callbacks and payouts fall due); a real server is given the time instead. */
  async advance(seconds: number): Promise<void> {
    if (!(await this.control('POST', '/__sandbox/clock/advance', { seconds }))) await new Promise((r) => setTimeout(r, Math.min(seconds, 10) * 1000));
  }

  /** The server's idea of now: the newest `created_at`/`updated_at` it has answered (its clock may be simulated). */
  serverNow(): Date {
    const seen = [this.pool.field('updated_at'), this.pool.field('created_at')].filter((v): v is string => !!v && !Number.isNaN(Date.parse(v)));
    return seen.length ? new Date(Math.max(...seen.map(Date.parse))) : new Date();
  }

  /** A wallet of a session on a network, as the pool learnt it (fixtures, registration, wallet creation). */
  wallet(session: Session, network: string): { id: string; address: string } | null {
    const entry = this.pool.find(['wallet'], session.name, (e) => e.object.network !== network || typeof e.object.address !== 'string'
      || (e.object.user_id !== undefined && e.object.user_id !== session.userId) || e.object.wallet_type === 'multisig');
    return entry ? { id: entry.id, address: entry.object.address as string } : null;
  }
}

/** Runs a flow: each StepFailed stops it and marks the operations it had not reached yet as skipped. */
export async function play(runner: FlowRunner, ops: string[], flow: () => Promise<void>): Promise<void> {
  ops.forEach((id) => runner.owned.add(id));
  try {
    await flow();
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    runner.notReached(ops, error);
  }
}
