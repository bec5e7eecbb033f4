// The scheduler's priority queue: a binary min-heap of (due_ms, seq, id) entries over the jobs table. Peeking at the
// earliest job is O(1), taking it O(log n). The jobs table stays the truth (journaled, exported with snapshots): the
// heap observes it, adding an entry whenever a job appears; an entry whose job was since run, cancelled or rolled back
// is dropped when it reaches the top (lazy deletion), and the heap is rebuilt when stale entries outnumber live jobs.
import type { Table, TableObserver } from './store.ts';

export interface QueuedJob { id: string; seq: number; due_ms: number }

interface Entry { due: number; seq: number; id: string }

const before = (a: Entry, b: Entry): boolean => a.due < b.due || (a.due === b.due && a.seq < b.seq);

export class JobQueue<J extends QueuedJob> implements TableObserver<J> {
  private heap: Entry[] = [];
  /** Heap entries looked at (peeks and pops): tests count them to show an idle check touches nothing. */
  inspected = 0;

  constructor(private readonly jobs: Table<J>) {
    jobs.observe(this);
    this.loaded();
  }

  changed(was: J | undefined, now: J | undefined): void {
    // A new job, or one put back by a rollback (or moved to another time), gets an entry; removals are lazy.
    if (now && (!was || was.due_ms !== now.due_ms || was.seq !== now.seq)) this.push({ due: now.due_ms, seq: now.seq, id: now.id });
    if (this.heap.length > 64 && this.heap.length > 2 * this.jobs.size) this.loaded();
  }

  /** Rebuilds the heap from the table (restore, reset, or too many stale entries). */
  loaded(): void {
    this.heap = [...this.jobs.values()].map((j) => ({ due: j.due_ms, seq: j.seq, id: j.id }));
    this.heap.sort((a, b) => a.due - b.due || a.seq - b.seq); // a sorted array is a valid heap
  }

  /**
   * Takes the earliest live job off the queue if it is due by `now` (the caller runs and deletes it), else undefined;
   * stale entries on the way are discarded.
   */
  takeDue(now: number): J | undefined {
    for (;;) {
      const top = this.heap[0];
      if (!top) return undefined;
      this.inspected++;
      const job = this.jobs.get(top.id);
      if (!job || job.due_ms !== top.due || job.seq !== top.seq) { this.pop(); continue; } // stale
      if (top.due > now) return undefined;
      this.pop();
      return job;
    }
  }

  get size(): number { return this.heap.length; }

  private push(entry: Entry): void {
    const h = this.heap;
    let i = h.push(entry) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (!h.length) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < h.length && before(h[l], h[m])) m = l;
      if (r < h.length && before(h[r], h[m])) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}
