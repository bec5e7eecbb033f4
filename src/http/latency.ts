// The latency profile (`--latency 20ms,150ms`, PATCH /__sandbox/settings {"latency": {...}}): every product response
// waits a seeded random time drawn from a log-normal distribution with that median and 99th percentile, so a
// frontend sees realistic spinners. Reproducible: the draws come from the world's seed (their own stream).
import { SeededStream } from './seeded-stream.ts';

export interface LatencyProfile { p50_ms: number; p99_ms: number }

/** z of the 99th percentile of the standard normal. */
const Z99 = 2.3263478740408408;
const LATENCY_STREAM = 0x1a7e;

export class LatencySource {
  private readonly random: SeededStream;
  constructor(seed: number) { this.random = new SeededStream(seed, LATENCY_STREAM); }

  /** One delay in whole milliseconds; 0 without a profile. Capped at three times the p99 so no draw hangs a test. */
  draw(profile: LatencyProfile | null | undefined): number {
    if (!profile || profile.p99_ms <= 0) return 0;
    const median = Math.max(profile.p50_ms, 0.001);
    const sigma = Math.max(Math.log(Math.max(profile.p99_ms, median) / median), 0) / Z99;
    const ms = median * Math.exp(sigma * this.random.normal());
    return Math.round(Math.min(ms, profile.p99_ms * 3));
  }
}

/** `20ms,150ms` (or `20,150`, or `1s,2s`) → a profile; throws naming the mistake. */
export function parseLatency(text: string): LatencyProfile {
  const parts = text.split(',').map((p) => p.trim());
  const ms = parts.map((p) => {
    const m = /^([0-9]+(?:\.[0-9]+)?)(ms|s)?$/.exec(p);
    if (!m) throw new Error(`--latency expects MEDIAN,P99 such as 20ms,150ms; "${p}" is not a duration`);
    return Math.round(Number(m[1]) * (m[2] === 's' ? 1000 : 1));
  });
  if (ms.length !== 2) throw new Error('--latency expects two durations, the median and the 99th percentile: 20ms,150ms');
  if (ms[1] < ms[0]) throw new Error('--latency: the 99th percentile must not be below the median');
  return { p50_ms: ms[0], p99_ms: ms[1] };
}
