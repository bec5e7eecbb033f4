// What an operation handler receives and returns. Handlers are synchronous so that the store transaction around
// them is atomic (see Journal.transaction); everything asynchronous (reading the body) happens before.
import type { World } from '../domain/world.ts';
import type { OperationSpec } from '../contracts/operations.ts';
import type { Principal } from '../auth/principal.ts';

export interface UploadedFile { name: string; type: string; bytes: Uint8Array }

export interface OperationContext {
  world: World;
  operation: OperationSpec;
  /** null only on public operations. */
  principal: Principal | null;
  params: Record<string, any>;
  query: Record<string, any>;
  headers: Record<string, string>;
  body: any;
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

export type OperationHandler = (ctx: OperationContext) => OperationResult;
export type OperationHandlers = Record<string, OperationHandler>;

export const ok = (body: unknown, status = 200): OperationResult => ({ status, body });
export const created = (body: unknown): OperationResult => ({ status: 201, body });
