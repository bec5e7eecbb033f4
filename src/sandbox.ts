// One sandbox: a world (store, clock, simulations) seeded with the default fixtures, the product API and the
// control API, both as Fetch handlers. Hosts (express, setupServer, service worker) only feed requests to handle().
import { World, type WorldOptions } from './kernel/world.ts';
import { seedWorld } from './domain/seeders/index.ts';
import type { Fixtures } from './domain/seeders/types.ts';
import { installWorld } from './install-world.ts';
import { compileContract } from './contracts/validation.ts';
import { productDocument, controlDocument } from './contracts/document.ts';
import { createApi, type Api } from './http/pipeline.ts';
import { fromFetchRequest, requestUrl, type ApiRequest, type ApiResponse } from './http/exchange.ts';
import { operationHandlers } from './http/operations/index.ts';
import { controlHandlers } from './control/handlers.ts';
import { worldsControlHandlers } from './worlds/handlers.ts';
import { RequestLog } from './http/request-log.ts';
import { DEFAULT_SEED } from '../fixtures/default-world.ts';
import { checkEventData } from './contracts/events.ts';
import { describeDetails } from './contracts/validation.ts';
import { snapshotExchange } from './control/snapshot-http.ts';
import { FaultSet } from './http/faults.ts';
import { toFetchOutcome } from './http/network-faults.ts';
import { faultLayer } from './control/faults.ts';
import { WorldRegistry, type WorldsOptions } from './worlds/registry.ts';
import { fixturesView } from './control/fixtures-view.ts';

/** A GET of the control API carrying this header is answered but not written to the request log (the dashboard's polling). */
export const UNLOGGED_HEADER = 'x-sandbox-unlogged';

export interface SandboxOptions extends WorldOptions {
  /** A response that breaks the contract becomes a 500 naming the violation (default true). */
  strict?: boolean;
  /** Called for every request answered (the server's one-line log). */
  onRequest?: (entry: import('./http/request-log.ts').LoggedRequest) => void;
  /** A random delay on every product response, as `--latency 20ms,150ms` sets it (default: none). */
  latency?: { p50_ms: number; p99_ms: number };
  /** Limits of the isolated worlds this sandbox hosts besides its own (src/worlds/registry.ts). */
  worlds?: WorldsOptions;
}

/** The whole control API of a sandbox: its own knobs (src/control) and its worlds registry's (src/worlds). */
export const sandboxControlHandlers = (sandbox: Sandbox) => controlHandlers(sandbox, worldsControlHandlers(sandbox.worlds));

export class Sandbox {
  world!: World;
  fixtures!: Fixtures;
  readonly log: RequestLog;
  /** Injected faults of this sandbox's world (POST /__sandbox/faults); a reset clears them. */
  faults!: FaultSet;
  private api!: Api;
  private control!: Api;
  private ticker: ReturnType<typeof setInterval> | null = null;

  /** Every world of this sandbox: its own (the default world) and those created by POST /__sandbox/worlds. */
  readonly worlds: WorldRegistry;

  /** `registry` is given to the worlds a registry creates; a sandbox built without one hosts worlds itself. */
  constructor(readonly options: SandboxOptions = {}, registry?: WorldRegistry) {
    this.log = new RequestLog(2000, options.onRequest);
    this.worlds = registry ?? new WorldRegistry(this, (o, r) => new Sandbox(o, r), options.worlds);
    this.build();
  }

  private build(): void {
    const world = new World({ seed: this.options.seed ?? DEFAULT_SEED, start: this.options.start, frozen: this.options.frozen, strict: this.options.strict });
    // What we send out keeps to contracts/events as our responses keep to the contract.
    world.onEvent((event) => {
      const violations = checkEventData(event.type, event.data);
      if (violations.length) world.reportOwnViolation(event.type, `event ${event.type} violates contracts/events: ${describeDetails(violations)}`);
    });
    installWorld(world);
    this.fixtures = fixturesView(seedWorld(world));
    this.world = world;
    const strict = this.options.strict ?? true;
    const product = compileContract(productDocument);
    this.faults = new FaultSet(world.seed, () => world.nowIso());
    this.api = createApi(world, product, operationHandlers, this.log, { strict, intercept: faultLayer(world, product, this.faults, this.options.latency) });
    // The dashboard polls the control API; its reads would push the partner's own traffic out of the request log.
    const logs = (r: ApiRequest) => !(r.method === 'GET' && r.headers.get(UNLOGGED_HEADER) !== null);
    this.control = createApi(world, compileContract(controlDocument), sandboxControlHandlers(this), this.log, { strict, logs });
  }

  /** Answers one request of the product API or of the /__sandbox control API. */
  handle = async (request: Request): Promise<Response> => toFetchOutcome(await this.exchange(fromFetchRequest(request)), request.signal);

  /** handle() for hosts that read and write requests themselves (the express host). */
  exchange = (request: ApiRequest): Promise<ApiResponse> => this.worlds.route(request, this) ?? this.serve(request);

  /** Answers a request in this sandbox's own world (the path already without a /worlds/{id} prefix). */
  serve = (request: ApiRequest): Promise<ApiResponse> => {
    const path = requestUrl(request).pathname;
    if (!path.startsWith('/__sandbox/')) return this.api.exchange(request);
    // Snapshot and restore stream their bodies (src/control/snapshot-http.ts); the pipeline reads bodies whole.
    const streamed = snapshotExchange(this, request, !(request.method === 'GET' && request.headers.get(UNLOGGED_HEADER) !== null));
    return streamed ?? this.control.exchange(request);
  };

  /** Back to the seeded world: same seed, same ids; the request log is cleared. */
  reset(): void {
    this.log.clear();
    this.build();
  }

  /** Runs jobs that fall due while no request arrives (STK callbacks after 5 s of real time). */
  startTicking(intervalMs = 200): void {
    if (this.ticker) return;
    this.ticker = setInterval(() => { this.world.scheduler.runDue(); if (this.worlds.root === this) this.worlds.sweep(); }, intervalMs);
    (this.ticker as { unref?: () => void }).unref?.();
    if (this.worlds.root === this) this.worlds.startTicking(intervalMs);
  }
  stopTicking(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    if (this.worlds.root === this) this.worlds.stopTicking();
  }

  /** Waits for in-flight asynchronous side effects (webhook deliveries). */
  settle(): Promise<void> { return this.world.scheduler.settle(); }

  get contract() { return this.api.contract; }
}
