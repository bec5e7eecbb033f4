// What every phase of a verify run is handed explicitly (verify.ts builds it once): the contract, the transport to
// the target, and what the run has learnt so far (the pool of objects and the sessions, which the planner reads and
// each success adds to). Phases return their checks as plain records; CheckLog collects one phase's, in order.
import type { HarnessContract } from './contract.ts';
import type { Transport } from './transport.ts';
import type { PlanContext } from './planner.ts';
import type { CheckResult } from './report.ts';

export interface VerifyEnv {
  contract: HarnessContract;
  transport: Transport;
  /** The pool, the sessions and the run's fresh values, as the planner reads them. */
  learnt: PlanContext;
  /** Told of each check as it is made (progress), before the phase that made it returns. */
  observe?: (check: CheckResult) => void;
}

/** The checks one phase made, in the order it made them; each is passed on to the run's observer as it comes. */
export class CheckLog {
  readonly checks: CheckResult[] = [];
  constructor(private readonly observe?: (check: CheckResult) => void) {}

  record(check: CheckResult): CheckResult {
    this.checks.push(check);
    this.observe?.(check);
    return check;
  }
}
