// Drives the product API's own operation handlers from inside the sandbox, synchronously and in the caller's store
// transaction: the same route table, request validation (defaults applied), role check and handler as a real request,
// minus the HTTP. Event triggers (src/control/triggers.ts) run real flows with it, so a flow that stops half-way
// writes nothing, and the objects it leaves behind are the ones a partner's calls would have made.
import type { World } from '../kernel/world.ts';
import type { CompiledContract } from '../contracts/validation.ts';
import { readParameters, toDetails, describeDetails } from '../contracts/validation.ts';
import type { OperationHandlers, UploadedFile } from '../http/types.ts';
import type { Principal } from '../auth/principal.ts';
import { ApiError, unprocessable } from '../kernel/errors.ts';
import { findUserByEmail } from '../domain/users.ts';

export interface DriverInput { body?: unknown; form?: Record<string, string | UploadedFile>; headers?: Record<string, string> }

export class FlowDriver {
  constructor(private readonly world: World, private readonly contract: CompiledContract, private readonly handlers: OperationHandlers,
    private readonly what: string) {}

  /** A seeded (or registered) user as the caller; the flow needs them active. */
  as(email: string): Principal {
    const user = findUserByEmail(this.world, email);
    if (!user || user.deleted_at || !user.is_active) throw unprocessable(`${this.what} needs the active user ${email}, and it is gone from this world`);
    return { userId: user.id, role: user.role, email: user.email };
  }

  /** One product request, e.g. call('POST', '/api/v1/auth/orders', alice, { body }); its JSON answer, or a 422 naming the step. */
  call(method: string, path: string, who: Principal | null, input: DriverInput = {}): any {
    const url = new URL(`http://sandbox.local${path}`);
    const match = this.contract.routes.match(method, url.pathname);
    if (match.kind !== 'found') throw new Error(`flow step ${method} ${path} is not an operation of the contract`);
    const op = match.operation;
    const step = `${this.what} stopped at ${op.operationId}`;
    const v = this.contract.validators.get(op.operationId)!;
    const headers = new Headers(input.headers);
    const { params, query, headers: read, failures } = readParameters(v, match.params, url.searchParams, headers);
    const details = failures.flatMap((f) => f.details);
    const body = input.body === undefined ? undefined : structuredClone(input.body);
    if (body !== undefined && v.body && !v.body(body)) details.push(...toDetails(v.body.errors, 'body'));
    if (details.length) throw unprocessable(`${step}: ${describeDetails(details)}`);
    // As the pipeline: an authenticated operation always gets a caller (handlers are typed so, see PrincipalFor).
    if (!op.isPublic && !who) throw new Error(`flow step ${method} ${path}: ${op.operationId} needs a caller`);
    if (op.roles && who && !op.roles.includes(who.role)) throw unprocessable(`${step}: role ${who.role} may not call it`);
    const handler = this.handlers[op.operationId];
    if (!handler) throw new Error(`flow step ${method} ${path}: ${op.operationId} has no handler`);
    try {
      const result = handler({ world: this.world, operation: op, principal: who, params, query, headers: read, body,
        form: input.form ?? null, origin: 'http://sandbox.local' });
      if (result.status >= 300) throw unprocessable(`${step}: it answered ${result.status}`);
      return result.body;
    } catch (error) {
      if (error instanceof ApiError && error.status !== 422) throw unprocessable(`${step}: ${error.status} ${error.body.error}`);
      throw error;
    }
  }

  /** Sandbox time passes (jobs due by then run: STK callbacks, chain confirmations, payouts). */
  advance(seconds: number): void { this.world.clock.advance(seconds); }
}
