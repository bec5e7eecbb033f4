// `--state FILE`: every world of a sandbox process (the default one and the created ones) kept in one JSON file, so
// a restart, or a kill -9, loses at most the last second. The file is written atomically (a temporary file renamed
// over it, so a reader or a crash never sees half a file) at most ~250 ms after a change and on shutdown, and read
// at start. A file that is not JSON, not ours, of another version or of another seed is refused with an error:
// the sandbox does not start over it (that would overwrite someone's state). Each world goes through the public
// snapshot functions (World.exportState / World.load) and is validated against the control contract's WorldSnapshot.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Sandbox } from '../sandbox.ts';
import type { World, WorldState } from '../kernel/world.ts';
import { compileContract, describeDetails, toDetails } from '../contracts/validation.ts';
import { controlDocument } from '../contracts/document.ts';
import { DEFAULT_WORLD_ID } from '../worlds/registry.ts';

export const STATE_FORMAT = 'coinpool-sandbox-state';
export const STATE_VERSION = 1;
const CHECK_EVERY_MS = 250;

interface StoredWorld { id: string; label: string | null; created_at_real_ms: number; last_used_real_ms: number; state: WorldState }
export interface StateFileContent {
  format: typeof STATE_FORMAT;
  version: number;
  saved_at_real_ms: number;
  worlds: StoredWorld[];
}

export class StateFileError extends Error {}

export interface StatePersistence {
  path: string;
  /** Whether worlds were read from an existing file at start. */
  loaded: boolean;
  /** Writes now if anything changed since the last write (also on stop). */
  flush(): void;
  stop(): void;
}

/** Loads FILE into the sandbox (when it exists) and keeps it written from then on. Throws StateFileError on a bad file. */
export function persistState(sandbox: Sandbox, file: string): StatePersistence {
  const path = resolve(file);
  const loaded = existsSync(path);
  if (loaded) loadInto(sandbox, path, read(path));
  let written = '';
  const flush = () => {
    const now = fingerprint(sandbox);
    if (now === written) return;
    write(path, collect(sandbox));
    written = now;
  };
  flush();
  const timer = setInterval(flush, CHECK_EVERY_MS);
  timer.unref();
  return { path, loaded, flush, stop: () => { clearInterval(timer); flush(); } };
}

function read(path: string): StateFileContent {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (error) {
    throw new StateFileError(`cannot read the state file ${path}: ${(error as Error).message}`);
  }
  let content: Partial<StateFileContent>;
  try { content = JSON.parse(text); } catch (error) {
    throw new StateFileError(`the state file ${path} is corrupted (not valid JSON: ${(error as Error).message}); the sandbox will not start over it. Move it away, or pick another --state file`);
  }
  if (content?.format !== STATE_FORMAT) {
    throw new StateFileError(`${path} is not a coinpool-sandbox state file (no "format": "${STATE_FORMAT}"); the sandbox will not overwrite it. Pick another --state file`);
  }
  if (content.version !== STATE_VERSION) {
    throw new StateFileError(`the state file ${path} has version ${String(content.version)}; this sandbox reads version ${STATE_VERSION}`);
  }
  if (!Array.isArray(content.worlds) || !content.worlds.some((w) => w?.id === DEFAULT_WORLD_ID) || typeof content.saved_at_real_ms !== 'number') {
    throw new StateFileError(`the state file ${path} is corrupted: it must hold a "worlds" list with the default world and "saved_at_real_ms"`);
  }
  const snapshot = compileContract(controlDocument).schema('#/components/schemas/WorldSnapshot');
  for (const w of content.worlds) {
    if (typeof w?.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(w.id) || typeof w.created_at_real_ms !== 'number' || typeof w.last_used_real_ms !== 'number') {
      throw new StateFileError(`the state file ${path} is corrupted: a world entry lacks its id or times`);
    }
    if (!snapshot(w.state)) {
      throw new StateFileError(`the state file ${path} is corrupted: world ${w.id}: ${describeDetails(toDetails(snapshot.errors, 'body'))}`);
    }
  }
  return content as StateFileContent;
}

function loadInto(sandbox: Sandbox, path: string, content: StateFileContent): void {
  const registry = sandbox.worlds;
  // A running clock kept running while the process was down; a frozen one stays where it was.
  const elapsed = Math.max(0, Date.now() - content.saved_at_real_ms);
  const resumed = (state: WorldState): WorldState =>
    (state.clock.frozen ? state : { ...state, clock: { ...state.clock, now_ms: state.clock.now_ms + elapsed } });
  const others = content.worlds.filter((w) => w.id !== DEFAULT_WORLD_ID);
  if (others.length > registry.maxWorlds) {
    throw new StateFileError(`the state file ${path} holds ${others.length} worlds besides the default one, more than the maximum of ${registry.maxWorlds} (--max-worlds)`);
  }
  const home = content.worlds.find((w) => w.id === DEFAULT_WORLD_ID)!;
  if (home.state.seed !== sandbox.world.seed) {
    throw new StateFileError(`the state file ${path} holds a default world of seed ${home.state.seed}; this sandbox was started with seed ${sandbox.world.seed} (start it with --seed ${home.state.seed}, or pick another --state file)`);
  }
  try {
    sandbox.world.load(resumed(home.state));
    for (const w of others) {
      const world = registry.adopt({ id: w.id, label: w.label ?? undefined, seed: w.state.seed, createdMs: w.created_at_real_ms, lastUsedMs: w.last_used_real_ms });
      world.sandbox.world.load(resumed(w.state));
    }
  } catch (error) {
    throw new StateFileError(`the state file ${path} could not be loaded: ${(error as Error).message}`);
  }
  registry.sweep(); // worlds that went idle past their TTL while the process was down
}

function collect(sandbox: Sandbox): StateFileContent {
  return {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    saved_at_real_ms: Date.now(),
    worlds: sandbox.worlds.list().map((w) => ({
      id: w.id, label: w.label, created_at_real_ms: w.createdMs, last_used_real_ms: w.lastUsedMs, state: w.sandbox.world.exportState(),
    })),
  };
}

function write(path: string, content: StateFileContent): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(content));
  renameSync(temporary, path);
}

/** Cheap to compute every 250 ms: which worlds exist, each one's object (a reset replaces it), journal version, clock and last use. */
const generations = new WeakMap<World, number>();
let nextGeneration = 1;
function fingerprint(sandbox: Sandbox): string {
  return sandbox.worlds.list().map((w) => {
    const world = w.sandbox.world;
    let generation = generations.get(world);
    if (generation === undefined) generations.set(world, (generation = nextGeneration++));
    const clock = world.clock.isFrozen() ? `f${world.clock.timeMs()}` : `r${Math.round((world.clock.timeMs() - Date.now()) / 1000)}`;
    // last use by the minute: a world only read from keeps its expiry across a restart, at one write a minute at most
    return `${w.id}:${generation}:${world.journal.version}:${clock}:${Math.floor(w.lastUsedMs / 60_000)}`;
  }).join('|');
}
