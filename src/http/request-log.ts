// Every request the sandbox answered, with the contract violations found on the way in and out. The dashboard and
// GET /__sandbox/violations read it; partners assert after a test run that their client sent nothing invalid.
import type { ErrorDetail } from '../contracts/validation.ts';
import type { AppliedFault } from './faults.ts';

export interface LoggedRequest {
  id: number;
  at: string;
  method: string;
  path: string;
  operation_id: string | null;
  status: number;
  duration_ms: number;
  request_violations: ErrorDetail[];
  response_violations: ErrorDetail[];
  /** Injected faults that acted on this request (POST /__sandbox/faults); status 0 when one dropped the connection. */
  faults: AppliedFault[];
}

export class RequestLog {
  // A ring of the last `capacity` entries: adding one is O(1) (shifting an array of 2,000 was not).
  private ring: LoggedRequest[] = [];
  private start = 0;
  private next = 1;
  constructor(private readonly capacity = 2000, private readonly onEntry?: (e: LoggedRequest) => void) {}

  add(entry: Omit<LoggedRequest, 'id'>): LoggedRequest {
    // Field by field rather than a spread of the entry: the same object and key order, built without a copy loop.
    const full: LoggedRequest = { id: this.next++, at: entry.at, method: entry.method, path: entry.path, operation_id: entry.operation_id,
      status: entry.status, duration_ms: entry.duration_ms, request_violations: entry.request_violations,
      response_violations: entry.response_violations, faults: entry.faults };
    if (this.ring.length < this.capacity) this.ring.push(full);
    else { this.ring[this.start] = full; this.start = (this.start + 1) % this.capacity; }
    this.onEntry?.(full);
    return full;
  }
  /** Oldest first. */
  all(): LoggedRequest[] { return [...this.ring.slice(this.start), ...this.ring.slice(0, this.start)]; }
  violations(): LoggedRequest[] {
    return this.all().filter((e) => e.request_violations.length || e.response_violations.length);
  }
  clear(): void { this.ring = []; this.start = 0; }
}

/** The one-line console form of an entry (the host prints it unless --quiet). */
export function formatLogLine(e: LoggedRequest): string {
  const flagged = e.request_violations.length ? ` (${e.request_violations.length} request violation(s))`
    : e.response_violations.length ? ` (CONTRACT VIOLATION in response)` : '';
  return `${e.at} ${e.method} ${e.path} → ${e.status} ${e.operation_id ?? '-'} ${e.duration_ms}ms${flagged}`;
}
