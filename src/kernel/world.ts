// One sandbox's whole state: the store's tables, the clock, the seeded random source, the scheduler, the event bus
// that webhooks listen to and the hooks its areas register. Domain modules reach their tables through world.table(name).
import { Journal, Table, type Row } from './store.ts';
import { Random } from './random.ts';
import { Clock } from './clock.ts';
import { Scheduler, type JobRow } from './scheduler.ts';
import { recordProblem, type Problem } from './problems.ts';
import { Hooks } from './hooks.ts';

export interface WorldOptions {
  seed?: number;
  /** Where the clock starts; it runs with real time unless frozen. */
  start?: Date;
  frozen?: boolean;
  /** Our own contract violations (responses, events, callbacks) fail loudly instead of being only recorded. */
  strict?: boolean;
}

export interface DomainEvent { type: string; data: Record<string, unknown>; at: string }

/** Everything a restored world needs: every table's rows, the clock and the random source's epoch (see World.load). */
export interface WorldState {
  version: 1;
  seed: number;
  /** How many times this world's history was restored; a restore draws from the stream of epoch + 1. */
  epoch: number;
  clock: { now_ms: number; frozen: boolean };
  tables: Record<string, Row[]>;
}

export class World {
  readonly journal = new Journal();
  readonly clock: Clock;
  readonly random: Random;
  readonly scheduler: Scheduler;
  readonly seed: number;
  readonly strict: boolean;
  /** What this world's areas and simulated systems registered for each other (kernel/hooks.ts). */
  readonly hooks = new Hooks();
  private tables = new Map<string, Table<Row>>();
  private listeners: ((event: DomainEvent) => void)[] = [];
  readonly problems: Problem[] = [];
  private epoch = 0;

  constructor(options: WorldOptions = {}) {
    this.seed = options.seed ?? 20261122;
    this.strict = options.strict ?? true;
    this.clock = new Clock(options.start ?? new Date(), options.frozen ?? false);
    this.random = new Random(this.seed);
    this.scheduler = new Scheduler(this.table<JobRow>('jobs'), () => this.clock.timeMs(), (fn) => this.transaction(fn),
      (kind, error) => this.recordProblem(kind, String((error as Error)?.stack ?? error)),
      (ms, fn) => this.clock.at(ms, fn), () => this.nextSequence('jobs'));
    this.clock.onChange(() => this.scheduler.runDue());
  }

  table<T extends Row>(name: string): Table<T> {
    let t = this.tables.get(name);
    if (!t) this.tables.set(name, (t = new Table<Row>(name, this.journal)));
    return t as unknown as Table<T>;
  }

  transaction<R>(fn: () => R): R { return this.journal.transaction(fn); }

  /** Rows visited by whole-table reads so far, over every table: an operation count for tests (see Table.scanned). */
  rowsScanned(): number {
    let n = 0;
    for (const t of this.tables.values()) n += t.scanned;
    return n;
  }

  /**
   * What the world holds, as entry counts (not bytes): rows per table, index and tally entries, queued jobs, open
   * undo entries, interned strings and recorded problems. Tests fill the world and check these grow by a fixed number
   * per order; the scale bench prints them next to the heap.
   */
  footprint(): { rows: Record<string, number>; indexEntries: number; queued: number; journalOpen: number; interned: number; problems: number } {
    const rows: Record<string, number> = {};
    let indexEntries = 0, interned = 0;
    for (const [name, t] of this.tables) {
      if (t.size) rows[name] = t.size;
      indexEntries += t.derivedEntries();
      interned += t.internedStrings;
    }
    return { rows, indexEntries, queued: this.scheduler.queued, journalOpen: this.journal.open, interned, problems: this.problems.length };
  }

  /** Publishes a domain event (order.status_changed, c2b.payment.settled, ...) to the webhook simulation. */
  emit(type: string, data: Record<string, unknown>): void {
    const event = { type, data, at: this.clock.iso() };
    for (const l of this.listeners) l(event);
  }
  onEvent(listener: (event: DomainEvent) => void): void { this.listeners.push(listener); }

  nowIso(): string { return this.clock.iso(); }

  /**
   * The next number of a named sequence (1, 2, ...). Kept in a table, so it is journaled (a failed request does not
   * consume a number), exported with the state and reset with the world, unlike a module-level counter. `start` gives
   * the value a sequence that does not exist yet continues from.
   */
  nextSequence(name: string, start: () => number = () => 0): number {
    const sequences = this.table<{ id: string; value: number }>('sequences');
    const current = sequences.get(name);
    const value = (current?.value ?? start()) + 1;
    if (current) sequences.update(name, { value }); else sequences.insert({ id: name, value });
    return value;
  }

  /** A payload we produced breaks its schema: a sandbox bug. Strict: throw (the operation fails with a 500); else record it. */
  reportOwnViolation(kind: string, message: string): void {
    if (this.strict) throw new Error(`sandbox bug: ${message}`);
    this.recordProblem(kind, message);
  }

  /** One of the sandbox's own failures, kept for GET /__sandbox/problems (the latest MAX_PROBLEMS). */
  recordProblem(kind: string, message: string): void { recordProblem(this.problems, { at: this.nowIso(), kind, message }); }

  /** Each table with rows: its name, its size and its last `n` rows (the dashboard's view, without copying tables). */
  latest(n: number, include: (name: string) => boolean = () => true): { name: string; count: number; rows: Row[] }[] {
    return [...this.tables].filter(([name, t]) => t.size > 0 && include(name)).map(([name, t]) => ({ name, count: t.size, rows: t.tail(n) }));
  }

  snapshot(): Record<string, Row[]> {
    return Object.fromEntries([...this.tables].map(([name, t]) => [name, t.dump()]));
  }

  /** The whole world as JSON-safe data (a page reload in browser mode, GET /__sandbox/snapshot). */
  exportState(): WorldState {
    return { version: 1, seed: this.seed, epoch: this.epoch, clock: { now_ms: this.clock.nowMs(), frozen: this.clock.isFrozen() }, tables: this.snapshot() };
  }

  /**
   * Puts the world back as `state` describes it: every table's rows (tables it does not list are emptied, the
   * sequences among them) and the clock. The random source is reseeded from (seed, epoch + 1): replaying the
   * old stream would hand out the ids already in the restored tables again.
   */
  load(state: WorldState): void {
    if (state.version !== 1) throw new Error(`unsupported world snapshot version ${String(state.version)}`);
    if (state.seed !== this.seed) throw new Error(`snapshot of seed ${state.seed} cannot be loaded into a world of seed ${this.seed}`);
    for (const [name, table] of this.tables) if (!(name in state.tables)) table.load([]);
    for (const [name, rows] of Object.entries(state.tables)) this.table(name).load(rows);
    this.epoch = state.epoch + 1;
    this.random.reseed(this.seed, this.epoch);
    // Setting the clock last runs whatever fell due by the stored time; a frozen clock ends exactly on it.
    const at = new Date(state.clock.now_ms);
    this.clock.set(at);
    if (state.clock.frozen) { this.clock.freeze(); this.clock.set(at); } else this.clock.unfreeze();
  }
}
