// Daraja's dates are Nairobi local time (Africa/Nairobi, UTC+3 all year). The STK and B2C simulators format the
// sandbox's now from this one stamp.
import type { World } from '../kernel/world.ts';

const NAIROBI_OFFSET_MS = 3 * 3600_000;

/** The sandbox's now in Nairobi local time, yyyyMMddHHmmss (an STK callback's TransactionDate). */
export const nairobiStamp = (world: World): string =>
  new Date(world.clock.nowMs() + NAIROBI_OFFSET_MS).toISOString().replace(/[-:T]/g, '').slice(0, 14);
