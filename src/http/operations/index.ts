// Every operation handler of the product API, keyed by the contract's operationId.
import type { OperationHandlers } from '../types.ts';
import { userHandlers } from './users.ts';
import { walletHandlers } from './wallets.ts';

export const operationHandlers: OperationHandlers = {
  ...userHandlers,
  ...walletHandlers,
};
