// Reads the operations out of an OpenAPI document into the shape the pipeline needs. Nothing here is restated by
// hand: methods, paths, parameters, bodies, roles and responses all come from the document.
import type { OpenApiDocument } from './document.ts';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
}

export interface OperationSpec {
  operationId: string;
  method: string;          // upper case
  path: string;            // template, e.g. /api/v1/auth/user/id/{id}
  tags: string[];
  isPublic: boolean;
  roles: string[] | null;  // x-roles; null = any authenticated caller
  parameters: ParameterSpec[];
  requestBody: { required: boolean; content: Record<string, { schema?: unknown }> } | null;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  /** JSON pointer of this operation inside the document, for compiling its schemas by reference. */
  pointer: string;
}

/** Escapes one key for a JSON pointer (`~` → `~0`, `/` → `~1`). */
export const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The node a JSON pointer names inside a value (`#/components/schemas/User`, or `/a/0/b`); undefined if absent. */
export function resolvePointer(root: unknown, pointer: string): any {
  let node: any = root;
  for (const key of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) node = node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')];
  return node;
}

/** Follows a local `$ref` (one step) to the node it names; any other value is returned as it is. */
export function resolveRef<T>(doc: OpenApiDocument, value: T): T {
  const ref = (value as { $ref?: string } | undefined)?.$ref;
  if (!ref || !ref.startsWith('#/')) return value;
  return resolvePointer(doc, ref) as T;
}

export function readOperations(doc: OpenApiDocument): OperationSpec[] {
  const out: OperationSpec[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared = ((item.parameters ?? []) as unknown[]).map((p) => resolveRef(doc, p) as ParameterSpec);
    for (const method of HTTP_METHODS) {
      const op = item[method] as Record<string, any> | undefined;
      if (!op) continue;
      const own = ((op.parameters ?? []) as unknown[]).map((p) => resolveRef(doc, p) as ParameterSpec);
      const byKey = new Map<string, ParameterSpec>();
      for (const p of [...shared, ...own]) byKey.set(`${p.in}:${p.name}`, p);
      const security = (op.security ?? doc.security ?? []) as Record<string, string[]>[];
      const responses: OperationSpec['responses'] = {};
      for (const [code, r] of Object.entries((op.responses ?? {}) as Record<string, unknown>)) responses[code] = resolveRef(doc, r) as OperationSpec['responses'][string];
      const body = op.requestBody ? resolveRef(doc, op.requestBody) : null;
      out.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        tags: op.tags ?? [],
        isPublic: security.length === 0 || security.some((s) => Object.keys(s).length === 0),
        roles: Array.isArray(op['x-roles']) ? op['x-roles'] : null,
        parameters: [...byKey.values()],
        requestBody: body ? { required: body.required === true, content: body.content ?? {} } : null,
        responses,
        pointer: `#/paths/${escapePointer(path)}/${method}`,
      });
    }
  }
  return out;
}
