// One sandbox's whole state: the store's tables, the clock, the seeded random source, the scheduler and the
// event bus that webhooks listen to. Domain modules reach their tables through world.table(name).
import { Journal, Table, type Row } from './store.ts';
import { Random } from './random.ts';
import { Clock } from '../simulation/clock.ts';
import { Scheduler, type JobRow } from '../simulation/scheduler.ts';

export interface WorldOptions {
  seed?: number;
  /** Where the clock starts; it runs with real time unless frozen. */
  start?: Date;
  frozen?: boolean;
  /** Our own contract violations (responses, events, callbacks) fail loudly instead of being only recorded. */
  strict?: boolean;
}

export interface DomainEvent { type: string; data: Record<string, unknown>; at: string }

export class World {
  readonly journal = new Journal();
  readonly clock: Clock;
  readonly random: Random;
  readonly scheduler: Scheduler;
  readonly seed: number;
  readonly strict: boolean;
  private tables = new Map<string, Table<Row>>();
  private listeners: ((event: DomainEvent) => void)[] = [];
  readonly problems: { at: string; kind: string; message: string }[] = [];

  constructor(options: WorldOptions = {}) {
    this.seed = options.seed ?? 20261122;
    this.strict = options.strict ?? true;
    this.clock = new Clock(options.start ?? new Date(), options.frozen ?? false);
    this.random = new Random(this.seed);
    this.scheduler = new Scheduler(this.table<JobRow>('jobs'), () => this.clock.nowMs(), (fn) => this.transaction(fn),
      (kind, error) => this.problems.push({ at: this.clock.iso(), kind, message: String((error as Error)?.stack ?? error) }));
    this.clock.onChange(() => this.scheduler.runDue());
  }

  table<T extends Row>(name: string): Table<T> {
    let t = this.tables.get(name);
    if (!t) this.tables.set(name, (t = new Table<Row>(name, this.journal)));
    return t as unknown as Table<T>;
  }

  transaction<R>(fn: () => R): R { return this.journal.transaction(fn); }

  /** Publishes a domain event (order.status_changed, c2b.payment.settled, ...) to the webhook simulation. */
  emit(type: string, data: Record<string, unknown>): void {
    const event = { type, data, at: this.clock.iso() };
    for (const l of this.listeners) l(event);
  }
  onEvent(listener: (event: DomainEvent) => void): void { this.listeners.push(listener); }

  nowIso(): string { return this.clock.iso(); }

  /** A payload we produced breaks its schema: a sandbox bug. Strict: throw (the operation fails with a 500); else record it. */
  reportOwnViolation(kind: string, message: string): void {
    if (this.strict) throw new Error(`sandbox bug: ${message}`);
    this.problems.push({ at: this.nowIso(), kind, message });
  }

  snapshot(): Record<string, Row[]> {
    return Object.fromEntries([...this.tables].map(([name, t]) => [name, t.dump()]));
  }
}
