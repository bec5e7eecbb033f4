// The throughput bench's table. Every ratio is the median of per-round ratios: each round runs the sandbox and the bare
// app one right after the other, so a round's ratio compares two runs on the same machine state, and the machine's
// own drift (±30% from round to round here) cancels out of it instead of landing on whichever target it hit.
import type { LoadFigures } from './load-generator.ts';
import { PINNED } from './processes.ts';

/** A round's figures and the server's CPU time per request answered in it (µs). */
export type Round = LoadFigures & { cpuUs: number };

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)}%`;
const ratios = (a: Round[], b: Round[], f: (r: Round) => number) => a.map((r, i) => f(r) / Math.max(f(b[i]), 1e-9));

/** The round ratio of the first half of the rounds against the last half (medians: one stalled round moves neither). */
function trend(rate: number[]): string {
  const k = Math.max(1, Math.floor(rate.length / 2));
  const [early, late] = [median(rate.slice(0, k)), median(rate.slice(-k))];
  return `${early.toFixed(2)}→${late.toFixed(2)} ${pct(late / early - 1)}`;
}

interface Measured { op: string; target: string; rounds: Round[] }

export class ThroughputTable {
  private readonly measured: Measured[] = [];
  private headerPrinted = false;

  print(op: string, byTarget: Map<string, Round[]>): void {
    if (!this.headerPrinted) {
      console.log(['operation'.padEnd(30), 'target'.padEnd(16), 'req/s'.padStart(6), 'p50'.padStart(4), 'p99'.padStart(4),
        'vs bare'.padStart(8), '(rounds)'.padStart(11), 'p99 vs'.padStart(7), 'CPU µs'.padStart(7), 'bare/CPU'.padStart(9),
        'first→last req/s'.padStart(18), 'trend vs bare'.padStart(20), 'errors'.padStart(7)].join(' '));
      this.headerPrinted = true;
    }
    const bare = byTarget.get('bare')!;
    if (process.env.BENCH_VERBOSE) for (const [target, rounds] of byTarget) {
      console.log(`  ${target}: ${rounds.map((r) => `${r.rps.toFixed(0)}/${r.cpuUs.toFixed(0)}µs/p99 ${r.p99}`).join('  ')}`);
    }
    for (const [target, rounds] of byTarget) {
      this.measured.push({ op, target, rounds });
      const isBare = target === 'bare';
      const rate = ratios(rounds, bare, (r) => r.rps);
      const first = rounds[0].rps, last = rounds.at(-1)!.rps;
      console.log([op.padEnd(30), target.padEnd(16), median(rounds.map((r) => r.rps)).toFixed(0).padStart(6),
        String(median(rounds.map((r) => r.p50))).padStart(4), String(median(rounds.map((r) => r.p99))).padStart(4),
        (isBare ? '' : `${median(rate).toFixed(2)}×`).padStart(8),
        (isBare ? '' : `${Math.min(...rate).toFixed(2)}–${Math.max(...rate).toFixed(2)}`).padStart(11),
        (isBare ? '' : `${median(ratios(rounds, bare, (r) => r.p99)).toFixed(2)}×`).padStart(7),
        median(rounds.map((r) => r.cpuUs)).toFixed(0).padStart(7),
        (isBare ? '' : `${median(ratios(bare, rounds, (r) => r.cpuUs)).toFixed(2)}×`).padStart(9),
        `${first.toFixed(0)}→${last.toFixed(0)} ${pct(last / first - 1)}`.padStart(18),
        (isBare ? '' : trend(rate)).padStart(20),
        String(rounds.reduce((n, r) => n + r.errors + r.non2xx, 0)).padStart(7)].join(' '));
    }
  }

  /** The log line's cost two ways: logged vs --quiet rounds (noisy), and the line's own CPU beside a request's. */
  printLogLine(lineMicros: number): void {
    console.log('\nrequest log line (on by default; --quiet turns it off):');
    for (const op of new Set(this.measured.map((m) => m.op))) {
      const [logged, quiet] = ['sandbox', 'sandbox --quiet'].map((t) => this.measured.find((m) => m.op === op && m.target === t));
      if (!logged) continue;
      const cpu = median(logged.rounds.map((r) => r.cpuUs));
      const ab = quiet ? `; logged over --quiet rounds: req/s ${median(ratios(logged.rounds, quiet.rounds, (r) => r.rps)).toFixed(2)}×,`
        + ` CPU per request ${median(ratios(logged.rounds, quiet.rounds, (r) => r.cpuUs)).toFixed(2)}×` : '';
      console.log(`  ${op.padEnd(30)} ${lineMicros.toFixed(2)} µs per line = ${((lineMicros / cpu) * 100).toFixed(1)}% of ${cpu.toFixed(0)} µs per request${ab}`);
    }
  }

  printLegend(): void {
    console.log('\ntargets (not asserted): vs bare ≥ 0.5× and p99 vs bare ≤ 2× for each operation; rounds within 10%;'
      + ' the log line < 5% of a request.'
      + '\nvs bare, p99 vs and bare/CPU are medians of per-round ratios (a round runs every target back to back); (rounds) is'
      + ' their range. CPU µs is the server process\'s CPU time per request answered (/proc). trend vs bare is the round'
      + ' ratio of the first half of the rounds against the last half (medians): a write path that slowed as its table grew would show here,'
      + ' with the machine\'s own drift (first→last req/s of the bare row) divided out.'
      + (PINNED ? '\nServers run on core 0 and the load generator on core 1 (taskset; BENCH_PIN=0 lets the scheduler place them).' : '')
      + '\nThe log line\'s µs is its formatting and buffered write timed in process (100,000 lines, real writes to /dev/null);'
      + ' the logged vs --quiet rounds measure the same through HTTP, within this machine\'s noise.');
  }
}
