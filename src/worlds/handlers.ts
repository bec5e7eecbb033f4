// Control handlers of /__sandbox/worlds: create, list, read and delete the isolated worlds of this sandbox process.
// Any world's control API reaches the same registry (a world created from inside another is still a sibling).
import type { ControlHandlers } from '../http/types.ts';
import { ok, created } from '../http/types.ts';
import { notFound } from '../kernel/errors.ts';
import { DEFAULT_WORLD_ID, noSuchWorld, type HostedWorld, type WorldRegistry } from './registry.ts';
import { WORLD_PREFIX } from './routing.ts';
import { worldMemory } from './memory.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export function worldEntryView(registry: WorldRegistry, world: HostedWorld, origin: string) {
  const base = `${origin}${WORLD_PREFIX}${encodeURIComponent(world.id)}`;
  const expires = registry.expiresMs(world);
  return {
    id: world.id,
    label: world.label,
    seed: world.sandbox.world.seed,
    default: world.id === DEFAULT_WORLD_ID,
    base_url: base,
    control_url: `${base}/__sandbox`,
    created_at: iso(world.createdMs),
    last_used_at: iso(world.lastUsedMs),
    expires_at: expires === null ? null : iso(expires),
    clock: world.sandbox.world.clock.state(),
    memory: worldMemory(world.sandbox.world),
  };
}

export function worldsControlHandlers(registry: WorldRegistry): ControlHandlers {
  return {
    listWorlds: ({ origin }) => {
      const worlds = registry.list().map((w) => worldEntryView(registry, w, origin));
      return ok({ count: worlds.length, max_worlds: registry.maxWorlds, ttl_seconds: Math.ceil(registry.ttlMs / 1000), worlds });
    },
    createWorld: ({ origin, body, headers }) => {
      const input = body ?? {};
      const world = registry.create({ ...input, id: headers['x-sandbox-world-id'] });
      return created(worldEntryView(registry, world, origin));
    },
    getWorld: ({ origin, params }) => {
      const world = params.world_id === DEFAULT_WORLD_ID ? registry.defaultWorld() : registry.get(params.world_id);
      if (!world) throw notFound(noSuchWorld(params.world_id));
      return ok(worldEntryView(registry, world, origin));
    },
    deleteWorld: ({ params }) => { registry.delete(params.world_id); return { status: 204 }; },
  };
}
