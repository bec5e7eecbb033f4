// The domain areas a world runs: each registers its job runners, event listeners and hooks on the world (never in a
// module), after the simulated systems they call are installed (src/simulation/index.ts), so the webhooks hear an
// event before any area's listener acts on it. Lists of hooks (fiat references) are consulted in this order.
import type { World } from '../kernel/world.ts';
import { installMarketplace } from './marketplace/install.ts';
import { installOtc } from './otc/install.ts';
import { installMerchants } from './merchants/install.ts';
import { installMultisig } from './multisig/install.ts';

const INSTALLERS: ((world: World) => void)[] = [installMarketplace, installOtc, installMerchants, installMultisig];

export function installDomain(world: World): void {
  for (const install of INSTALLERS) install(world);
}
