// Every request the sandbox answered, with the contract violations found on the way in and out. The dashboard and
// GET /__sandbox/violations read it; partners assert after a test run that their client sent nothing invalid.
import type { ErrorDetail } from '../contracts/validation.ts';

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
  faults: { id: string; kind: string }[];
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private next = 1;
  constructor(private readonly capacity = 2000, private readonly onEntry?: (e: LoggedRequest) => void) {}

  add(entry: Omit<LoggedRequest, 'id'>): LoggedRequest {
    const full = { id: this.next++, ...entry };
    this.entries.push(full);
    if (this.entries.length > this.capacity) this.entries.shift();
    this.onEntry?.(full);
    return full;
  }
  all(): LoggedRequest[] { return [...this.entries]; }
  violations(): LoggedRequest[] {
    return this.entries.filter((e) => e.request_violations.length || e.response_violations.length);
  }
  clear(): void { this.entries = []; }
}
