// Seeding step of the merchants area (filled in by its issue).
import type { Seeder } from './types.ts';

export const seedMerchants: Seeder = () => {};
