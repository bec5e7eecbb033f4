// The one error body of the API, `{"error": "...", "details"?: [...]}`, and the exception that carries it out of
// deep code. Any layer may throw an ApiError; the pipeline turns it into the response.
//
// Each error also carries a `kind`: a stable name for what went wrong, so tests and in-process callers can assert the
// meaning of a refusal ("insufficient_balance") instead of its message text. The kind is an in-process property
// only: the pipeline answers with `error.body`, so the wire stays `{"error": ...}` exactly as before.
/** One refused field: where it was, a JSON pointer to it, and why (the validator's errors use the same shape). */
export interface ErrorDetail { location: 'body' | 'query' | 'path' | 'header'; pointer: string; reason: string }

export interface ErrorBody {
  error: string;
  details?: ErrorDetail[];
  requires_second_approval?: boolean;
  current_status?: string;
}

/**
 * The error catalogue. Most kinds follow from the status; four name a refusal the domain throws from many places:
 * - illegal_transition: the object's state does not allow the action (409 with current_status);
 * - already_exists: a unique name, email, phone, code or address is taken (409);
 * - insufficient_balance: a balance does not cover an amount (422);
 * - second_approval_required: the action needs a second officer's approval (422 with requires_second_approval).
 */
export type ErrorKind =
  | 'invalid_request' | 'invalid_field' | 'unauthenticated' | 'forbidden' | 'not_found'
  | 'conflict' | 'illegal_transition' | 'already_exists'
  | 'payload_too_large' | 'unsupported_media_type'
  | 'unprocessable' | 'insufficient_balance' | 'second_approval_required'
  | 'too_many_requests' | 'not_implemented' | 'internal';

const KIND_OF_STATUS: Record<number, ErrorKind> = {
  400: 'invalid_request', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 409: 'conflict',
  413: 'payload_too_large', 415: 'unsupported_media_type', 422: 'unprocessable', 429: 'too_many_requests',
  501: 'not_implemented',
};

/** The kind an error of this status has when its thrower names none. */
export const kindOfStatus = (status: number): ErrorKind => KIND_OF_STATUS[status] ?? (status >= 500 ? 'internal' : 'invalid_request');

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: ErrorBody, readonly kind: ErrorKind = kindOfStatus(status)) {
    super(body.error);
  }
}

const fail = (status: number) => (message: string, extra: Omit<ErrorBody, 'error'> = {}) =>
  new ApiError(status, { error: message, ...extra });

export const badRequest = fail(400);
export const unauthorized = fail(401);
export const forbidden = fail(403);
export const notFound = fail(404);
export const unprocessable = fail(422);
export const notImplemented = fail(501);

/** 409 naming the object's current status, for refusals that fit none of the named kinds below. */
export function conflict(message: string, currentStatus?: string): ApiError {
  return new ApiError(409, currentStatus ? { error: message, current_status: currentStatus } : { error: message });
}

/** 409: the object's status does not allow the action; the body names the current status. */
export function illegalTransition(message: string, currentStatus: string): ApiError {
  return new ApiError(409, { error: message, current_status: currentStatus }, 'illegal_transition');
}

/** 409: a value that must be unique is taken. */
export function alreadyExists(message: string): ApiError {
  return new ApiError(409, { error: message }, 'already_exists');
}

/** 422: a balance does not cover the amount (the message names both). */
export function insufficientBalance(message: string): ApiError {
  return new ApiError(422, { error: message }, 'insufficient_balance');
}

/** 422 flagged requires_second_approval: a second officer has to approve the action. */
export function secondApprovalRequired(message: string): ApiError {
  return new ApiError(422, { error: message, requires_second_approval: true }, 'second_approval_required');
}

/** A 400 that names one field, shaped like the validator's errors. */
export function invalidField(pointer: string, reason: string, location: ErrorDetail['location'] = 'body'): ApiError {
  return new ApiError(400, { error: `invalid request: ${location} ${pointer} ${reason}`, details: [{ location, pointer, reason }] }, 'invalid_field');
}
