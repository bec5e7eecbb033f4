// The request pipeline shared by every operation and every host (express, setupServer, service worker):
// route → authenticate → validate the request → authorise the role → run the handler in a store transaction →
// validate the response. An ApiRequest in, an ApiResponse out (src/http/exchange.ts; the Fetch API is one adapter);
// nothing here is Node-only.
import type { CompiledContract, ErrorDetail } from '../contracts/validation.ts';
import { toDetails, describeDetails, readParameters } from '../contracts/validation.ts';
import type { RouteTable } from '../contracts/route-table.ts';
import type { OperationSpec } from '../contracts/operations.ts';
import type { World } from '../kernel/world.ts';
import { authenticate } from './authenticate.ts';
import { ApiError, type ErrorBody } from '../kernel/errors.ts';
import type { OperationContext, RawOperationContext, OperationHandlers, OperationResult, UploadedFile } from './types.ts';
import type { RequestLog } from './request-log.ts';
import { fromFetchRequest, toFetchResponse, requestUrl, type ApiRequest, type ApiResponse } from './exchange.ts';
import type { Intercept } from './interceptors.ts';
import type { AppliedFault } from './faults.ts';
import { refuseUndocumentedBody } from './no-body.ts';

export interface PipelineOptions {
  /** A response that breaks the contract becomes a 500 naming the violation (default true). */
  strict: boolean;
  maxJsonBytes: number;
  maxMultipartBytes: number;
  /** Whether a request goes into the request log (the dashboard's polling reads do not). */
  logs: (request: ApiRequest) => boolean;
  /** Faults, `Prefer:` and latency of the product API (src/http/interceptors.ts); none on the control API. */
  intercept?: Intercept;
}

export const DEFAULT_PIPELINE_OPTIONS: PipelineOptions = { strict: true, maxJsonBytes: 1024 * 1024, maxMultipartBytes: 10 * 1024 * 1024, logs: () => true };

/** The pipeline as a Fetch handler, with `exchange` for hosts that speak ApiRequest/ApiResponse directly. */
export type Api = ((request: Request) => Promise<Response>)
  & { exchange: (request: ApiRequest) => Promise<ApiResponse>; routes: RouteTable; contract: CompiledContract };

/** One decoder for every request body (decode() keeps no state between calls without `stream`). */
const utf8 = new TextDecoder();

const json = (status: number, body: unknown, headers: Record<string, string> = {}): ApiResponse =>
  ({ status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

export function createApi(world: World, contract: CompiledContract, handlers: OperationHandlers, log: RequestLog,
  options: Partial<PipelineOptions> = {}): Api {
  const opts = { ...DEFAULT_PIPELINE_OPTIONS, ...options };
  const { routes } = contract;

  async function handle(request: ApiRequest): Promise<ApiResponse> {
    const started = Date.now();
    let faults: AppliedFault[] = [];
    const url = requestUrl(request);
    const match = routes.match(request.method.toUpperCase(), url.pathname);
    if (match.kind === 'not-found') {
      return finish(null, json(404, { error: `no such endpoint: ${request.method} ${url.pathname}` }), [], []);
    }
    if (match.kind === 'method-not-allowed') {
      return finish(null, json(405, { error: `method ${request.method} is not allowed on ${url.pathname}; allowed: ${match.allowed.join(', ')}` },
        { allow: match.allowed.join(', ') }), [], []);
    }
    const op = match.operation;
    const forced = opts.intercept?.(op, request, url) ?? null;
    faults = forced?.faults ?? [];
    if (forced?.delayMs) await new Promise((resolve) => setTimeout(resolve, forced.delayMs));
    if (forced?.response) return finish(op, forced.response, [], []);
    const requestViolations: ErrorDetail[] = [];
    let result: OperationResult;
    if (forced?.result) result = forced.result;
    else try {
      world.scheduler.runDue();
      const principal = op.isPublic ? null : authenticate(world, request.headers.get('authorization'));
      const ctx = await readRequest(op, request, match.params, url, opts, requestViolations);
      if (requestViolations.length) {
        throw new ApiError(400, { error: `invalid request: ${describeDetails(requestViolations)}`, details: requestViolations });
      }
      if (op.roles && principal && !op.roles.includes(principal.role)) {
        throw new ApiError(403, { error: `forbidden: role ${principal.role} may not call ${op.operationId}` });
      }
      const handler = handlers[op.operationId];
      if (!handler) throw new ApiError(501, { error: `not implemented in the sandbox yet: ${op.operationId}` });
      // Named fields, not `{ ...ctx, world, ... }`: V8 takes its slow path for a spread followed by new keys.
      const context: RawOperationContext = { params: ctx.params, query: ctx.query, headers: ctx.headers, body: ctx.body, form: ctx.form,
        origin: ctx.origin, world, operation: op, principal };
      result = world.transaction(() => handler(context));
    } catch (error) {
      if (!(error instanceof ApiError)) {
        world.recordProblem(op.operationId, String((error as Error)?.stack ?? error));
        result = { status: 500, body: { error: `internal sandbox error in ${op.operationId}: ${(error as Error)?.message ?? error}` } };
      } else result = { status: error.status, body: error.body };
    }
    const responseViolations = checkResponse(op, result);
    if (responseViolations.length && opts.strict) {
      const body: ErrorBody = {
        error: `sandbox bug: the ${result.status} response of ${op.operationId} violates the contract: ${describeDetails(responseViolations)}`,
        details: responseViolations,
      };
      return finish(op, json(500, body), requestViolations, responseViolations);
    }
    const response: ApiResponse = result.bytes
      ? { status: result.status, headers: { ...result.headers }, body: result.bytes }
      : result.body === undefined
        ? { status: result.status, headers: { ...result.headers }, body: null }
        : json(result.status, result.body, result.headers);
    return finish(op, response, requestViolations, responseViolations);

    function finish(o: OperationSpec | null, response: ApiResponse, reqV: ErrorDetail[], resV: ErrorDetail[]): ApiResponse {
      if (opts.logs(request)) log.add({
        at: world.nowIso(), method: request.method, path: url.pathname, operation_id: o?.operationId ?? null,
        status: response.status, duration_ms: Date.now() - started, request_violations: reqV, response_violations: resV,
        faults,
      });
      return response;
    }
  }

  /** The response checked against the operation's documented statuses and schemas. */
  function checkResponse(op: OperationSpec, result: OperationResult): ErrorDetail[] {
    if (result.status === 500 || result.status === 501) return []; // our own failure reports, shaped by us
    const code = String(result.status);
    const validators = contract.validators.get(op.operationId)!;
    if (!validators.responses.has(code)) {
      return [{ location: 'body', pointer: '/', reason: `status ${code} is not documented for ${op.operationId}` }];
    }
    const validate = validators.responses.get(code);
    if (!validate || result.bytes) return [];
    return validate(result.body) ? [] : toDetails(validate.errors, 'body');
  }

  async function readRequest(op: OperationSpec, request: ApiRequest, pathParams: Record<string, string>, url: URL,
    o: PipelineOptions, violations: ErrorDetail[]): Promise<Omit<RawOperationContext, 'world' | 'operation' | 'principal'>> {
    const v = contract.validators.get(op.operationId)!;
    const { params, query, headers, failures } = readParameters(v, pathParams, url.searchParams, request.headers);
    for (const failure of failures) violations.push(...failure.details);
    let body: unknown = undefined;
    let form: OperationContext['form'] = null;
    if (op.requestBody) {
      const declared = Object.keys(op.requestBody.content);
      const contentType = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
      const length = Number(request.headers.get('content-length') ?? NaN);
      const limit = contentType === 'multipart/form-data' ? o.maxMultipartBytes : o.maxJsonBytes;
      if (length > limit) throw new ApiError(413, { error: `request body exceeds ${limit} bytes` });
      const raw = !request.hasBody || length === 0 ? new Uint8Array(0) : await request.readBytes();
      if (raw.byteLength > limit) throw new ApiError(413, { error: `request body exceeds ${limit} bytes` });
      const text = contentType === 'multipart/form-data' ? '' : utf8.decode(raw); // decoded once
      const blank = raw.byteLength === 0 || (contentType !== 'multipart/form-data' && !text.trim());
      if (blank) {
        if (op.requestBody.required) violations.push({ location: 'body', pointer: '/', reason: 'a request body is required' });
      } else if (!declared.includes(contentType)) {
        throw new ApiError(415, { error: `content type ${contentType || '(none)'} is not supported; use ${declared.join(' or ')}` });
      } else if (contentType === 'application/json') {
        try { body = JSON.parse(text); } catch (e) {
          throw new ApiError(400, { error: `malformed JSON body: ${(e as Error).message}`, details: [{ location: 'body', pointer: '/', reason: 'is not valid JSON' }] });
        }
        if (v.body && !v.body(body)) violations.push(...toDetails(v.body.errors, 'body'));
      } else if (contentType === 'multipart/form-data') {
        form = await readForm(raw, request.headers.get('content-type')!, op, violations);
      }
    } else await refuseUndocumentedBody(op, request, violations);
    return { params, query, headers, body, form, origin: url.origin };
  }

  const fetchHandler = async (request: Request): Promise<Response> => toFetchResponse(await handle(fromFetchRequest(request)));
  return Object.assign(fetchHandler, { exchange: handle, routes, contract });
}

async function readForm(raw: Uint8Array, contentType: string, op: OperationSpec, violations: ErrorDetail[]) {
  let data: FormData;
  try {
    data = await new Response(raw as BodyInit, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new ApiError(400, { error: 'malformed multipart/form-data body', details: [{ location: 'body', pointer: '/', reason: 'is not valid multipart/form-data' }] });
  }
  const form: Record<string, string | UploadedFile> = Object.create(null); // a field named `constructor` is just a field
  for (const [key, value] of data) {
    form[key] = typeof value === 'string' ? value : { name: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) };
  }
  const schema = op.requestBody?.content['multipart/form-data']?.schema as { required?: string[] } | undefined;
  for (const name of schema?.required ?? []) {
    if (!(name in form)) violations.push({ location: 'body', pointer: `/${name}`, reason: 'is required' });
  }
  return form;
}
