// The marketplace (orders, M-Pesa order payments) is another area's work; the flows that need it skip, saying so,
// until its handlers exist.
import { operationHandlers } from '../../../src/http/operations/index.ts';

const NEEDED = ['createOrder', 'initiateOrderPayment', 'getOrderDetails', 'listOffersByType'];
const missing = NEEDED.filter((id) => !operationHandlers[id]);
export const marketplaceReady = missing.length === 0;
export const noMarketplaceReason = `the marketplace handlers are not implemented yet (${missing.join(', ')})`;
