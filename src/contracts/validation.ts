// ajv validators for every operation, once per process and per document (sandboxes share them). The sandbox's own
// contract comes precompiled by the build (contracts/generated/*.validators.js, see validator-plan.ts); any other
// document, or one edited since the last build, is compiled here with ajv. Requests: path/query/header parameters
// (strings coerced to their declared types, defaults applied) and JSON bodies (defaults applied). Responses: one
// validator per status code. Errors become ErrorDetails in one place.
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { OpenApiDocument } from './document.ts';
import { RouteTable } from './route-table.ts';
import { readOperations, type OperationSpec } from './operations.ts';
import { AJV_OPTIONS, DOC_ID, planOperation, paramsKey, bodyKey, responseKey, type ValidatorKind } from './validator-plan.ts';
import { precompiledFor } from './precompiled.ts';
import { runtimeAjv } from './runtime-ajv.ts';

import type { ErrorDetail } from '../kernel/errors.ts';
export type { ErrorDetail };

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

const cache = new WeakMap<OpenApiDocument, CompiledContract>();

export function compileContract(doc: OpenApiDocument): CompiledContract {
  const cached = cache.get(doc);
  if (cached) return cached;
  const operations = readOperations(doc);
  const ajvs = new Map<ValidatorKind, Ajv2020>();
  const ajvFor = (kind: ValidatorKind) => {
    let ajv = ajvs.get(kind);
    if (!ajv) ajvs.set(kind, (ajv = runtimeAjv(AJV_OPTIONS[kind], doc)));
    return ajv;
  };
  let table = precompiledFor(doc);
  if (!table) {
    table = {};
    for (const op of operations) for (const v of planOperation(op)) table[v.key] = ajvFor(v.kind).compile(v.schema);
  }
  const get = (key: string): ValidateFunction | null => table[key] ?? null;
  const validators = new Map<string, OperationValidators>();
  for (const op of operations) {
    const id = op.operationId;
    validators.set(id, {
      params: { path: get(paramsKey(id, 'path')), query: get(paramsKey(id, 'query')), header: get(paramsKey(id, 'header')) },
      body: get(bodyKey(id)),
      responses: new Map(Object.keys(op.responses).map((code) => [code, get(responseKey(id, code))])),
    });
  }
  const schemaCache = new Map<string, ValidateFunction>();
  const compiled: CompiledContract = {
    document: doc,
    operations,
    validators,
    routes: new RouteTable(operations),
    // Any pointer (the harness checks single response schemas): compiled on first use, rarely needed.
    schema(pointer) {
      let v = schemaCache.get(pointer);
      if (!v) schemaCache.set(pointer, (v = ajvFor('response').compile({ $ref: `${DOC_ID}${pointer}` })));
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
  const read = {
    path: (): Record<string, unknown> => Object.assign(Object.create(null), pathParams),
    query: (): Record<string, unknown> => {
      const query: Record<string, unknown> = Object.create(null);
      for (const [k, value] of search) {
        const prev = query[k];
        query[k] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
      }
      return query;
    },
    header: (): Record<string, unknown> => {
      const headers: Record<string, string> = Object.create(null);
      requestHeaders.forEach((value, key) => { headers[key.toLowerCase()] = value; });
      return headers;
    },
  };
  const params = read.path(), query = read.query(), headers = read.header() as Record<string, string>;
  const failures: ParameterFailure[] = [];
  for (const [location, target] of [['path', params], ['query', query], ['header', headers]] as const) {
    const validate = validators.params[location];
    if (!validate || validate(target)) continue;
    // What was sent, before ajv coerced it in place: read again from the request, which validation does not touch
    // (copying every location before validating, in case it failed, cost more than the validation).
    failures.push({ location, details: toDetails(validate.errors, location), sent: Object.fromEntries(Object.entries(read[location]())) });
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
