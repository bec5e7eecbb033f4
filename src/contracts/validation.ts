// ajv validators for every operation, compiled once per process and per document (sandboxes share them).
// Requests: path/query/header parameters (strings coerced to their declared types, defaults applied) and JSON
// bodies (defaults applied). Responses: one validator per status code. Errors become ErrorDetails in one place.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenApiDocument } from './document.ts';
import { RouteTable } from './route-table.ts';
import { readOperations, type OperationSpec, type ParameterSpec } from './operations.ts';

export interface ErrorDetail { location: 'body' | 'query' | 'path' | 'header'; pointer: string; reason: string }

export interface OperationValidators {
  params: Record<'path' | 'query' | 'header', ValidateFunction | null>;
  /** JSON body validator, when the operation takes application/json. */
  body: ValidateFunction | null;
  responses: Map<string, ValidateFunction | null>;
}

export interface CompiledContract {
  document: OpenApiDocument;
  operations: OperationSpec[];
  validators: Map<string, OperationValidators>;
  /** Method + path → operation, built once per document. */
  routes: RouteTable;
  /** Validates any value against a schema of the document, e.g. '#/components/schemas/User'. */
  schema(pointer: string): ValidateFunction;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const DOC_ID = 'contract';

function newAjv(doc: OpenApiDocument, options: { coerceTypes?: 'array'; useDefaults?: boolean; verbose?: boolean }): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, ...options });
  addFormats(ajv);
  ajv.addSchema(doc as object, DOC_ID);
  return ajv;
}

const ref = (pointer: string) => ({ $ref: `${DOC_ID}${pointer}` });

/** Rewrites the document-local refs of an inline schema so it compiles against the registered document. */
function anchored(schema: unknown): object {
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

const cache = new WeakMap<OpenApiDocument, CompiledContract>();

export function compileContract(doc: OpenApiDocument): CompiledContract {
  const cached = cache.get(doc);
  if (cached) return cached;
  const paramAjv = newAjv(doc, { coerceTypes: 'array', useDefaults: true });
  // verbose: a `not` error then carries its schema and data, so toDetails can name the forbidden fields that were sent.
  const bodyAjv = newAjv(doc, { useDefaults: true, verbose: true });
  const responseAjv = newAjv(doc, {});
  const operations = readOperations(doc);
  const validators = new Map<string, OperationValidators>();
  for (const op of operations) {
    const compileParams = (where: 'path' | 'query' | 'header') => {
      const schema = paramsSchema(op.parameters.filter((p) => p.in === where));
      return schema ? paramAjv.compile(schema) : null;
    };
    const json = op.requestBody?.content['application/json'];
    const responses = new Map<string, ValidateFunction | null>();
    for (const [code, response] of Object.entries(op.responses)) {
      const media = response.content?.['application/json'];
      responses.set(code, media?.schema ? responseAjv.compile(anchored(media.schema)) : null);
    }
    validators.set(op.operationId, {
      params: { path: compileParams('path'), query: compileParams('query'), header: compileParams('header') },
      body: json?.schema ? bodyAjv.compile(anchored(json.schema)) : null,
      responses,
    });
  }
  const schemaCache = new Map<string, ValidateFunction>();
  const compiled: CompiledContract = {
    document: doc,
    operations,
    validators,
    routes: new RouteTable(operations),
    schema(pointer) {
      let v = schemaCache.get(pointer);
      if (!v) schemaCache.set(pointer, (v = responseAjv.compile(ref(pointer))));
      return v;
    },
  };
  cache.set(doc, compiled);
  return compiled;
}

export type ParameterLocation = 'path' | 'query' | 'header';

/** A location whose parameters failed validation: the error details, and the values as the client sent them. */
export interface ParameterFailure { location: ParameterLocation; details: ErrorDetail[]; sent: Record<string, unknown> }

/**
 * A request's parameters as the validators read them: the path parameters the route matched, the query (a repeated
 * key becomes an array) and the headers (names lower-cased). Each location is validated in place (strings coerced to
 * their declared types, defaults applied); the ones that fail are listed in path, query, header order.
 */
export function readParameters(validators: OperationValidators, pathParams: Record<string, string>, search: URLSearchParams,
  requestHeaders: { forEach(callback: (value: string, key: string) => void): void }) {
  // Prototype-free: a key such as `constructor` or `__proto__` is then just a key, never an inherited function.
  const query: Record<string, unknown> = Object.create(null);
  for (const [k, value] of search) {
    const prev = query[k];
    query[k] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  const headers: Record<string, string> = Object.create(null);
  requestHeaders.forEach((value, key) => { headers[key.toLowerCase()] = value; });
  const params: Record<string, unknown> = Object.assign(Object.create(null), pathParams);
  const failures: ParameterFailure[] = [];
  for (const [location, target] of [['path', params], ['query', query], ['header', headers]] as const) {
    const validate = validators.params[location];
    if (!validate) continue;
    const sent = structuredClone(target);
    if (!validate(target)) failures.push({ location, details: toDetails(validate.errors, location), sent });
  }
  return { params, query, headers, failures };
}

/** ajv's errors as the API's error details: a JSON pointer to the bad value and a reason a person can act on. */
export function toDetails(errors: ErrorObject[] | null | undefined, location: ErrorDetail['location']): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    let pointer = e.instancePath || '';
    let reason = e.message ?? 'is invalid';
    if (e.keyword === 'required') {
      pointer += `/${(e.params as { missingProperty: string }).missingProperty}`;
      reason = 'is required';
    } else if (e.keyword === 'dependentRequired') {
      // Point at the missing field (not at the object), like `required` does.
      const { property, missingProperty } = e.params as { property: string; missingProperty: string };
      pointer += `/${missingProperty}`;
      reason = `is required when ${property} is sent`;
    } else if (e.keyword === 'additionalProperties') {
      pointer += `/${(e.params as { additionalProperty: string }).additionalProperty}`;
      reason = 'is not a known field';
    } else if (e.keyword === 'enum') {
      reason = `must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    } else if (e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      continue; // the branch errors that follow say what is wrong
    } else if (e.keyword === 'not') {
      // `not: {required}` / `not: {anyOf: [{required}, ...]}` forbids fields in this case: name each one that was sent.
      const sent = forbiddenFields(e.schema).filter((f) => e.data !== null && typeof e.data === 'object' && Object.hasOwn(e.data, f));
      for (const field of sent) {
        const key = `${pointer}/${field} not allowed`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ location, pointer: `${pointer}/${field}`, reason: 'is not allowed here (see the operation description)' });
      }
      if (sent.length) continue;
    }
    const key = `${pointer} ${reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ location, pointer: pointer || '/', reason });
  }
  // anyOf/oneOf with no branch errors left: keep one generic line rather than nothing.
  if (!out.length && errors?.length) out.push({ location, pointer: errors[0].instancePath || '/', reason: errors[0].message ?? 'is invalid' });
  return out;
}

/** The fields a `not` schema made of `required` lists forbids (empty for any other kind of `not`). */
function forbiddenFields(schema: unknown): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const s = schema as { required?: unknown; anyOf?: unknown };
  if (Array.isArray(s.required)) return s.required.filter((f): f is string => typeof f === 'string');
  return Array.isArray(s.anyOf) ? s.anyOf.flatMap(forbiddenFields) : [];
}

export function describeDetails(details: ErrorDetail[]): string {
  return details.map((d) => `${d.location} ${d.pointer} ${d.reason}`).join('; ');
}
