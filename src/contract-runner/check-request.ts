// Checks one request a client sent against the contract, with the sandbox's own compiled validators: a known
// operation, a bearer token where the operation is not public, path/query/header parameters, the content type and
// the JSON body (every error). Used by the validation proxy, which sees traffic it did not produce.
import type { OperationSpec } from '../contracts/operations.ts';
import { readParameters, toDetails } from '../contracts/validation.ts';
import type { HarnessContract } from './contract.ts';
import { brief, fromDetails, type Violation } from './violations.ts';

export interface ObservedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: Uint8Array;
}

export interface RequestCheck {
  operation: OperationSpec | null;
  violations: Violation[];
}

export function checkRequest(contract: HarnessContract, request: ObservedRequest): RequestCheck {
  const match = contract.compiled.routes.match(request.method.toUpperCase(), request.url.pathname);
  if (match.kind !== 'found') {
    const expected = match.kind === 'method-not-allowed' ? `one of the methods ${match.allowed.join(', ')}` : 'a path of the contract';
    return { operation: null, violations: [{ location: 'path', pointer: '/', expected, actual: `${request.method} ${request.url.pathname}` }] };
  }
  const op = match.operation;
  const v = contract.compiled.validators.get(op.operationId)!;
  const violations: Violation[] = [];
  if (!op.isPublic && !/^bearer\s+\S+/i.test(request.headers.get('authorization') ?? '')) {
    violations.push({ location: 'header', pointer: '/authorization', expected: 'a bearer token (the operation is not public)', actual: brief(request.headers.get('authorization') ?? undefined) });
  }
  for (const failure of readParameters(v, match.params, request.url.searchParams, request.headers).failures) {
    violations.push(...fromDetails(failure.details, failure.sent));
  }
  if (op.requestBody) violations.push(...checkBody(op, v.body, request));
  return { operation: op, violations };
}

function checkBody(op: OperationSpec, validate: ((data: unknown) => boolean) & { errors?: any } | null, request: ObservedRequest): Violation[] {
  const declared = Object.keys(op.requestBody!.content);
  const contentType = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const text = new TextDecoder().decode(request.body);
  if (!text.trim()) {
    return op.requestBody!.required ? [{ location: 'body', pointer: '/', expected: 'a request body', actual: '(empty)' }] : [];
  }
  if (!declared.includes(contentType)) {
    return [{ location: 'header', pointer: '/content-type', expected: declared.join(' or '), actual: brief(contentType || undefined) }];
  }
  if (contentType !== 'application/json' || !validate) return [];
  let body: unknown;
  try { body = JSON.parse(text); } catch {
    return [{ location: 'body', pointer: '/', expected: 'valid JSON', actual: brief(text) }];
  }
  const snapshot = structuredClone(body);
  return validate(body) ? [] : fromDetails(toDetails(validate.errors, 'body'), snapshot);
}
