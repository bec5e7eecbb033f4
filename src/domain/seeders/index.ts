// The seeding steps of the default world, in order. Each area owns its step's file.
import type { World } from '../../kernel/world.ts';
import type { Fixtures, Seeder } from './types.ts';
import { seedUsers } from './users.ts';
import { seedTreasuryMultisig } from './treasury.ts';
import { seedPricing } from './pricing.ts';
import { seedMarketplace } from './marketplace.ts';
import { seedMerchants } from './merchants.ts';
import { seedOtc } from './otc.ts';

const SEEDERS: Seeder[] = [seedUsers, seedTreasuryMultisig, seedPricing, seedMarketplace, seedMerchants, seedOtc];

export function seedWorld(world: World): Fixtures {
  const fixtures: Fixtures = { seed: world.seed, users: [], offers: [], pricing_profiles: [], fx_rate_quotes: [] };
  world.transaction(() => { for (const seed of SEEDERS) seed(world, fixtures); });
  return fixtures;
}
