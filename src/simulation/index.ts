// The simulations a world runs: each installs its job runners and event listeners once per world.
import type { World } from '../domain/world.ts';
import { installWebhooks } from './webhooks.ts';
import { installMpesa } from './mpesa.ts';

export type SimulationInstaller = (world: World) => void;

const INSTALLERS: SimulationInstaller[] = [(w) => installWebhooks(w), installMpesa];

export function installSimulations(world: World): void {
  for (const install of INSTALLERS) install(world);
}
