// The scheduler's priority queue: a binary min-heap of (due_ms, seq, id) entries over the jobs table. Peeking at the
// earliest job is O(1), taking it O(log n). The jobs table stays the truth (journaled, exported with snapshots): the
// heap observes it, adding an entry whenever a job appears; an entry whose job was since run, cancelled or rolled back
// is dropped when it reaches the top (lazy deletion), and the heap is rebuilt when stale entries outnumber live jobs.
import type { Table, TableObserver } from './store.ts';

export interface QueuedJob { id: string; seq: number; due_ms: number }

export class JobQueue<J extends QueuedJob> implements TableObserver<J> {
  // The heap as three parallel arrays (due time, sequence, id) rather than one object per entry: a pending job costs
  // three array slots here (the due times stay unboxed doubles) instead of an object and a boxed number.
  private due: number[] = [];
  private seq: number[] = [];
  private ids: string[] = [];
  /** Heap entries looked at (peeks and pops): tests count them to show an idle check touches nothing. */
  inspected = 0;

  constructor(private readonly jobs: Table<J>) {
    jobs.observe(this);
    this.loaded();
  }

  changed(was: J | undefined, now: J | undefined): void {
    // A new job, or one put back by a rollback (or moved to another time), gets an entry; removals are lazy.
    if (now && (!was || was.due_ms !== now.due_ms || was.seq !== now.seq)) this.push(now.due_ms, now.seq, now.id);
    if (this.ids.length > 64 && this.ids.length > 2 * this.jobs.size) this.loaded();
  }

  /** Rebuilds the heap from the table (restore, reset, or too many stale entries). */
  loaded(): void {
    const sorted = [...this.jobs.values()].sort((a, b) => a.due_ms - b.due_ms || a.seq - b.seq); // sorted = a valid heap
    this.due = sorted.map((j) => j.due_ms);
    this.seq = sorted.map((j) => j.seq);
    this.ids = sorted.map((j) => j.id);
  }

  /**
   * Takes the earliest live job off the queue if it is due by `now` (the caller runs and deletes it), else undefined;
   * stale entries on the way are discarded.
   */
  takeDue(now: number): J | undefined {
    while (this.ids.length) {
      this.inspected++;
      const due = this.due[0];
      const job = this.jobs.get(this.ids[0]);
      if (!job || job.due_ms !== due || job.seq !== this.seq[0]) { this.pop(); continue; } // stale
      if (due > now) return undefined;
      this.pop();
      return job;
    }
    return undefined;
  }

  get size(): number { return this.ids.length; }

  private before(i: number, j: number): boolean {
    return this.due[i] < this.due[j] || (this.due[i] === this.due[j] && this.seq[i] < this.seq[j]);
  }

  private swap(i: number, j: number): void {
    const { due, seq, ids } = this;
    [due[i], due[j]] = [due[j], due[i]];
    [seq[i], seq[j]] = [seq[j], seq[i]];
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }

  private push(due: number, seq: number, id: string): void {
    this.due.push(due); this.seq.push(seq);
    let i = this.ids.push(id) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private pop(): void {
    const last = this.ids.length - 1;
    this.swap(0, last);
    this.due.pop(); this.seq.pop(); this.ids.pop();
    const n = this.ids.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < n && this.before(l, m)) m = l;
      if (r < n && this.before(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
