// The one error body of the API, `{"error": "...", "details"?: [...]}`, and the exception that carries it out of
// deep code. Any layer may throw an ApiError; the pipeline turns it into the response.
/** One refused field: where it was, a JSON pointer to it, and why (the validator's errors use the same shape). */
export interface ErrorDetail { location: 'body' | 'query' | 'path' | 'header'; pointer: string; reason: string }

export interface ErrorBody {
  error: string;
  details?: ErrorDetail[];
  requires_second_approval?: boolean;
  current_status?: string;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: ErrorBody) {
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

/** 409 naming the object's current status, for illegal state transitions and duplicates. */
export function conflict(message: string, currentStatus?: string): ApiError {
  return new ApiError(409, currentStatus ? { error: message, current_status: currentStatus } : { error: message });
}

/** A 400 that names one field, shaped like the validator's errors. */
export function invalidField(pointer: string, reason: string, location: ErrorDetail['location'] = 'body'): ApiError {
  return new ApiError(400, { error: `invalid request: ${location} ${pointer} ${reason}`, details: [{ location, pointer, reason }] });
}
