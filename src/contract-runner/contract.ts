// The contract as the harness reads it: the compiled validators and route table the sandbox itself uses, plus the
// few document look-ups the harness needs on top (dereferencing, documented examples, schema names of responses).
import { compileContract, type CompiledContract } from '../contracts/validation.ts';
import { productDocument, type OpenApiDocument } from '../contracts/document.ts';
import { resolveRef, type OperationSpec, type ParameterSpec } from '../contracts/operations.ts';

/** The compiled contract (document, operations, route table, validators) and its operations by id. */
export interface HarnessContract {
  compiled: CompiledContract;
  byId: Map<string, OperationSpec>;
}

let cached: HarnessContract | null = null;

export function loadContract(document: OpenApiDocument = productDocument): HarnessContract {
  if (cached && cached.compiled.document === document) return cached;
  const compiled = compileContract(document);
  cached = { compiled, byId: new Map(compiled.operations.map((op) => [op.operationId, op])) };
  return cached;
}

/** Follows a local `$ref` (repeatedly) to the node it names. */
export function deref<T = any>(doc: OpenApiDocument, value: T): T {
  let node: any = value;
  for (let i = 0; i < 20 && typeof node?.$ref === 'string' && node.$ref.startsWith('#/'); i++) node = resolveRef(doc, node);
  return node as T;
}

/** The component schema name a schema node refers to (`#/components/schemas/Order` → `Order`), if any. */
export function schemaName(schema: any): string | null {
  const ref = schema?.$ref ?? schema?.allOf?.find((s: any) => s.$ref)?.$ref;
  const m = typeof ref === 'string' ? /^#\/components\/schemas\/([^/]+)$/.exec(ref) : null;
  return m ? m[1] : null;
}

/** The documented example of a parameter: its own, its schema's, the first enum value or the default. */
export function parameterExample(doc: OpenApiDocument, p: ParameterSpec & { example?: unknown; examples?: Record<string, { value?: unknown }> }): unknown {
  if (p.example !== undefined) return p.example;
  const named = p.examples ? Object.values(p.examples)[0]?.value : undefined;
  if (named !== undefined) return named;
  return schemaExample(doc, p.schema);
}

/** An example value a schema documents (example, examples[0], const, enum[0], default), following refs. */
export function schemaExample(doc: OpenApiDocument, schema: unknown): unknown {
  const s = deref(doc, schema as any);
  if (!s || typeof s !== 'object') return undefined;
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  for (const branch of [...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])]) {
    const v = schemaExample(doc, branch);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** The documented example of a request or response media object (example, first of examples, schema example). */
export function mediaExample(doc: OpenApiDocument, media: any): unknown {
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  if (media.examples) {
    const first = deref(doc, Object.values(media.examples as Record<string, unknown>)[0] as any) as { value?: unknown } | undefined;
    if (first?.value !== undefined) return first.value;
  }
  return deref(doc, media.schema)?.example;
}

/** The first documented 2xx status of an operation (what a successful call answers). */
export function successStatuses(op: OperationSpec): string[] {
  return Object.keys(op.responses).filter((c) => /^2\d\d$/.test(c)).sort();
}

/** JSON copy: examples from the document must never be mutated in place. */
export const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));
