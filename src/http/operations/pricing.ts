// Operation handlers of the pricing area (filled in by its issue).
import type { OperationHandlers } from '../types.ts';

export const pricingHandlers: OperationHandlers = {};
