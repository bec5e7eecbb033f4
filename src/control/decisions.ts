// GET /__sandbox/decisions: the rules the sandbox applies where the docs are silent, read from the product contract at
// run time (each `x-sandbox-decision` list, on an operation or a schema; scripts/sandbox-decisions.mjs puts them
// there from the "Not documented; the sandbox ..." sentences). No second list: what the contract marks is what is served.
import type { OpenApiDocument } from '../contracts/document.ts';

export interface SandboxDecision {
  /** JSON pointer of the marked node in the contract. */
  pointer: string;
  kind: 'api' | 'operation' | 'schema';
  operation_id: string | null;
  method: string | null;
  path: string | null;
  schema: string | null;
  rule: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
type Node = Record<string, unknown>;

export function sandboxDecisions(doc: OpenApiDocument): SandboxDecision[] {
  const out: SandboxDecision[] = [];
  const take = (node: Node | undefined, pointer: string, rest: Omit<SandboxDecision, 'pointer' | 'rule'>) => {
    for (const rule of (node?.['x-sandbox-decision'] as string[] | undefined) ?? []) out.push({ pointer, ...rest, rule });
  };
  take(doc.info as Node, '#/info', { kind: 'api', operation_id: null, method: null, path: null, schema: null });
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Node>)) {
    for (const method of METHODS) {
      const op = item[method] as Node | undefined;
      if (op) take(op, `#/paths/${escape(path)}/${method}`, { kind: 'operation', operation_id: String(op.operationId), method: method.toUpperCase(), path, schema: null });
    }
  }
  const walk = (node: unknown, pointer: string, schema: string) => {
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    take(n, pointer, { kind: 'schema', operation_id: null, method: null, path: null, schema });
    for (const [name, sub] of Object.entries((n.properties ?? {}) as Node)) walk(sub, `${pointer}/properties/${escape(name)}`, `${schema}.${name}`);
    for (const key of ['allOf', 'oneOf', 'anyOf']) ((n[key] ?? []) as unknown[]).forEach((sub, i) => walk(sub, `${pointer}/${key}/${i}`, schema));
    if (n.items) walk(n.items, `${pointer}/items`, `${schema}[]`);
  };
  const schemas = ((doc.components as Node | undefined)?.schemas ?? {}) as Node;
  for (const [name, schema] of Object.entries(schemas)) walk(schema, `#/components/schemas/${escape(name)}`, name);
  return out;
}
