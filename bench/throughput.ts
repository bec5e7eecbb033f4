// `npm run bench`: the sandbox's steady-state rate per operation beside a bare express 5 app answering the same bytes.
// Processes besides this one: the sandbox as the CLI starts it (request log line on), the same with --quiet, the bare app
// (all on core 0), and one warm load generator (autocannon, on core 1): none shares an event loop with another.
// Rounds interleave the targets so a noisy neighbour hits all of them; the table (throughput-table.ts) reports medians
// of per-round ratios. Prints figures; never fails.
import { spawnServer, runLoad, stopLoadGenerator, cpuSeconds, type Server } from './processes.ts';
import { ensureBuilt } from '../scripts/build.mjs';
import { FIXTURE_PASSWORD } from '../fixtures/default-world.ts';
import { ThroughputTable, type Round } from './throughput-table.ts';
import { logLineMicros } from './log-line-cost.ts';
import { machineLine } from './machine.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
/** Each ratio is the median of the rounds' own ratios: a round pairs each target with the others run right beside it. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
/** Unmeasured seconds per operation and target before its rounds: the first round otherwise times V8's warm-up. */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
/** The CLI measured; BENCH_BIN=../other-checkout/bin/coinpool-sandbox.mjs measures another build against the same bare app. */
const BIN = process.env.BENCH_BIN ?? 'bin/coinpool-sandbox.mjs';
/**
 * BENCH_OPS=register,order measures only those operations (keys of prepare's list); unset: all of them.
 * BENCH_VERBOSE=1 also prints every round (req/s, CPU µs per request, p99) of every target (throughput-table.ts).
 */
const ONLY = process.env.BENCH_OPS ? new Set(process.env.BENCH_OPS.split(',')) : null;

export interface Operation {
  name: string;
  key: string;
  method: 'GET' | 'POST';
  path: string;
  token?: string;
  /** JSON text; `{n}` is replaced per request by a counter. */
  body?: string;
}

export const json = (method: string, token?: string): Record<string, string> => ({
  ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

async function call(base: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(base + path, { method, headers: json(method, token), body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function must(base: string, method: string, path: string, token?: string, body?: unknown): Promise<any> {
  const r = await call(base, method, path, token, body);
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  return r.body;
}

/**
 * Logs in, funds the vendor, publishes a large offer and returns the operations to measure. Login goes last: past
 * MAX_ACCESS_TOKENS logins the oldest tokens are pruned, the bench's own among them, and later operations would time 401s.
 */
export async function prepare(base: string): Promise<Operation[]> {
  const fx = await must(base, 'GET', '/__sandbox/fixtures');
  const user = (key: string) => fx.users.find((u: any) => u.email === `${key}@coinpool.test`);
  const tron = (key: string) => user(key).wallets.find((w: any) => w.network === 'tron');
  const login = async (key: string) => (await must(base, 'POST', '/api/v1/users/login', undefined, { email: `${key}@coinpool.test`, password: FIXTURE_PASSWORD })).access_token as string;
  const [alice, vendor] = [await login('alice'), await login('vendor')];
  await must(base, 'POST', '/__sandbox/faucet', undefined, { wallet_id: tron('vendor').id, asset: 'USDT', amount: '100000000' });
  const offer = await must(base, 'POST', '/api/v1/auth/offers', vendor, { vendor_id: user('vendor').id, offer_type: 'SELL', asset: 'USDT',
    crypto_amount: '90000000', available_amount: '90000000', rate: '130.5', min_order: '1', max_order: '500', description: 'bench' });
  return [
    { name: 'GET /auth/wallet/id/{id}', key: 'wallet', method: 'GET', path: `/api/v1/auth/wallet/id/${tron('alice').id}`, token: alice },
    { name: 'POST /auth/orders', key: 'order', method: 'POST', path: '/api/v1/auth/orders', token: alice, body: JSON.stringify({
      customer_id: user('alice').id, vendor_id: user('vendor').id, offer_id: offer.id, crypto_amount: '1', fiat_amount: '130.50',
      fiat_currency: 'KES', wallet_address: tron('alice').address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY' }) },
    { name: 'POST /users/register', key: 'register', method: 'POST', path: '/api/v1/users/register', body: JSON.stringify({
      email: 'b{n}@bench.test', phone_number: '+1{n}', first_name: 'Bench', last_name: 'User', password: 'bench-password' }) },
    { name: 'POST /auth/transfers/p2p', key: 'transfer', method: 'POST', path: '/api/v1/auth/transfers/p2p', token: vendor,
      body: JSON.stringify({ to_user_id: user('alice').id, amount: '0.01', network: 'tron' }) },
    { name: 'POST /auth/otc/deposits/draft', key: 'otc-draft', method: 'POST', path: '/api/v1/auth/otc/deposits/draft', token: vendor,
      body: JSON.stringify({ fiat_amount: '1000000.00', fiat_currency: 'KES', requested_asset: 'USDT', requested_network: 'tron',
        to_wallet_id: tron('vendor').id, sender_bank_name: 'Example Bank' }) },
    { name: 'POST /users/login', key: 'login', method: 'POST', path: '/api/v1/users/login',
      body: JSON.stringify({ email: 'alice@coinpool.test', password: FIXTURE_PASSWORD }) },
  ];
}

/** The bare app answers each operation with the status and body the sandbox gave for it. */
async function teachBare(sandboxUrl: string, bareUrl: string, ops: Operation[]): Promise<void> {
  for (const op of ops) {
    const body = op.body?.replaceAll('{n}', '10000001');
    const r = await call(sandboxUrl, op.method, op.path, op.token, body === undefined ? undefined : JSON.parse(body));
    if (r.status >= 300) throw new Error(`${op.name}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    await must(bareUrl, 'POST', `/__canned/${op.key}`, undefined, r);
  }
}


export async function throughputBench(): Promise<void> {
  const servers: Server[] = [];
  try {
    // The sandbox as partners run it: the built CLI (bin → the bundle with its code cache), not TypeScript under tsx.
    await ensureBuilt();
    console.log(`\nthroughput of ${BIN} on ${machineLine()}`);
    const sandbox = await spawnServer('sandbox', [BIN, 'start', '--port', '0', '--frozen'], { tsx: false });
    servers.push(sandbox);
    const quiet = await spawnServer('sandbox --quiet', [BIN, 'start', '--port', '0', '--frozen', '--quiet'], { tsx: false });
    servers.push(quiet);
    const bare = await spawnServer('bare express', ['bench/bare-express.ts']);
    servers.push(bare);
    const ops = await prepare(sandbox.url);
    const quietOps = await prepare(quiet.url);
    await teachBare(sandbox.url, bare.url, ops);

    console.log(`${CONNECTIONS} connections, ${WARMUP} s unmeasured warm-up, then ${ROUNDS} interleaved rounds of ${SECONDS} s per operation and target;`
      + ` load generator, sandbox and bare express 5 each in their own process\n`);
    const table = new ThroughputTable();
    let counter = 10_000_002;
    for (const [i, op] of ops.entries()) {
      if (ONLY && !ONLY.has(op.key)) continue;
      const targets: [string, string, Operation, Server][] = [['sandbox', sandbox.url + op.path, op, sandbox], ['bare', `${bare.url}/op/${op.key}`, op, bare]];
      if (op.key === 'wallet' || op.key === 'order') targets.push(['sandbox --quiet', quiet.url + op.path, quietOps[i], quiet]);
      const byTarget = new Map<string, Round[]>(targets.map(([t]) => [t, []]));
      if (WARMUP > 0) for (const [, url, o] of targets) {
        await runLoad({ url, method: o.method, headers: json(o.method, o.token), body: o.body, connections: CONNECTIONS,
          seconds: WARMUP, counterStart: (counter += 1_000_000) });
      }
      for (let round = 0; round < ROUNDS; round++) {
        // alternate who goes first, so neither always runs on a warmer (or busier) machine
        const order = round % 2 ? [...targets].reverse() : targets;
        for (const [target, url, o, server] of order) {
          const cpuBefore = cpuSeconds(server.pid);
          const figures = await runLoad({ url, method: o.method, headers: json(o.method, o.token), body: o.body, connections: CONNECTIONS,
            seconds: SECONDS, counterStart: (counter += 1_000_000) });
          byTarget.get(target)!.push({ ...figures, cpuUs: ((cpuSeconds(server.pid) - cpuBefore) * 1e6) / Math.max(figures.requests, 1) });
        }
      }
      table.print(op.name, byTarget);
    }
    table.printLogLine(logLineMicros());
    table.printLegend();
  } finally {
    for (const s of servers) s.stop();
    stopLoadGenerator();
  }
}
