// Seeding step of the pricing area (filled in by its issue).
import type { Seeder } from './types.ts';

export const seedPricing: Seeder = () => {};
