// Browser mode keeps the created worlds across page reloads too (the default world has its own key, see
// persistence.ts): every created world's state, label and times under `<key>:worlds` in localStorage. A running
// clock resumes as if the page had stayed open; an entry that cannot be read or loaded is dropped with a warning.
import type { WorldRegistry } from '../worlds/registry.ts';
import type { WorldState } from '../kernel/world.ts';

interface StoredWorlds {
  saved_at_real_ms: number;
  worlds: { id: string; label: string | null; created_ms: number; last_used_ms: number; state: WorldState }[];
}

export class WorldsStore {
  constructor(private readonly storage: Storage, private readonly key: string) {}

  /** Puts the stored worlds back into `registry`; returns how many came back. */
  restore(registry: WorldRegistry): number {
    const text = this.storage.getItem(this.key);
    if (!text) return 0;
    let stored: StoredWorlds;
    try { stored = JSON.parse(text) as StoredWorlds; } catch { this.clear(); return 0; }
    const elapsed = Math.max(0, Date.now() - stored.saved_at_real_ms);
    let restored = 0;
    for (const w of stored.worlds ?? []) {
      try {
        const world = registry.adopt({ id: w.id, label: w.label ?? undefined, seed: w.state.seed, createdMs: w.created_ms, lastUsedMs: w.last_used_ms });
        const state = w.state.clock.frozen ? w.state : { ...w.state, clock: { ...w.state.clock, now_ms: w.state.clock.now_ms + elapsed } };
        try { world.sandbox.world.load(state); restored++; } catch (error) { registry.delete(w.id); throw error; }
      } catch (error) {
        console.warn(`[coinpool-sandbox] stored world ${w?.id} could not be restored (${(error as Error).message}); it is dropped`);
      }
    }
    registry.sweep();
    return restored;
  }

  write(registry: WorldRegistry): void {
    const worlds = registry.list().filter((w) => w.sandbox !== registry.root).map((w) => ({
      id: w.id, label: w.label, created_ms: w.createdMs, last_used_ms: w.lastUsedMs, state: w.sandbox.world.exportState(),
    }));
    try {
      if (worlds.length) this.storage.setItem(this.key, JSON.stringify({ saved_at_real_ms: Date.now(), worlds } satisfies StoredWorlds));
      else this.storage.removeItem(this.key);
    } catch (error) {
      console.warn(`[coinpool-sandbox] could not store the worlds (${(error as Error).message}); they will not survive a reload`);
    }
  }

  clear(): void { this.storage.removeItem(this.key); }
}
