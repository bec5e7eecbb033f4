// Operation handlers of the otc area (filled in by its issue).
import type { OperationHandlers } from '../types.ts';

export const otcHandlers: OperationHandlers = {};
