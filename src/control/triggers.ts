import type { OperationHandlers } from '../http/types.ts';
import { unprocessable } from '../http/errors.ts';
export const triggerControlHandlers: OperationHandlers = {
  triggerEvent: ({ body }) => { throw unprocessable(`cannot trigger ${body.type} yet`); },
};
