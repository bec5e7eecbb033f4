// The memory a world holds, estimated as GET /__sandbox/worlds documents it: the UTF-8 size of its tables' rows as
// JSON (what GET /__sandbox/snapshot returns, less the few header fields) and the number of rows. Computed on
// demand, never cached: a list of 100 worlds of seeded size serialises a few megabytes.
import type { World } from '../kernel/world.ts';

const encoder = new TextEncoder();

export function worldMemory(world: World): { estimated_bytes: number; rows: number } {
  const tables = world.snapshot();
  let rows = 0;
  for (const table of Object.values(tables)) rows += table.length;
  return { estimated_bytes: encoder.encode(JSON.stringify(tables)).byteLength, rows };
}
