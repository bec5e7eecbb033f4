// The simulations a world runs: each installs its job runners and event listeners once per world.
import type { World } from '../kernel/world.ts';
import { installWebhooks } from './webhooks.ts';
import { installMpesa } from './mpesa.ts';
import { installMpesaB2c } from './mpesa-b2c.ts';
import { installMarketplace } from './marketplace.ts';
import { installPricing } from './pricing.ts';
import { installOtc } from './otc.ts';
import { installMerchants } from './merchants.ts';
import { installRemittanceChain } from './remittance-chain.ts';
import { installProposalExpiry } from './multisig-expiry.ts';

export type SimulationInstaller = (world: World) => void;

const INSTALLERS: SimulationInstaller[] = [(w) => installWebhooks(w), installMpesa, installMpesaB2c, installPricing, installMarketplace, installOtc, installMerchants, installRemittanceChain, installProposalExpiry];

export function installSimulations(world: World): void {
  for (const install of INSTALLERS) install(world);
}
