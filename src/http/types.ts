// What an operation handler receives and returns. Handlers are synchronous so that the store transaction around
// them is atomic (see Journal.transaction); everything asynchronous (reading the body) happens before.
//
// Inputs and outputs are typed from the contract: `ProductHandlers` is keyed by operationId and each handler's `body`,
// `params` and `query` come from the types openapi-typescript generates at build time (contracts/generated, see
// scripts/build-types.mjs), so no shape is written twice. The request validator has already checked the request,
// coerced path and query strings to their declared types and filled in defaults, which is what makes these types true.
// A handler's result is one of its operation's documented responses (status and body), and its principal is narrowed
// to who may call it (none on a public operation, otherwise one of the contract's x-roles), as the pipeline enforces.
import type { World } from '../kernel/world.ts';
import type { OperationSpec } from '../contracts/operations.ts';
import type { Principal, PrincipalWithRole, Role } from '../auth/principal.ts';
import type { operations as ProductOperations } from '../../contracts/generated/types.js';
import type { operations as ControlOperations } from '../../contracts/generated/control-types.js';
import type { ProductAccess, ControlAccess } from '../../contracts/generated/access.js';
import type { UploadedFile } from '../domain/uploaded-file.ts';

/** Defined with the domain, which stores uploads; re-exported for the handlers and the pipeline that parse them. */
export type { UploadedFile } from '../domain/uploaded-file.ts';

type RequestBodyOf<Op> = Op extends { requestBody?: infer R } ? R : never;
type JsonContent<R> = R extends { content: { 'application/json': infer B } } ? B : unknown;
type ParametersIn<Op, Where extends 'path' | 'query'> =
  Op extends { parameters: infer P } ? (P extends { [W in Where]?: infer X } ? NonNullable<X> : never) : never;
/** An operation without parameters of a kind still gets an (empty) object there. */
type OrEmpty<T> = [T] extends [never] ? Record<string, never> : T;

/** The JSON request body of an operation (undefined when it has none; `| undefined` when it is optional). */
export type BodyOf<Op> = [NonNullable<RequestBodyOf<Op>>] extends [never] ? undefined
  : JsonContent<NonNullable<RequestBodyOf<Op>>> | (undefined extends RequestBodyOf<Op> ? undefined : never);
/** Path parameters, coerced to their declared types. */
export type PathOf<Op> = OrEmpty<ParametersIn<Op, 'path'>>;
/** Query parameters, coerced; a parameter with a default is filled in by the validator (see `Defaulted`). */
export type QueryOf<Op> = OrEmpty<ParametersIn<Op, 'query'>>;
/**
 * openapi-typescript leaves a parameter with a `default` optional; after validation it is always present. A handler
 * that relies on the default narrows its query with this (the contract still holds the default's value).
 */
export type Defaulted<T, K extends keyof T> = T & { [P in K]-?: NonNullable<T[P]> };

/**
 * The caller an operation's handler receives, from who may call it (contracts/generated/access.d.ts): none on a public
 * operation, any principal when any authenticated caller may, otherwise a principal with one of its x-roles.
 * `unknown` (a helper that does not know its operation) is any principal or none.
 */
export type PrincipalFor<Access> = unknown extends Access ? Principal | null
  : [Access] extends [null] ? null
  : [Access] extends ['*'] ? Principal
  : PrincipalWithRole<Extract<Access, Role>>;

export interface OperationContext<Op = unknown, Access = unknown> {
  world: World;
  operation: OperationSpec;
  principal: PrincipalFor<Access>;
  params: PathOf<Op>;
  query: QueryOf<Op>;
  headers: Record<string, string>;
  body: BodyOf<Op>;
  /** multipart/form-data fields: strings, or files. */
  form: Record<string, string | UploadedFile> | null;
  /** The base URL the request came in on, for links the response carries. */
  origin: string;
}

export interface OperationResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw bytes (e.g. a PDF) instead of a JSON body. */
  bytes?: Uint8Array;
}

type ResponsesOf<Op> = Op extends { responses: infer R } ? R : never;
/** One documented response: a JSON body of its schema, raw bytes for another media type, or nothing. */
type ResultFor<Status, R> =
  R extends { content: { 'application/json': infer B } } ? { status: Status; body: B; headers?: Record<string, string>; bytes?: undefined }
  : R extends { content: Record<string, unknown> } ? { status: Status; body?: undefined; headers?: Record<string, string>; bytes: Uint8Array }
  : { status: Status; body?: undefined; headers?: Record<string, string>; bytes?: undefined };
/**
 * What a handler of an operation may return: one of the contract's responses for it, the status a literal so that
 * `{ status: 201, body }` is checked against the 201 schema. Errors are usually thrown (ApiError) instead.
 */
export type ResultOf<Op> = { [S in keyof ResponsesOf<Op> & number]: ResultFor<S, ResponsesOf<Op>[S]> }[keyof ResponsesOf<Op> & number];
/** The JSON body of one response of an operation. */
export type ResponseBodyOf<Op, S extends keyof ResponsesOf<Op> & number> = Extract<ResultOf<Op>, { status: S }>['body'];

export type OperationHandler<Op = unknown, Access = unknown, Result = ResultOf<Op>> = (ctx: OperationContext<Op, Access>) => Result;

type AccessOf<Table, Id> = Id extends keyof Table ? Table[Id] : unknown;

/** Handlers of the product API (contracts/openapi.yaml) keyed by operationId; each area file holds some of them. */
export type ProductHandlers = { [Id in keyof ProductOperations]?: OperationHandler<ProductOperations[Id], AccessOf<ProductAccess, Id>> };
/** Handlers of the control API (contracts/sandbox-control.yaml) keyed by operationId, typed the same way (public). */
export type ControlHandlers = { [Id in keyof ControlOperations]?: OperationHandler<ControlOperations[Id], AccessOf<ControlAccess, Id>> };

/** The context of one product operation, for helpers that take a handler's whole context. */
export type ProductContext<Id extends keyof ProductOperations> = OperationContext<ProductOperations[Id], AccessOf<ProductAccess, Id>>;
/** The documented result of one product operation, for helpers that build it. */
export type ProductResult<Id extends keyof ProductOperations> = ResultOf<ProductOperations[Id]>;

/** What the request context looks like before it is known which operation it is for (the pipeline's view). */
export interface RawOperationContext extends Omit<OperationContext, 'params' | 'query' | 'body' | 'principal'> {
  principal: Principal | null;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}
export type RawOperationHandler = (ctx: RawOperationContext) => OperationResult;
/** The dispatch table the pipeline and the flow driver look operations up in, by operationId. */
export type OperationHandlers = Readonly<Record<string, RawOperationHandler | undefined>>;

/**
 * A typed handler map as the pipeline's dispatch table. This is the one place the contract's types meet untyped
 * input: the pipeline only calls a handler after the request validator has checked params, query and body against
 * that same operation's schemas, and after authentication and the x-roles check, so the context it passes has the
 * shape the handler's type promises (principal included).
 */
export const dispatchTable = (handlers: ProductHandlers | ControlHandlers): OperationHandlers =>
  handlers as unknown as OperationHandlers;

/** A JSON answer; the status stays a literal type so that the body is checked against that response's schema. */
export function ok<B>(body: B): { status: 200; body: B };
export function ok<B, S extends number>(body: B, status: S): { status: S; body: B };
export function ok(body: unknown, status = 200): OperationResult { return { status, body }; }
export const created = <B>(body: B): { status: 201; body: B } => ({ status: 201, body });
