// The document dredd reads. dredd 14's OpenAPI 3 parser rejects parts of our 3.1 contract (references into a
// schema's properties, 3.1 keywords) and cannot build a transaction without an example for every required
// parameter. So dredd gets a plain OpenAPI 3.0 view of the same operations: required parameters with their
// documented example (or a marked placeholder the hooks replace or skip), the request example, and the first
// documented success response. The real schemas are injected by the hooks from contracts/openapi.json, so
// nothing is lost for checking.
import type { OperationSpec } from '../../contracts/operations.ts';
import { deref, mediaExample, parameterExample, successStatuses, type HarnessContract } from '../contract.ts';
import { rank } from '../ordering.ts';

export const NO_EXAMPLE = 'no-documented-example';

/** `observed`: the success status verify saw per operation (an operation documenting 200 and 201 answers one). */
export function dreddView(contract: HarnessContract, observed: Record<string, number> = {}): Record<string, unknown> {
  const doc = contract.compiled.document;
  // dredd runs transactions in document order, a path's methods together: creators first, destroyers last (see
  // ordering.ts). A destroyer sharing its path with other methods gets a path of its own (with a trailing slash,
  // only in this view: the hooks send the real path), so it cannot run before the methods that need its object.
  const byPath = new Map<string, OperationSpec[]>();
  for (const op of [...contract.compiled.operations].sort((a, b) => rank(a) - rank(b))) {
    const shared = rank(op) === 4 && contract.compiled.operations.some((o) => o.path === op.path && rank(o) !== 4);
    const key = shared ? `${op.path}/` : op.path;
    byPath.set(key, [...(byPath.get(key) ?? []), op]);
  }
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, ops] of byPath) {
    paths[path] = {};
    for (const op of ops) paths[path][op.method.toLowerCase()] = operationView(contract, op, observed[op.operationId]);
  }
  return {
    openapi: '3.0.3',
    info: { title: `${(doc.info as { title?: string })?.title ?? 'API'} (dredd view)`, version: String((doc.info as { version?: string })?.version ?? '0') },
    paths,
  };
}

function operationView(contract: HarnessContract, op: OperationSpec, observed?: number): Record<string, unknown> {
  const doc = contract.compiled.document;
  const parameters = op.parameters.filter((p) => p.required && p.in !== 'cookie').map((p) => {
    const example = parameterExample(doc, p);
    return { name: p.name, in: p.in, required: true, schema: { type: 'string' }, example: example === undefined ? NO_EXAMPLE : String(example) };
  });
  const view: Record<string, unknown> = { operationId: op.operationId, summary: op.operationId, parameters };
  const json = op.requestBody?.content['application/json'];
  if (json) {
    const example = mediaExample(doc, json);
    view.requestBody = { content: { 'application/json': example === undefined ? { schema: { type: 'object' } } : { example } } };
  } else if (op.requestBody) {
    const [media] = Object.keys(op.requestBody.content);
    view.requestBody = { content: { [media]: { schema: { type: 'object' } } } };
  }
  const documented = successStatuses(op);
  const code = observed && documented.includes(String(observed)) ? String(observed) : documented[0];
  const response = op.responses[code] ?? {};
  const content: Record<string, unknown> = {};
  for (const [media, body] of Object.entries(response.content ?? {})) {
    const example = mediaExample(doc, body);
    content[media] = example === undefined ? { schema: { type: deref(doc, body.schema as any)?.type === 'array' ? 'array' : 'object' } } : { example };
  }
  view.responses = { [code]: { description: 'success', ...(Object.keys(content).length ? { content } : {}) } };
  return view;
}
