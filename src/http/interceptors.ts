// What may stand between a routed product request and its operation: injected faults (src/http/faults.ts), a
// `Prefer:` forced response (src/http/prefer.ts) and the latency profile (src/http/latency.ts). The pipeline asks
// once per request and waits, answers or runs the operation as told.
import type { CompiledContract } from '../contracts/validation.ts';
import type { OperationSpec } from '../contracts/operations.ts';
import type { ApiRequest, ApiResponse } from './exchange.ts';
import type { OperationResult } from './types.ts';
import { ApiError } from '../kernel/errors.ts';
import type { AppliedFault, FaultSet } from './faults.ts';
import { parsePrefer, forcedResult } from './prefer.ts';
import type { LatencyProfile, LatencySource } from './latency.ts';

export interface Interception {
  /** Wait this long before answering (or running the operation). */
  delayMs: number;
  /** A documented answer given instead of running the operation; still checked against the contract. */
  result: OperationResult | null;
  /** A fault's answer, sent as it is (a fault may break the contract on purpose). */
  response: ApiResponse | null;
  faults: AppliedFault[];
}

export type Intercept = (op: OperationSpec, request: ApiRequest, url: URL) => Interception;

export function productInterceptor(deps: { contract: CompiledContract; faults: FaultSet; latency: LatencySource; profile: () => LatencyProfile | null }): Intercept {
  return (op, request, url) => {
    const decision = deps.faults.decide(op, request.method, url.pathname, deps.contract);
    let result: OperationResult | null = null;
    let preferDelay = 0;
    if (!decision.response) {
      try {
        const pref = parsePrefer(request.headers.get('prefer'));
        preferDelay = pref?.delayMs ?? 0;
        result = pref ? forcedResult(deps.contract, op, pref) : null;
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        result = { status: error.status, body: error.body };
      }
    }
    return {
      delayMs: decision.delayMs + preferDelay + deps.latency.draw(deps.profile()),
      result,
      response: decision.response,
      faults: decision.applied,
    };
  };
}
