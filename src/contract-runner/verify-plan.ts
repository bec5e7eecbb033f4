// Phase 1 of verify: what a run will exercise, worked out from the contract and the options alone (no request sent).
// Plain data, so it can be printed, tested and handed to the phases that play it (verify.ts runs them in order).
import type { HarnessContract } from './contract.ts';
import { invalidBody } from './negative.ts';
import { AUTH_OPS, isAuthOp, rank } from './ordering.ts';
import { FLOWS } from './flows/index.ts';

export interface PlannedOperation { operation_id: string; method: string; path: string }

export interface VerifyPlan {
  /** Every operation the report covers (the whole contract, or those `only` names), in contract order. */
  operations: PlannedOperation[];
  /** Session setup: the auth operations the contract has (played first, whatever `only` says: every call needs a
   *  token), and whether verify registers a user of its own and reads the sandbox's published fixtures. */
  setup: { operations: string[]; register: boolean; fixtures: boolean };
  /** Negative checks: a request without a token must be a 401; a body missing a required field (`broken` says how)
   *  must be a 400. Each is sent only when a caller exists for it (an invalid body needs a logged-in caller). */
  negative: { no_token: string[]; invalid_body: Array<{ operation_id: string; broken: string }> };
  /** The domain flows played, in order, with the operations each exists to reach. */
  flows: Array<{ name: string; operations: string[] }>;
  /** The generic engine's candidates in play order (creators, readers, updaters, actions; destroyers in a pass of
   *  their own, last). Those a flow ends up calling, and provisionUser once setup used it, are left out at run time. */
  generic: { before_destroyers: string[]; destroyers: string[] };
}

export interface PlanOptions {
  /** Only these operationIds (default: every operation of the contract). */
  only?: string[];
  /** Play the domain flows (default true). */
  flows?: boolean;
  register?: boolean;
  fixtures?: boolean;
}

export function planVerify(contract: HarnessContract, options: PlanOptions = {}): VerifyPlan {
  const { only } = options;
  const operations = contract.compiled.operations.filter((op) => !only || only.includes(op.operationId));
  const invalid: VerifyPlan['negative']['invalid_body'] = [];
  for (const op of operations) {
    const broken = op.responses['400'] ? invalidBody(contract, op) : null;
    if (broken) invalid.push({ operation_id: op.operationId, broken: broken.broken });
  }
  const generic = operations.filter((op) => !isAuthOp(op.operationId));
  const ids = (ops: typeof operations) => ops.map((op) => op.operationId);
  return {
    operations: operations.map((op) => ({ operation_id: op.operationId, method: op.method, path: op.path })),
    setup: {
      operations: Object.values(AUTH_OPS).filter((id) => contract.byId.has(id)),
      register: options.register !== false && contract.byId.has(AUTH_OPS.register),
      fixtures: options.fixtures !== false,
    },
    negative: { no_token: ids(operations.filter((op) => !op.isPublic && op.responses['401'])), invalid_body: invalid },
    flows: options.flows === false ? [] : FLOWS.filter((f) => !only || f.ops.some((op) => only.includes(op))).map((f) => ({ name: f.name, operations: [...f.ops] })),
    // A stable sort: operations of the same rank keep their contract order.
    generic: { before_destroyers: ids(generic.filter((op) => rank(op) < 4).sort((a, b) => rank(a) - rank(b))), destroyers: ids(generic.filter((op) => rank(op) === 4)) },
  };
}
