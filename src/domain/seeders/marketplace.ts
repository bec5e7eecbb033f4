// Seeding step of the marketplace area (filled in by its issue).
import type { Seeder } from './types.ts';

export const seedMarketplace: Seeder = () => {};
