// Clock-driven behaviour of the otc area: job runners and event listeners (filled in by its issue).
import type { World } from '../domain/world.ts';

export function installOtc(_world: World): void {}
