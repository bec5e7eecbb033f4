// `Prefer: code=503, example=NAME, delay=1500` on a product request (Prism's convention): answer the documented
// response for that status without running the operation, optionally a named example, optionally after a delay.
// Documented in the product contract (components.parameters.Prefer) and the README.
import type { CompiledContract } from '../contracts/validation.ts';
import type { OperationSpec } from '../contracts/operations.ts';
import { ApiError } from '../kernel/errors.ts';
import { documentedBody, successStatus } from './documented-response.ts';
import type { OperationResult } from './types.ts';

export interface Preference { code?: number; example?: string; delayMs?: number }

const MAX_DELAY_MS = 5 * 60 * 1000;
const bad = (reason: string) =>
  new ApiError(400, { error: `invalid request: header /prefer ${reason}`, details: [{ location: 'header', pointer: '/prefer', reason }] });

/** The sandbox's preferences of a Prefer header; other preferences (return=minimal, ...) are left alone. */
export function parsePrefer(header: string | null): Preference | null {
  if (!header) return null;
  const out: Preference = {};
  for (const part of header.split(/[,;]/)) {
    const [rawKey, ...rest] = part.split('=');
    const key = rawKey.trim().toLowerCase();
    const value = rest.join('=').trim().replace(/^"(.*)"$/, '$1');
    if (key === 'code') {
      if (!/^[1-5][0-9]{2}$/.test(value)) throw bad(`code=${value} is not an HTTP status code`);
      out.code = Number(value);
    } else if (key === 'example') {
      if (!value) throw bad('example= needs the name of an example');
      out.example = value;
    } else if (key === 'delay') {
      if (!/^[0-9]+$/.test(value) || Number(value) > MAX_DELAY_MS) throw bad(`delay=${value} must be whole milliseconds up to ${MAX_DELAY_MS}`);
      out.delayMs = Number(value);
    }
  }
  return out.code === undefined && out.example === undefined && out.delayMs === undefined ? null : out;
}

/**
 * The forced answer of a preference, or null when it only asks for a delay. `example=` alone picks a named example
 * of the operation's success status. An undocumented status or an unknown example is the client's mistake: a 400.
 */
export function forcedResult(contract: CompiledContract, op: OperationSpec, pref: Preference): OperationResult | null {
  if (pref.code === undefined && pref.example === undefined) return null;
  const status = pref.code ?? successStatus(op);
  const found = documentedBody(contract, op, status, pref.example);
  switch (found.kind) {
    case 'undocumented-status':
      throw bad(`code=${status} is not documented for ${op.operationId}; documented: ${found.documented.join(', ')}`);
    case 'unknown-example':
      throw bad(`example=${pref.example} is not an example of the ${status} response of ${op.operationId}; ` +
        (found.available.length ? `examples: ${found.available.join(', ')}` : 'it has no named examples'));
    case 'empty': return { status };
    case 'body': return { status, body: found.body, headers: { 'x-sandbox-forced': `prefer code=${status}` } };
  }
}
