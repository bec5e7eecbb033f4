// Keeps a browser sandbox's world across page reloads: the world's state (World.exportState) in localStorage,
// stamped with the real time it was saved, so that a running clock resumes as if the page had stayed open.
import type { WorldState } from '../kernel/world.ts';

export interface StoredWorld { saved_at_real_ms: number; world: WorldState }

/** Where a world of this seed is kept: one key per seed, so two seeds never load each other's world. */
export const storageKey = (prefix: string, seed: number) => `${prefix}:${seed}`;

export class WorldStore {
  constructor(private readonly storage: Storage, private readonly key: string) {}

  read(): WorldState | null {
    const text = this.storage.getItem(this.key);
    if (!text) return null;
    try {
      const stored = JSON.parse(text) as StoredWorld;
      const world = stored.world;
      // A running clock kept running while the page was away; a frozen one stays where it was.
      const elapsed = Math.max(0, Date.now() - stored.saved_at_real_ms);
      return world.clock.frozen ? world : { ...world, clock: { ...world.clock, now_ms: world.clock.now_ms + elapsed } };
    } catch {
      this.clear(); // a stored world we cannot read is dropped, not fatal: the seeded world starts instead
      return null;
    }
  }

  write(world: WorldState): void {
    const stored: StoredWorld = { saved_at_real_ms: Date.now(), world };
    try {
      this.storage.setItem(this.key, JSON.stringify(stored));
    } catch (error) {
      console.warn(`[coinpool-sandbox] could not store the world (${(error as Error).message}); it will not survive a reload`);
    }
  }

  clear(): void { this.storage.removeItem(this.key); }
}
