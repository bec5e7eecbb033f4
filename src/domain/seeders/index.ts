// The seeding steps of the default world, in order. Each area adds its step here.
import type { World } from '../world.ts';
import type { Fixtures, Seeder } from './types.ts';
import { seedUsers } from './users.ts';
import { seedTreasuryMultisig } from './treasury.ts';

const SEEDERS: Seeder[] = [seedUsers, seedTreasuryMultisig];

export function seedWorld(world: World): Fixtures {
  const fixtures: Fixtures = { seed: world.seed, users: [], offers: [], pricing_profiles: [], fx_rate_quotes: [] };
  world.transaction(() => { for (const seed of SEEDERS) seed(world, fixtures); });
  return fixtures;
}
