// The order operations are played in, from their shape in the contract alone: creators first, then readers,
// updaters and actions; destroyers (DELETE, …/cancel, …/reject, …/soft) last, so nothing else needs what they remove.
import type { OperationSpec } from '../contracts/operations.ts';

/** Logging in is how every other call gets a token: verify and the dredd hooks do these first, by hand. */
export const AUTH_OPS = {
  register: 'registerUser', login: 'loginUser', loginPin: 'loginUserWithPin', refresh: 'refreshAccessToken', provision: 'provisionUser',
} as const;
/** Played during setup rather than in the flows (provisionUser only when setup needed it). */
export const isAuthOp = (operationId: string) => operationId !== AUTH_OPS.provision && (Object.values(AUTH_OPS) as string[]).includes(operationId);

const DESTROYERS = new Set(['cancel', 'reject', 'soft', 'delete', 'revoke']);

export function rank(op: OperationSpec): number {
  const segments = op.path.split('/').filter(Boolean);
  const hasParams = op.path.includes('{');
  if (op.method === 'DELETE' || DESTROYERS.has(segments[segments.length - 1])) return 4;
  if (op.method === 'POST' && !hasParams) return 0;
  if (op.method === 'GET') return 1;
  if (op.method === 'PUT' || op.method === 'PATCH') return 2;
  return 3;
}

/** Updaters and destroyers change what they name: they should pick objects the run created itself. */
export const changesWhatItNames = (op: OperationSpec) => rank(op) >= 2;
