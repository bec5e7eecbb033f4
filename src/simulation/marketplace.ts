// Clock-driven behaviour of the marketplace area: job runners and event listeners (filled in by its issue).
import type { World } from '../domain/world.ts';

export function installMarketplace(_world: World): void {}
