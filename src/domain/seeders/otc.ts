// Seeding step of the otc area (filled in by its issue).
import type { Seeder } from './types.ts';

export const seedOtc: Seeder = () => {};
