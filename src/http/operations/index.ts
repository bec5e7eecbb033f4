// Every operation handler of the product API, keyed by the contract's operationId. Each area owns its file.
import type { OperationHandlers } from '../types.ts';
import { userHandlers } from './users.ts';
import { walletHandlers } from './wallets.ts';
import { marketplaceHandlers } from './marketplace.ts';
import { pricingHandlers } from './pricing.ts';
import { otcHandlers } from './otc.ts';
import { merchantsHandlers } from './merchants.ts';

export const operationHandlers: OperationHandlers = {
  ...userHandlers,
  ...walletHandlers,
  ...pricingHandlers,
  ...marketplaceHandlers,
  ...otcHandlers,
  ...merchantsHandlers,
};
