// What the control API (src/control) needs of the sandbox it controls. The Sandbox class
// (src/sandbox.ts) has all of it; naming it here keeps the control files from importing the class that builds them,
// which made src/sandbox.ts and src/control import each other.
import type { World } from '../kernel/world.ts';
import type { Fixtures } from '../domain/seeders/types.ts';
import type { RequestLog } from '../http/request-log.ts';
import type { FaultSet } from '../http/faults.ts';
import type { CompiledContract } from '../contracts/validation.ts';

export interface ControlledSandbox {
  readonly world: World;
  readonly fixtures: Fixtures;
  readonly log: RequestLog;
  /** Injected faults of this sandbox's world; a reset clears them. */
  readonly faults: FaultSet;
  /** The product API's compiled contract. */
  readonly contract: CompiledContract;
  /** Back to the seeded world: same seed, same ids; the request log is cleared. */
  reset(): void;
}
