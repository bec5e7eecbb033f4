// The load generator of `npm run bench`, in its own process so it does not take CPU from the server it measures.
// Forked once per bench (bench/processes.ts runLoad) and kept: each job arrives as an IPC message, runs autocannon and
// is answered with its figures — a warm generator, not a fresh process whose cold code would drive each round's first
// second slower than the rest. A body containing `{n}` gets a per-request counter (unique emails and phone numbers).
import autocannon from 'autocannon';

export interface LoadJob {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
  /** Start of the `{n}` counter (distinct per round, so registrations never collide). */
  counterStart?: number;
  /** Requests per second across all connections (autocannon's overallRate); unset: as fast as the server answers. */
  overallRate?: number;
}

export interface LoadFigures { rps: number; p50: number; p99: number; requests: number; errors: number; non2xx: number }

async function run(job: LoadJob): Promise<LoadFigures> {
  let n = job.counterStart ?? 0;
  const templated = job.body?.includes('{n}');
  const result = await autocannon({
    url: job.url, method: job.method, headers: job.headers, body: templated ? undefined : job.body,
    connections: job.connections, duration: job.seconds, overallRate: job.overallRate,
    requests: templated ? [{ setupRequest: (req) => ({ ...req, body: job.body!.replaceAll('{n}', String(n++)) }) }] : undefined,
  });
  return {
    rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total,
    errors: result.errors + result.timeouts, non2xx: result.non2xx,
  };
}

process.on('message', (job: LoadJob) => {
  run(job).then((figures) => process.send!({ figures }), (error: Error) => process.send!({ error: error.message }));
});
process.on('disconnect', () => process.exit(0));
