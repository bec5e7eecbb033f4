// Operations whose contract documents no request body refuse one, as every documented body refuses unknown fields:
// a client that sends `{"reason": "..."}` to an operation that takes nothing must learn the field goes nowhere.
// A blank body and the empty JSON object `{}` (what many HTTP clients send by default on a POST) still pass.
import type { ErrorDetail } from '../contracts/validation.ts';
import type { OperationSpec } from '../contracts/operations.ts';
import type { ApiRequest } from './exchange.ts';

export async function refuseUndocumentedBody(op: OperationSpec, request: ApiRequest, violations: ErrorDetail[]): Promise<void> {
  if (op.requestBody || !request.hasBody) return;
  const text = new TextDecoder().decode(await request.readBytes()).trim();
  if (!text || /^\{\s*\}$/.test(text)) return;
  violations.push({ location: 'body', pointer: '/', reason: `must be empty: ${op.operationId} takes no request body` });
}
