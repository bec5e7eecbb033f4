// The docs page's world selector: Swagger UI's "Servers" list names every world of this sandbox, so "Try it out"
// sends to the chosen world's base URL. /docs?world=ID puts that world first (selected); the list is read when the
// page loads (reload it to see worlds created since).
import type { WorldRegistry } from '../worlds/registry.ts';
import { WORLD_PREFIX } from '../worlds/routing.ts';

export interface ServerEntry { url: string; description: string }

export function worldServers(registry: WorldRegistry, origin: string, chosen: string | undefined): ServerEntry[] {
  const entries = registry.list().map((w): ServerEntry => (w.sandbox === registry.root
    ? { url: origin, description: 'this sandbox' }
    : { url: `${origin}${WORLD_PREFIX}${encodeURIComponent(w.id)}`, description: `world ${w.id}${w.label ? ` · ${w.label}` : ''}` }));
  const first = chosen && chosen !== 'default' ? entries.findIndex((e) => e.url.endsWith(`${WORLD_PREFIX}${encodeURIComponent(chosen)}`)) : -1;
  return first > 0 ? [entries[first], ...entries.filter((_e, i) => i !== first)] : entries;
}
