// Phase 6 of verify: the report, built only from the plan and the plain records the phases returned. Checks are
// grouped by operation in the order they were made; checks of operations outside the plan (a login made for
// setup while `only` names other operations) are not reported.
import { summarise, type CheckResult, type VerifyReport } from './report.ts';
import type { VerifyPlan } from './verify-plan.ts';

export interface RunRecord {
  target: string;
  /** Epoch milliseconds. */
  started: number;
  finished: number;
  sessions: VerifyReport['sessions'];
  /** Every check of the run, in the order made. */
  checks: CheckResult[];
}

export function buildReport(plan: VerifyPlan, run: RunRecord): VerifyReport {
  const byOperation = new Map<string, CheckResult[]>(plan.operations.map((op) => [op.operation_id, []]));
  for (const check of run.checks) byOperation.get(check.operation_id)?.push(check);
  const operations = plan.operations.map((op) => summarise(op.operation_id, op.method, op.path, byOperation.get(op.operation_id)!));
  const summary = { operations: 0, passed: 0, failed: 0, skipped: 0, checks: 0, violations: 0 };
  for (const op of operations) {
    summary.operations++;
    summary[op.result]++;
    summary.checks += op.checks.length;
    summary.violations += op.checks.reduce((n, c) => n + c.violations.length, 0);
  }
  return {
    target: run.target,
    started_at: new Date(run.started).toISOString(),
    duration_ms: run.finished - run.started,
    sessions: run.sessions,
    summary,
    operations,
  };
}
