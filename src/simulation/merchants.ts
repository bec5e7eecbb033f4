// Clock-driven behaviour of the merchants area: job runners and event listeners (filled in by its issue).
import type { World } from '../domain/world.ts';

export function installMerchants(_world: World): void {}
