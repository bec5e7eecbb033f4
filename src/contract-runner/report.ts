// What verify found, and the three ways it is shown: a table for a person, JSON for tools, JUnit XML for CI.
import { describeViolation, type Violation } from './violations.ts';

export type Outcome = 'passed' | 'failed' | 'skipped';
export type CheckKind = 'flow' | 'no-token' | 'invalid-body' | 'login' | 'setup'
  // webhook-check's cases (src/contract-runner/webhook-check.ts)
  | 'valid' | 'duplicate' | 'bad-signature' | 'stale-timestamp';

export interface CheckResult {
  operation_id: string;
  check: CheckKind;
  caller: string | null;
  method: string;
  url: string;
  status: number | null;
  result: Outcome;
  reason: string;
  violations: Violation[];
  duration_ms: number;
}

export interface OperationReport {
  operation_id: string;
  method: string;
  path: string;
  result: Outcome;
  reason: string;
  checks: CheckResult[];
}

export interface VerifyReport {
  target: string;
  started_at: string;
  duration_ms: number;
  sessions: Array<{ name: string; role: string; email: string; source: string }>;
  summary: { operations: number; passed: number; failed: number; skipped: number; checks: number; violations: number };
  operations: OperationReport[];
}

/** An operation fails if any of its checks failed; passes only if its flow reached a documented success. */
export function summarise(operation_id: string, method: string, path: string, checks: CheckResult[]): OperationReport {
  const failed = checks.filter((c) => c.result === 'failed');
  const flows = checks.filter((c) => c.check === 'flow' || c.check === 'login');
  const flow = flows.find((c) => c.result === 'passed') ?? flows[flows.length - 1];
  let result: Outcome;
  let reason: string;
  if (failed.length) {
    result = 'failed';
    reason = failed.map((c) => `${c.check}: ${c.reason}`).join('; ');
  } else if (flow?.result === 'passed') {
    result = 'passed';
    reason = '';
  } else {
    result = 'skipped';
    reason = flow?.reason ?? 'not reached';
  }
  return { operation_id, method, path, result, reason, checks };
}

export function renderTable(report: VerifyReport, options: { color?: boolean } = {}): string {
  const paint = (outcome: Outcome, text: string) => {
    if (!options.color) return text;
    const code = outcome === 'passed' ? 32 : outcome === 'failed' ? 31 : 33;
    return `\u001b[${code}m${text}\u001b[0m`;
  };
  const rows: string[][] = [['operation', 'check', 'caller', 'status', 'result']];
  const outcomes: Outcome[] = [];
  for (const op of report.operations) {
    for (const c of op.checks) {
      rows.push([op.operation_id, c.check, c.caller ?? '-', c.status === null ? '-' : String(c.status), c.result + (c.reason && c.result !== 'passed' ? `: ${c.reason}` : '')]);
      outcomes.push(c.result);
    }
    if (!op.checks.length) { rows.push([op.operation_id, '-', '-', '-', `${op.result}: ${op.reason}`]); outcomes.push(op.result); }
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.slice(0, 4).map((cell, i) => cell.padEnd(widths[i])).join('  ') + '  ' + r[4];
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  ') + '  ------'];
  rows.slice(1).forEach((r, i) => out.push(paint(outcomes[i], truncate(line(r), 220))));
  for (const op of report.operations) {
    for (const c of op.checks) {
      if (!c.violations.length) continue;
      out.push('', `${op.operation_id} (${c.check}) ${c.method} ${c.url} → ${c.status}:`);
      for (const v of c.violations) out.push(`    ${describeViolation(v)}`);
    }
  }
  const s = report.summary;
  out.push('', `${s.operations} operations: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped (${s.checks} checks, ${s.violations} violations) in ${report.duration_ms} ms against ${report.target}`);
  return out.join('\n');
}

const truncate = (s: string, n: number) => (s.length > n ? s.slice(0, n - 3) + '...' : s);

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  // eslint-disable-next-line no-control-regex
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** One testsuite per API tag-less run, one testcase per check; skipped checks carry their reason. */
export function renderJUnit(report: VerifyReport, suite = 'verify'): string {
  const cases: string[] = [];
  let tests = 0; let failures = 0; let skipped = 0;
  for (const op of report.operations) {
    const checks = op.checks.length ? op.checks : [null];
    for (const c of checks) {
      tests++;
      const name = `${op.operation_id} ${c?.check ?? 'flow'}`;
      const time = ((c?.duration_ms ?? 0) / 1000).toFixed(3);
      const head = `    <testcase classname="${xml(`${suite}.${op.operation_id}`)}" name="${xml(name)}" time="${time}"`;
      const result = c?.result ?? op.result;
      const reason = c?.reason ?? op.reason;
      if (result === 'failed') {
        failures++;
        const detail = (c?.violations ?? []).map(describeViolation).join('\n') || reason;
        cases.push(`${head}>\n      <failure message="${xml(reason)}">${xml(`${c?.method} ${c?.url} → ${c?.status}\n${detail}`)}</failure>\n    </testcase>`);
      } else if (result === 'skipped') {
        skipped++;
        cases.push(`${head}>\n      <skipped message="${xml(reason)}"/>\n    </testcase>`);
      } else cases.push(`${head}/>`);
    }
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="coinpool-sandbox ${suite}" tests="${tests}" failures="${failures}" skipped="${skipped}" time="${(report.duration_ms / 1000).toFixed(3)}">`,
    `  <testsuite name="${xml(`${suite === 'verify' ? 'contract verify' : suite} ${report.target}`)}" tests="${tests}" failures="${failures}" skipped="${skipped}" timestamp="${report.started_at}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
