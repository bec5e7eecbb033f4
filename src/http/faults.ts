// Injected faults: what a partner asks the sandbox to do wrong on purpose (POST /__sandbox/faults), so their client's
// retries, timeouts and error screens meet a 503, a slow answer, a dropped connection or broken JSON. State of one
// sandbox (one world): kept on the Sandbox, cleared by a reset. Matching and counting live here; the pipeline asks
// `decide()` once per routed request, the hosts turn a network outcome into a reset socket or a rejected fetch.
import type { OperationSpec } from '../contracts/operations.ts';
import type { CompiledContract } from '../contracts/validation.ts';
import { SeededStream } from './seeded-stream.ts';
import { documentedBody, successStatus } from './documented-response.ts';
import type { ApiResponse } from './exchange.ts';
import type { components } from '../../contracts/generated/control-types.js';

type ControlSchemas = components['schemas'];

// A fault's shape is the control contract's (contracts/sandbox-control.yaml), which the request validator has checked.
export type FaultSpec = ControlSchemas['FaultSpec'];
export type FaultKind = FaultSpec['kind'];
export type FaultMatch = FaultSpec['match'];
/** A fault as added; `matched` counts the requests it matched (with those `after` skipped), `fired` those it acted on. */
export type Fault = ControlSchemas['Fault'];
/** What a fault did to one request, as the request log records it. */
export type AppliedFault = ControlSchemas['AppliedFault'];

/** Defined with the response that carries it (exchange.ts); re-exported for the hosts that act on it. */
export type { NetworkFault } from './exchange.ts';

/** What the faults decided for one request: wait, then answer this instead of running the operation (or run it). */
export interface FaultDecision {
  delayMs: number;
  response: ApiResponse | null;
  applied: AppliedFault[];
}

/** A `timeout` fault gives up on the client after this long and closes the connection. */
export const TIMEOUT_FAULT_MAX_MS = 5 * 60 * 1000;
/** The faults' own stream of the seeded random source (see SeededStream). */
const FAULT_STREAM = 0xfa17;

export class FaultSet {
  private readonly faults: Fault[] = [];
  private readonly random: SeededStream;
  private next = 1;

  constructor(seed: number, private readonly now: () => string) {
    this.random = new SeededStream(seed, FAULT_STREAM);
  }

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: `flt_${this.next++}`, created_at: this.now(), matched: 0, fired: 0 };
    this.faults.push(fault);
    return fault;
  }
  list(): Fault[] { return this.faults.map((f) => ({ ...f })); }
  remove(id: string): boolean {
    const i = this.faults.findIndex((f) => f.id === id);
    if (i >= 0) this.faults.splice(i, 1);
    return i >= 0;
  }
  clear(): void { this.faults.length = 0; }

  /**
   * Every fault that matches the request counts it; those whose `after`, `times` and `probability` let them fire
   * act on it: delays add up, and the first fault that replaces the answer (status, reset, timeout, malformed) wins;
   * the replacing faults after it do not fire (and are not counted as fired).
   */
  decide(op: OperationSpec, method: string, path: string, contract: CompiledContract): FaultDecision {
    const decision: FaultDecision = { delayMs: 0, response: null, applied: [] };
    for (const fault of this.faults) {
      if (!matches(fault.match, op, method, path)) continue;
      fault.matched++;
      if (fault.matched <= (fault.after ?? 0)) continue;
      if (fault.times !== undefined && fault.fired >= fault.times) continue;
      if (fault.kind !== 'delay' && decision.response) continue;
      if (fault.probability !== undefined && this.random.next() >= fault.probability) continue;
      fault.fired++;
      decision.applied.push({ id: fault.id, kind: fault.kind });
      decision.delayMs += fault.delay_ms ?? 0;
      if (fault.kind !== 'delay') decision.response = answerOf(fault, op, contract);
    }
    return decision;
  }
}

function matches(match: FaultMatch, op: OperationSpec, method: string, path: string): boolean {
  if ('operation_id' in match) return match.operation_id === op.operationId;
  // A concrete path (/api/v1/auth/orders/abc) or the contract's template (/api/v1/auth/orders/{id}).
  return match.method.toUpperCase() === method.toUpperCase() && (match.path === path || match.path === op.path);
}

/** Statuses that carry no body by definition (a Fetch Response refuses one). */
const BODILESS = new Set([204, 205, 304]);
const json = (status: number, body: unknown, headers: Record<string, string> = {}): ApiResponse => (BODILESS.has(status)
  ? { status, headers, body: null }
  : { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

function answerOf(fault: Fault, op: OperationSpec, contract: CompiledContract): ApiResponse {
  const marker = { 'x-sandbox-fault': fault.id };
  switch (fault.kind) {
    case 'reset':
    case 'timeout':
      return { status: 0, headers: marker, body: null, network: fault.kind };
    case 'malformed': {
      const found = documentedBody(contract, op, successStatus(op));
      const text = JSON.stringify(found.kind === 'body' ? found.body : { error: 'malformed' });
      // Cut inside the JSON so that no parser accepts it, however short the body.
      return { status: 200, headers: { 'content-type': 'application/json', ...marker, ...fault.headers }, body: text.slice(0, Math.max(1, Math.floor(text.length / 2))) };
    }
    case 'status':
    default: {
      const status = fault.status ?? 503;
      const headers = { ...marker, ...fault.headers };
      if (fault.body !== undefined) return json(status, fault.body, headers);
      const found = documentedBody(contract, op, status);
      if (found.kind === 'body') return json(status, found.body, headers);
      if (found.kind === 'empty') return { status, headers, body: null };
      return json(status, { error: `injected fault ${fault.id}: ${op.operationId} answered ${status}` }, headers);
    }
  }
}
