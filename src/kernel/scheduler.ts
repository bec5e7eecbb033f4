// Work that happens later on the sandbox clock: STK callbacks, order expiry, webhook retries, chain confirmations.
// Jobs are rows of the store (so a failed request schedules nothing) and run in due order when the clock reaches them:
// before each request, after each clock jump, and on a background tick while a host is running.
// Due jobs come off a priority queue (job-queue.ts): an idle check looks at one heap entry, k due jobs cost O(k log n).
import type { Table } from './store.ts';
import { defineIndex } from './table-index.ts';
import { JobQueue } from './job-queue.ts';

export interface JobRow {
  id: string;
  seq: number;
  due_ms: number;
  kind: string;
  payload: Record<string, unknown>;
}

/** A job's synchronous state change; asynchronous side effects (HTTP) go through Scheduler.spawn. */
export type JobRunner = (payload: Record<string, unknown>) => void;

const JOBS_BY_KIND = defineIndex<JobRow>('jobs by kind', (j) => [j.kind], (a, b) => a.seq - b.seq);

export class Scheduler {
  private runners = new Map<string, JobRunner>();
  private readonly queue: JobQueue<JobRow>;
  private inFlight = new Set<Promise<void>>();
  private running = false;

  constructor(
    private readonly jobs: Table<JobRow>,
    private readonly nowMs: () => number,
    private readonly transaction: <R>(fn: () => R) => R,
    private readonly onError: (kind: string, error: unknown) => void = () => {},
    /** Runs a job with the sandbox's "now" at the job's due time (Clock.at). */
    private readonly runAt: <R>(ms: number, fn: () => R) => R = (_ms, fn) => fn(),
    /** Job numbers (World.nextSequence: journaled, and restored with the jobs themselves). */
    private readonly nextSeq: () => number = (() => { let n = 0; return () => ++n; })(),
  ) {
    this.queue = new JobQueue(jobs);
  }

  /** Heap entries the due-job checks have looked at so far (an operation count for tests, not a clock). */
  get inspected(): number { return this.queue.inspected; }
  /** Entries in the queue, stale ones included (bounded: rebuilt past twice the pending jobs). */
  get queued(): number { return this.queue.size; }

  /** Registers what a kind of job does; done once per sandbox at start. */
  define(kind: string, runner: JobRunner): void { this.runners.set(kind, runner); }

  schedule(kind: string, dueMs: number, payload: Record<string, unknown>): JobRow {
    if (!this.runners.has(kind)) throw new Error(`no job runner for ${kind}`);
    const seq = this.nextSeq();
    return this.jobs.insert({ id: `job-${seq}`, seq, due_ms: dueMs, kind, payload });
  }

  /** Cancels the pending jobs of a kind that match; only that kind's jobs are looked at. */
  cancel(kind: string, predicate: (job: JobRow) => boolean): void {
    for (const job of this.jobs.index(JOBS_BY_KIND).rows(kind).filter(predicate)) this.jobs.delete(job.id);
  }

  pending(): JobRow[] { return this.jobs.all().sort(byDue); }

  /**
   * Runs every job that is due now, earliest first, each at its own due time; jobs scheduled by those jobs run too if
   * already due. A jump of the clock therefore plays out in order, as if the time had passed.
   */
  runDue(): void {
    if (this.running) return; // a job that triggers runDue again must not recurse
    this.running = true;
    try {
      for (;;) {
        const now = this.nowMs();
        const next = this.queue.takeDue(now);
        if (!next) break;
        this.jobs.delete(next.id);
        const runner = this.runners.get(next.kind)!;
        try {
          this.runAt(Math.min(next.due_ms, now), () => this.transaction(() => runner(next.payload)));
        } catch (error) {
          this.onError(next.kind, error);
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** Resolves when every asynchronous job (webhook POSTs) started so far has finished. */
  async settle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  /** Starts asynchronous work (a webhook POST) that settle() waits for; its errors are reported, never thrown. */
  spawn(kind: string, work: () => Promise<void>): void {
    const p = work().catch((e) => this.onError(kind, e));
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }
}

const byDue = (a: JobRow, b: JobRow) => a.due_ms - b.due_ms || a.seq - b.seq;
