// The request log line's own cost, accounted in process: the CLI's exact line (formatLogLine) gathered by its buffered
// writer (src/server/log-lines.ts) and written to /dev/null by real write(2) calls, timed over many lines. Beside the
// throughput bench's logged-vs-quiet rounds, which on a noisy machine swing by more than the line costs, this is the
// figure that can be compared with a request's CPU time.
import { openSync, writeSync, closeSync } from 'node:fs';
import { formatLogLine, type LoggedRequest } from '../src/http/request-log.ts';
import { bufferedLines } from '../src/server/log-lines.ts';

/** CPU microseconds per log line (user + system; the median of 5 batches of `lines`). */
export function logLineMicros(lines = 100_000): number {
  const fd = openSync('/dev/null', 'w');
  try {
    const write = bufferedLines({ write: (chunk: string) => writeSync(fd, chunk) });
    const entry: LoggedRequest = { id: 1, at: '2026-12-06T07:30:00.000Z', method: 'POST', path: '/api/v1/auth/orders',
      operation_id: 'createOrder', status: 201, duration_ms: 1, request_violations: [], response_violations: [], faults: [] };
    const batches: number[] = [];
    for (let b = 0; b < 5; b++) {
      const before = process.cpuUsage();
      for (let i = 0; i < lines; i++) { entry.duration_ms = i & 7; write(formatLogLine(entry)); }
      write.flush();
      const used = process.cpuUsage(before);
      batches.push((used.user + used.system) / lines);
    }
    return batches.sort((a, b) => a - b)[2];
  } finally {
    closeSync(fd);
  }
}
