// The latency profile: `--latency 20ms,150ms` parsed (and refused with a message naming the mistake), set as the world's
// starting setting (a reset keeps it), drawn from the world's seed (same seed, same delays) around the asked median.
import { describe, expect, test } from 'vitest';
import { parseLatency, LatencySource } from '../../src/http/latency.ts';
import { Sandbox } from '../../src/sandbox.ts';

describe('latency profile', () => {
  test('--latency parses MEDIAN,P99 in ms or s and names what is wrong', () => {
    expect(parseLatency('20ms,150ms')).toEqual({ p50_ms: 20, p99_ms: 150 });
    expect(parseLatency('0.5s, 2s')).toEqual({ p50_ms: 500, p99_ms: 2000 });
    expect(() => parseLatency('20ms')).toThrow(/two durations/);
    expect(() => parseLatency('fast,slow')).toThrow(/"fast" is not a duration/);
    expect(() => parseLatency('150ms,20ms')).toThrow(/must not be below the median/);
  });

  test('the flag becomes the starting setting, kept by a reset', async () => {
    const sandbox = new Sandbox({ latency: { p50_ms: 1, p99_ms: 2 } });
    const settings = async () => (await sandbox.handle(new Request('http://sandbox.local/__sandbox/settings'))).json();
    expect((await settings()).latency).toEqual({ p50_ms: 1, p99_ms: 2 });
    sandbox.reset();
    expect((await settings()).latency).toEqual({ p50_ms: 1, p99_ms: 2 });
  });

  test('draws are reproducible from the seed, centred on the median, and none beyond three times the p99', () => {
    const draws = (seed: number) => { const s = new LatencySource(seed); return Array.from({ length: 2000 }, () => s.draw({ p50_ms: 20, p99_ms: 150 })); };
    const a = draws(7);
    expect(draws(7)).toEqual(a);
    expect(draws(8)).not.toEqual(a);
    const sorted = [...a].sort((x, y) => x - y);
    expect(sorted[1000]).toBeGreaterThanOrEqual(15);
    expect(sorted[1000]).toBeLessThanOrEqual(26);
    expect(sorted[1980]).toBeGreaterThan(80);
    expect(Math.max(...a)).toBeLessThanOrEqual(450);
    expect(new LatencySource(7).draw(null)).toBe(0);
  });
});
