// What the contract's validators are: for each operation, which schemas get an ajv validator and with which ajv
// options. One plan, read twice: by the build (scripts/build-validators.ts), which turns it into plain JavaScript with
// ajv's standalone code generation, and by validation.ts, which compiles it at run time only for a document that has no
// up-to-date precompiled module (e.g. a contract handed to the harness). Browser-safe: no ajv, no Node APIs here.
import type { OpenApiDocument } from './document.ts';
import type { OperationSpec, ParameterSpec } from './operations.ts';

export type ValidatorKind = 'params' | 'body' | 'response';

/** ajv options per kind (on top of allErrors, strict:false and ajv-formats). */
export const AJV_OPTIONS: Record<ValidatorKind, { coerceTypes?: 'array'; useDefaults?: boolean; verbose?: boolean }> = {
  // Parameters arrive as strings: coerce them to their declared types, apply defaults.
  params: { coerceTypes: 'array', useDefaults: true },
  // verbose: a `not` error then carries its schema and data, so toDetails can name the forbidden fields that were sent.
  body: { useDefaults: true, verbose: true },
  response: {},
};

/** The id under which the whole document is registered with ajv; document-local refs are rewritten to it. */
export const DOC_ID = 'contract';

export const paramsKey = (operationId: string, where: 'path' | 'query' | 'header') => `${operationId} ${where}`;
export const bodyKey = (operationId: string) => `${operationId} body`;
export const responseKey = (operationId: string, code: string) => `${operationId} ${code}`;

/** Rewrites the document-local refs of an inline schema so it compiles against the registered document. */
export function anchored(schema: unknown): object {
  return JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${DOC_ID}#/`));
}

function paramsSchema(params: ParameterSpec[]): object | null {
  if (!params.length) return null;
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const p of params) {
    // Header names are case-insensitive: validate them lower-cased.
    const name = p.in === 'header' ? p.name.toLowerCase() : p.name;
    properties[name] = p.schema ? anchored(p.schema) : {};
    if (p.required) required.push(name);
  }
  return { type: 'object', properties, required };
}

export interface PlannedValidator { key: string; kind: ValidatorKind; schema: object }

/** Every validator an operation has; an absent one (no query parameters, no JSON body, an empty response) is not listed. */
export function planOperation(op: OperationSpec): PlannedValidator[] {
  const out: PlannedValidator[] = [];
  for (const where of ['path', 'query', 'header'] as const) {
    const schema = paramsSchema(op.parameters.filter((p) => p.in === where));
    if (schema) out.push({ key: paramsKey(op.operationId, where), kind: 'params', schema });
  }
  const json = op.requestBody?.content['application/json'];
  if (json?.schema) out.push({ key: bodyKey(op.operationId), kind: 'body', schema: anchored(json.schema) });
  for (const [code, response] of Object.entries(op.responses)) {
    const media = response.content?.['application/json'];
    if (media?.schema) out.push({ key: responseKey(op.operationId, code), kind: 'response', schema: anchored(media.schema) });
  }
  return out;
}

/**
 * A cheap content hash of a document (FNV-1a over its JSON text). The precompiled module records the one it was built
 * from; a document that hashes differently (edited without a rebuild) is compiled at run time instead.
 */
export function fingerprint(doc: OpenApiDocument | object): string {
  const text = JSON.stringify(doc);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `${text.length.toString(36)}-${(h1 >>> 0).toString(36)}-${(h2 >>> 0).toString(36)}`;
}
