// The request log keeps the last N entries in order; the console line is written in batches (one write at most every
// few milliseconds, or when 64 KB gather) rather than one write per request.
import { describe, expect, test } from 'vitest';
import { RequestLog, formatLogLine } from '../../src/http/request-log.ts';
import { bufferedLines } from '../../src/server/log-lines.ts';

const entry = (path: string) => ({ at: '2026-11-22T09:00:00Z', method: 'GET', path, operation_id: 'getClock', status: 200, duration_ms: 1,
  request_violations: [], response_violations: [], faults: [] });

describe('request log', () => {
  test('keeps the last `capacity` entries, oldest first, with ids that go on counting', () => {
    const log = new RequestLog(3);
    for (let i = 1; i <= 5; i++) log.add(entry(`/p${i}`));
    expect(log.all().map((e) => [e.id, e.path])).toEqual([[3, '/p3'], [4, '/p4'], [5, '/p5']]);
    log.clear();
    expect(log.all()).toEqual([]);
    expect(log.add(entry('/after')).id).toBe(6);
  });

  test('lines written within the delay reach the output in one write, in order; flush() writes what is pending now', async () => {
    const writes: string[] = [];
    const line = bufferedLines({ write: (c: string) => writes.push(c) }, 64 * 1024, 20);
    for (let i = 1; i <= 3; i++) line(formatLogLine({ id: i, ...entry(`/p${i}`) }));
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual([]);
    await new Promise((r) => setTimeout(r, 40));
    expect(writes).toEqual([
      '2026-11-22T09:00:00Z GET /p1 → 200 getClock 1ms\n2026-11-22T09:00:00Z GET /p2 → 200 getClock 1ms\n2026-11-22T09:00:00Z GET /p3 → 200 getClock 1ms\n']);
    line('last');
    line.flush();
    expect(writes.at(-1)).toBe('last\n');
  });

  test('past the byte limit the batch goes out at once', () => {
    const writes: string[] = [];
    const line = bufferedLines({ write: (c: string) => writes.push(c) }, 10);
    line('0123456789');
    expect(writes).toEqual(['0123456789\n']);
  });
});
