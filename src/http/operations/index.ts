// Every operation handler of the product API, keyed by the contract's operationId. Each area owns its file.
import type { ProductHandlers } from '../types.ts';
import { dispatchTable } from '../types.ts';
import { userHandlers } from './users.ts';
import { walletHandlers } from './wallets.ts';
import { marketplaceHandlers } from './marketplace.ts';
import { pricingHandlers } from './pricing.ts';
import { otcHandlers } from './otc.ts';
import { merchantsHandlers } from './merchants.ts';

/** Typed by the contract: each handler's body, params and query are the generated types of its operation. */
export const productHandlers: ProductHandlers = {
  ...userHandlers,
  ...walletHandlers,
  ...pricingHandlers,
  ...marketplaceHandlers,
  ...otcHandlers,
  ...merchantsHandlers,
};

/** The same handlers as the pipeline's dispatch table (looked up by operationId after validation). */
export const operationHandlers = dispatchTable(productHandlers);
