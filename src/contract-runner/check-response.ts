// Checks one real response against its operation in the contract: the status code is documented, the content type
// is one the contract names, documented headers are there and well-formed, and the JSON body passes the response
// schema, with every error reported (the validators are the ones the sandbox compiles for itself).
import { escapePointer, resolvePointer, type OperationSpec } from '../contracts/operations.ts';
import { toDetails } from '../contracts/validation.ts';
import { deref, type HarnessContract } from './contract.ts';
import { brief, fromDetails, type Violation } from './violations.ts';

export interface ObservedResponse {
  status: number;
  headers: Headers;
  /** The raw body text ('' when empty). */
  text: string;
}

export function checkResponse(contract: HarnessContract, op: OperationSpec, response: ObservedResponse): Violation[] {
  const code = String(response.status);
  // The documented response: the exact status, else its range (2XX), else `default`; its key names its validator.
  const key = [code, `${code[0]}XX`, 'default'].find((k) => op.responses[k]);
  if (key === undefined) {
    return [{
      location: 'status', pointer: '/status', actual: code,
      expected: `one of the documented statuses ${Object.keys(op.responses).join(', ')}`,
    }];
  }
  const documented = op.responses[key];
  const violations: Violation[] = [];
  const mediaTypes = Object.keys(documented.content ?? {});
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (mediaTypes.length && response.text.length && !mediaTypes.includes(contentType)) {
    violations.push({ location: 'header', pointer: '/content-type', expected: mediaTypes.join(' or '), actual: brief(contentType || undefined) });
  }
  violations.push(...checkHeaders(contract, op, key, documented, response.headers));
  if (mediaTypes.includes('application/json') && (contentType === 'application/json' || !contentType)) {
    const validate = contract.compiled.validators.get(op.operationId)?.responses.get(key);
    if (validate) {
      let body: unknown;
      try { body = response.text ? JSON.parse(response.text) : undefined; } catch {
        violations.push({ location: 'body', pointer: '/', expected: 'a JSON body', actual: brief(response.text) });
        return violations;
      }
      if (body === undefined) violations.push({ location: 'body', pointer: '/', expected: 'a JSON body', actual: '(empty)' });
      else if (!validate(body)) violations.push(...fromDetails(toDetails(validate.errors, 'body'), body));
    }
  }
  return violations;
}

function checkHeaders(contract: HarnessContract, op: OperationSpec, key: string, documented: any, headers: Headers): Violation[] {
  const out: Violation[] = [];
  for (const [name, raw] of Object.entries((documented.headers ?? {}) as Record<string, unknown>)) {
    const header = deref(contract.compiled.document, raw as any) as { required?: boolean; schema?: unknown };
    const value = headers.get(name);
    if (value === null) {
      if (header?.required) out.push({ location: 'header', pointer: `/${name.toLowerCase()}`, expected: 'is required', actual: '(missing)' });
      continue;
    }
    if (!header?.schema) continue;
    const inline = `${op.pointer}/responses/${escapePointer(key)}`;
    const responseBase = (resolvePointer(contract.compiled.document, inline) as { $ref?: string } | undefined)?.$ref ?? inline;
    const base = (raw as { $ref?: string }).$ref ?? `${responseBase}/headers/${escapePointer(name)}`;
    const validate = contract.compiled.schema(`${base}/schema`);
    if (!validate(value)) {
      for (const d of toDetails(validate.errors, 'header')) {
        out.push({ location: 'header', pointer: `/${name.toLowerCase()}${d.pointer === '/' ? '' : d.pointer}`, expected: d.reason, actual: brief(value) });
      }
    }
  }
  return out;
}
