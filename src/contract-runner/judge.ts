// How verify judges one answer: a contract violation or a missing response fails; a 501 and a documented 4xx are
// skips (the success path was not reached); with an `expected` status (the negative checks) anything else fails.
import type { OperationSpec } from '../contracts/operations.ts';
import type { HarnessContract } from './contract.ts';
import { checkResponse } from './check-response.ts';
import { errorMessage, type Exchange } from './transport.ts';
import type { CheckKind, CheckResult } from './report.ts';
import type { Session } from './sessions.ts';

export function judge(contract: HarnessContract, op: OperationSpec, kind: CheckKind, caller: Session | null, exchange: Exchange, expected?: number): CheckResult {
  const base = { operation_id: op.operationId, check: kind, caller: caller?.name ?? null, method: exchange.method, url: exchange.url, status: exchange.networkError ? null : exchange.status, violations: [], duration_ms: exchange.durationMs };
  if (exchange.networkError) return { ...base, result: 'failed', reason: `no response: ${exchange.networkError}` };
  if (exchange.status === 501) return { ...base, result: 'skipped', reason: errorMessage(exchange) };
  const violations = checkResponse(contract, op, exchange);
  if (violations.length) return { ...base, violations, result: 'failed', reason: `${violations.length} contract violation(s) in the ${exchange.status} response` };
  if (expected !== undefined) {
    return exchange.status === expected
      ? { ...base, result: 'passed', reason: '' }
      : { ...base, result: 'failed', reason: `expected ${expected}, got ${exchange.status}: ${errorMessage(exchange)}` };
  }
  if (exchange.status >= 200 && exchange.status < 300) return { ...base, result: 'passed', reason: '' };
  return { ...base, result: 'skipped', reason: `answered ${exchange.status} (documented): ${errorMessage(exchange)}` };
}
