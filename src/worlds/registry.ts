// The worlds one sandbox process holds: the default world (the root Sandbox itself, id `default`) and the worlds
// created through POST /__sandbox/worlds, each a whole Sandbox of its own (store, clock, scheduler, tokens, webhooks,
// request log, settings, simulations). The registry routes a request to its world (src/worlds/routing.ts), expires
// idle worlds by real time, and caps how many exist. Browser-safe: no Node modules here (the state file lives in
// src/server/state-file.ts).
import type { World } from '../kernel/world.ts';
import type { ApiRequest, ApiResponse } from '../http/exchange.ts';
import type { LoggedRequest } from '../http/request-log.ts';
import { ApiError, conflict, notFound } from '../kernel/errors.ts';
import { DEFAULT_START } from '../../fixtures/default-world.ts';
import { worldAddress, withPath, WORLD_HEADER } from './routing.ts';

export const DEFAULT_WORLD_ID = 'default';
export const DEFAULT_WORLD_TTL_MS = 24 * 3600 * 1000;
export const DEFAULT_MAX_WORLDS = 100;

export interface WorldsOptions {
  /** Real milliseconds without a request after which a created world expires (default 24 h). */
  ttlMs?: number;
  /** How many worlds may be created besides the default one (default 100; beyond: 429). */
  maxWorlds?: number;
  /** The real-time source for expiry (tests inject one instead of waiting a day). */
  realNow?: () => number;
}

export interface NewWorldInput {
  seed?: number;
  clock?: string;
  frozen?: boolean;
  label?: string;
  /** Chosen by a load balancer that routes by world id (X-Sandbox-World-Id); minted here otherwise. */
  id?: string;
}

/**
 * What the registry needs of a sandbox it hosts: the Sandbox class (src/sandbox.ts) has it. Named here so that this
 * module does not import the class, which holds a registry: the two imported each other.
 */
export interface HostedSandbox {
  readonly world: World;
  readonly options: { strict?: boolean; onRequest?: (entry: LoggedRequest) => void };
  /** Answers a request in this sandbox's own world (the path already without a /worlds/{id} prefix). */
  serve(request: ApiRequest): Promise<ApiResponse>;
  startTicking(intervalMs?: number): void;
  stopTicking(): void;
}

/** The options a created world's sandbox is built with: the root's strictness and log, the world's seed and clock. */
export interface HostedWorldOptions {
  strict?: boolean;
  onRequest?: (entry: LoggedRequest) => void;
  seed: number;
  start?: Date;
  frozen: boolean;
}

export interface HostedWorld {
  id: string;
  label: string | null;
  sandbox: HostedSandbox;
  createdMs: number;
  lastUsedMs: number;
}

/** How a world is built; the registry is given it by Sandbox so that this module does not import the Sandbox class. */
export type SandboxFactory = (options: HostedWorldOptions, registry: WorldRegistry) => HostedSandbox;

export class WorldRegistry {
  readonly ttlMs: number;
  readonly maxWorlds: number;
  readonly realNow: () => number;
  private readonly worlds = new Map<string, HostedWorld>();
  private readonly listeners = new Set<() => void>();
  private readonly rootCreatedMs: number;
  private rootUsedMs: number;

  constructor(readonly root: HostedSandbox, private readonly factory: SandboxFactory, options: WorldsOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_WORLD_TTL_MS;
    this.maxWorlds = options.maxWorlds ?? DEFAULT_MAX_WORLDS;
    this.realNow = options.realNow ?? (() => Date.now());
    if (!(this.ttlMs > 0)) throw new Error(`the world TTL must be a positive number of milliseconds, got ${this.ttlMs}`);
    if (!(this.maxWorlds >= 0) || !Number.isInteger(this.maxWorlds)) throw new Error(`the maximum number of worlds must be an integer ≥ 0, got ${this.maxWorlds}`);
    this.rootCreatedMs = this.rootUsedMs = this.realNow();
  }

  /** Called when a world is created, deleted or expires (changes inside a world show in its journal and clock). */
  onChange(listener: () => void): () => void { this.listeners.add(listener); return () => this.listeners.delete(listener); }
  private changed(): void { for (const l of this.listeners) l(); }

  create(input: NewWorldInput = {}): HostedWorld {
    this.sweep();
    if (input.id !== undefined && (input.id === DEFAULT_WORLD_ID || this.worlds.has(input.id))) {
      throw conflict(`a world with id ${input.id} already exists`);
    }
    if (this.worlds.size >= this.maxWorlds) {
      throw new ApiError(429, { error: `this sandbox already holds its maximum of ${this.maxWorlds} worlds besides the default one (--max-worlds); delete one with DELETE /__sandbox/worlds/{id} or let idle ones expire` });
    }
    const { options } = this.root;
    const frozen = input.frozen ?? false;
    const start = input.clock !== undefined ? new Date(input.clock) : frozen ? new Date(DEFAULT_START) : undefined;
    const sandbox = this.factory({ strict: options.strict, onRequest: options.onRequest, seed: input.seed ?? this.root.world.seed, start, frozen }, this);
    const now = this.realNow();
    const world: HostedWorld = { id: input.id ?? newWorldId(), label: input.label ?? null, sandbox, createdMs: now, lastUsedMs: now };
    this.worlds.set(world.id, world);
    if (this.ticking) sandbox.startTicking(this.ticking);
    this.changed();
    return world;
  }

  /** A created world by id (not the default one), after dropping expired worlds. */
  get(id: string): HostedWorld | undefined {
    this.sweep();
    return this.worlds.get(id);
  }

  /** The default world as a HostedWorld, for listings. */
  defaultWorld(): HostedWorld {
    return { id: DEFAULT_WORLD_ID, label: null, sandbox: this.root, createdMs: this.rootCreatedMs, lastUsedMs: this.rootUsedMs };
  }

  /** The default world first, then the created ones, oldest first. */
  list(): HostedWorld[] {
    this.sweep();
    return [this.defaultWorld(), ...this.worlds.values()];
  }

  get size(): number { return this.worlds.size; }

  delete(id: string): void {
    if (id === DEFAULT_WORLD_ID) throw conflict('the default world cannot be deleted; POST /__sandbox/reset puts it back to its seeded state');
    const world = this.get(id);
    if (!world) throw notFound(noSuchWorld(id));
    this.drop(world);
  }

  /** Expiry of a world idle for the TTL (real time). */
  expiresMs(world: HostedWorld): number | null { return world.sandbox === this.root ? null : world.lastUsedMs + this.ttlMs; }

  /** Drops every created world idle for the TTL. Run before each lookup and by the ticker. */
  sweep(): void {
    const now = this.realNow();
    for (const world of [...this.worlds.values()]) if (now >= world.lastUsedMs + this.ttlMs) this.drop(world);
  }

  private drop(world: HostedWorld): void {
    world.sandbox.stopTicking();
    this.worlds.delete(world.id);
    this.changed();
  }

  /**
   * Sends a request to the world it names (path prefix /worlds/{id}, or the X-Sandbox-World header) and answers it
   * there; null when it names none (the default world answers it). Only the root sandbox routes: inside a world,
   * paths are already plain.
   */
  route(request: ApiRequest, from: HostedSandbox): Promise<ApiResponse> | null {
    if (from !== this.root) return null;
    const address = worldAddress(request);
    if (!address) { this.rootUsedMs = this.realNow(); return null; }
    if (address.id === DEFAULT_WORLD_ID) { this.rootUsedMs = this.realNow(); return this.root.serve(withPath(request, address.path)); }
    const world = this.get(address.id);
    if (!world) {
      const how = address.by === 'header' ? `the ${WORLD_HEADER} header names` : 'the path names';
      return Promise.resolve({ status: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: `${noSuchWorld(address.id)} (${how} it)` }) });
    }
    world.lastUsedMs = this.realNow();
    return world.sandbox.serve(withPath(request, address.path));
  }

  /** Real-time jobs (an STK callback 5 s after the push) fall due in every world, and idle worlds expire. */
  private ticking: number | null = null;
  startTicking(intervalMs: number): void {
    this.ticking = intervalMs;
    for (const world of this.worlds.values()) world.sandbox.startTicking(intervalMs);
  }
  stopTicking(): void {
    this.ticking = null;
    for (const world of this.worlds.values()) world.sandbox.stopTicking();
  }

  /** Puts a created world back as a state file held it (src/server/state-file.ts). */
  adopt(input: NewWorldInput & { id: string; createdMs: number; lastUsedMs: number }): HostedWorld {
    const world = this.create({ ...input, id: input.id });
    world.createdMs = input.createdMs;
    world.lastUsedMs = input.lastUsedMs;
    return world;
  }
}

export const noSuchWorld = (id: string) =>
  `no such world: ${id} (it was deleted, expired after its idle time, or lives on another sandbox process; GET /__sandbox/worlds lists this process's worlds)`;

/** 20 hex digits from the platform's CSPRNG: unguessable, URL- and header-safe. */
function newWorldId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(10));
  return `w${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
