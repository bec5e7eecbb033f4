// Operation handlers of the merchants area (filled in by its issue).
import type { OperationHandlers } from '../types.ts';

export const merchantsHandlers: OperationHandlers = {};
