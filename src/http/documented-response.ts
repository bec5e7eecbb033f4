// The body of an operation's documented response for one status, without running the operation: a named example,
// else the contract's example, else a value generated from the schema. Used by `Prefer: code=` and by faults.
import type { CompiledContract } from '../contracts/validation.ts';
import type { OperationSpec } from '../contracts/operations.ts';
import { resolveRef } from '../contracts/operations.ts';
import { sampleOf } from '../contracts/sample.ts';

interface Media { schema?: unknown; example?: unknown; examples?: Record<string, { value?: unknown; $ref?: string }> }

export type DocumentedBody =
  | { kind: 'body'; body: unknown }
  /** The status is documented without a JSON body (a 204). */
  | { kind: 'empty' }
  | { kind: 'undocumented-status'; documented: string[] }
  | { kind: 'unknown-example'; available: string[] };

export const documentedStatuses = (op: OperationSpec) => Object.keys(op.responses);

/** The JSON media of a documented status (undefined: status undocumented; null: documented without a JSON body). */
function mediaOf(op: OperationSpec, status: number): Media | null | undefined {
  const response = op.responses[String(status)];
  if (!response) return undefined;
  return (response.content?.['application/json'] as Media | undefined) ?? null;
}

export function documentedBody(contract: CompiledContract, op: OperationSpec, status: number, exampleName?: string): DocumentedBody {
  const media = mediaOf(op, status);
  if (media === undefined) return { kind: 'undocumented-status', documented: documentedStatuses(op) };
  if (media === null) return { kind: 'empty' };
  const validate = contract.validators.get(op.operationId)?.responses.get(String(status));
  const valid = (v: unknown) => !validate || validate(v);
  const named = Object.fromEntries(Object.entries(media.examples ?? {}).map(([k, e]) => [k, resolveRef(contract.document, e)?.value]));
  if (exampleName !== undefined) {
    if (!(exampleName in named)) return { kind: 'unknown-example', available: Object.keys(named) };
    return { kind: 'body', body: named[exampleName] };
  }
  for (const candidate of ['example' in media ? [media.example] : [], Object.values(named)].flat()) {
    if (candidate !== undefined && valid(candidate)) return { kind: 'body', body: structuredClone(candidate) };
  }
  return { kind: 'body', body: sampleOf(contract.document, media.schema) };
}

/** The first 2xx status an operation documents (what a malformed answer pretends to be). */
export function successStatus(op: OperationSpec): number {
  return Number(documentedStatuses(op).find((s) => s.startsWith('2')) ?? 200);
}
