// One contract violation as every part of the harness reports it: where (a JSON pointer into the status line, a
// header, or the body), what the contract expects, and what was actually there.
import type { ErrorDetail } from '../contracts/validation.ts';
import { resolvePointer } from '../contracts/operations.ts';

export interface Violation {
  location: 'status' | 'header' | 'body' | 'path' | 'query';
  pointer: string;
  expected: string;
  actual: string;
}

/** Shows a value briefly: JSON, cut at 120 characters. */
export function brief(value: unknown): string {
  if (value === undefined) return '(missing)';
  const s = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/** ajv's details (from toDetails) with the actual value found at each pointer. */
export function fromDetails(details: ErrorDetail[], instance: unknown, location?: Violation['location']): Violation[] {
  return details.map((d) => ({
    location: location ?? d.location,
    pointer: d.pointer,
    expected: d.reason,
    actual: d.reason === 'is required' ? '(missing)' : d.reason === 'is not a known field' ? `present: ${brief(at(instance, d.pointer))}` : brief(at(instance, d.pointer)),
  }));
}

function at(instance: unknown, pointer: string): unknown {
  return pointer === '/' || pointer === '' ? instance : resolvePointer(instance, pointer);
}

/** As the sandbox's request log lists it ({location, pointer, reason}; a status problem is about the body as a whole). */
export function toLogged(v: Violation): ErrorDetail {
  return { location: v.location === 'status' ? 'body' : v.location, pointer: v.pointer, reason: `expected ${v.expected}, got ${v.actual}` };
}

export function describeViolation(v: Violation): string {
  return `${v.location} ${v.pointer}: expected ${v.expected}, got ${v.actual}`;
}
