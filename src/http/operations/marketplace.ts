// Operation handlers of the marketplace area (filled in by its issue).
import type { OperationHandlers } from '../types.ts';

export const marketplaceHandlers: OperationHandlers = {};
