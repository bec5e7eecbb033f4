// Clock-driven behaviour of the pricing area: job runners and event listeners (filled in by its issue).
import type { World } from '../kernel/world.ts';

export function installPricing(_world: World): void {}
