// The sandbox clock. Every "now" in the sandbox comes from here: it runs with real time from a chosen start unless
// frozen, and the control API can set, advance and freeze it. Token expiry, order expiry, STK timeouts and webhook
// retries all follow it.
import { clockRangeProblem } from './clock-range.ts';

/** Formatted seconds kept by Clock.iso (now, and the expiries a login stamps, with room to spare). */
const ISO_SLOTS = 4;

export interface ClockState { now: string; frozen: boolean }

export class Clock {
  private base: number;          // sandbox ms at the moment `realBase` was taken
  private realBase: number;
  private frozen: boolean;
  private listeners: (() => void)[] = [];
  /** While a scheduled job runs, "now" is its due time (see at()). */
  private pinned: number | null = null;

  constructor(start: Date = new Date(), frozen = false, private readonly realNow: () => number = () => Date.now()) {
    const problem = clockRangeProblem(start.getTime());
    if (problem) throw new RangeError(`the start time ${problem}`);
    this.base = start.getTime();
    this.realBase = this.realNow();
    this.frozen = frozen;
  }

  nowMs(): number { return this.pinned ?? this.timeMs(); }
  /** The clock's own time, ignoring a pin. */
  timeMs(): number { return this.frozen ? this.base : this.base + (this.realNow() - this.realBase); }

  /**
   * Runs `fn` with "now" pinned at `ms`: a job due at 09:00:05 that runs after a jump to 09:01:10 happens at
   * 09:00:05, stamps that time, and schedules its follow-ups from it, so one long jump plays out like many short ones.
   */
  at<R>(ms: number, fn: () => R): R {
    const previous = this.pinned;
    this.pinned = ms;
    try { return fn(); } finally { this.pinned = previous; }
  }
  now(): Date { return new Date(this.nowMs()); }
  /** RFC 3339 UTC with second precision, as the Go service prints times. */
  iso(ms = this.nowMs()): string {
    // Every row a request writes asks for the time, and a login also formats its two expiries (now + 900 s, now + 7 d):
    // keep the last few seconds formatted (the clock counts in whole seconds), so none of them is formatted per call.
    const second = Math.floor(ms / 1000);
    const seconds = this.isoSeconds;
    for (let i = 0; i < ISO_SLOTS; i++) if (seconds[i] === second) return this.isoTexts[i];
    const text = new Date(second * 1000).toISOString().replace('.000Z', 'Z'); // throws for a time out of range: nothing cached
    const slot = this.isoNext;
    this.isoNext = (slot + 1) % ISO_SLOTS;
    seconds[slot] = second;
    this.isoTexts[slot] = text;
    return text;
  }
  private readonly isoSeconds: number[] = new Array<number>(ISO_SLOTS).fill(NaN);
  private readonly isoTexts: string[] = new Array<string>(ISO_SLOTS).fill('');
  private isoNext = 0;
  isFrozen(): boolean { return this.frozen; }

  set(at: Date): void { this.rebase(at.getTime()); this.changed(); }
  advance(seconds: number): void { this.rebase(this.nowMs() + seconds * 1000); this.changed(); }
  freeze(): void { this.rebase(this.nowMs()); this.frozen = true; this.changed(); }
  unfreeze(): void { this.rebase(this.nowMs()); this.frozen = false; this.changed(); }
  state(): ClockState { return { now: this.iso(), frozen: this.frozen }; }

  /** Called after every jump of the clock (the scheduler runs what became due). */
  onChange(listener: () => void): void { this.listeners.push(listener); }

  private rebase(ms: number): void { this.base = ms; this.realBase = this.realNow(); this.pinned = null; }
  private changed(): void { for (const l of this.listeners) l(); }
}
