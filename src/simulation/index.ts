// The simulated external systems a world talks to: each installs its job runners and event listeners once per world
// and provides the port the domain calls it through (./ports/). The domain's own wiring is src/domain/install.ts.
import type { World } from '../kernel/world.ts';
import { installWebhooks } from './webhooks.ts';
import { installMpesa } from './mpesa.ts';
import { installMpesaB2c } from './mpesa-b2c.ts';
import { installChain } from './chain.ts';
import { installOutbox } from './outbox.ts';

export type SimulationInstaller = (world: World) => void;

const INSTALLERS: SimulationInstaller[] = [(w) => installWebhooks(w), installMpesa, installMpesaB2c, installChain, installOutbox];

export function installSimulations(world: World): void {
  for (const install of INSTALLERS) install(world);
}
