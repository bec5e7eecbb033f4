// Phase 4 of verify: the domain flows the plan lists (flows/*.ts), in order. They know the business rules between
// calls that the contract's shape alone does not tell; every operation a flow called or declared is its own, and
// the generic engine leaves it alone.
import { FlowRunner } from './flows/runner.ts';
import { FLOWS } from './flows/index.ts';
import type { CheckResult } from './report.ts';
import { judge } from './judge.ts';
import { learn } from './learning.ts';
import { CheckLog, type VerifyEnv } from './verify-env.ts';
import type { VerifyPlan } from './verify-plan.ts';

export interface FlowResult {
  checks: CheckResult[];
  /** Operations some flow called or declared. */
  owned: string[];
}

/** `sandbox`: the target publishes its control API (faucet, clock), as session setup found out. */
export async function runFlows(env: VerifyEnv, plan: VerifyPlan, sandbox: boolean): Promise<FlowResult> {
  const log = new CheckLog(env.observe);
  const runner = new FlowRunner({
    ctx: env.learnt,
    transport: env.transport,
    sandbox,
    judge: (op, kind, caller, exchange) => judge(env.contract, op, kind, caller, exchange),
    record: (check) => log.record(check),
    learn: async (op, request, exchange) => { for (const check of await learn(env, op, request, exchange)) log.record(check); },
  });
  for (const { name } of plan.flows) await FLOWS.find((f) => f.name === name)!.run(runner);
  return { checks: log.checks, owned: [...runner.owned] };
}
