// `npm run bench`: requests/s and latency of the sandbox beside a bare express JSON route, measured in the same
// run at 32 connections. Prints figures and ratios; never fails (timing claims are not tests).
import autocannon from 'autocannon';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { startServer } from '../src/server/start.ts';
import { FIXTURE_PASSWORD } from '../fixtures/default-world.ts';
import { printStartTimes } from './start-time.ts';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 32;

interface Figures { name: string; rps: number; p50: number; p99: number; errors: number; non2xx: number }

async function measure(name: string, opts: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...opts });
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

async function main(): Promise<void> {
  await printStartTimes(); if (process.argv.includes('--start')) return;
  // The bare route: express 5 answering a small JSON object, the ceiling of any express host on this machine.
  const bare = express();
  bare.get('/bare', (_req, res) => { res.json({ id: '3c90c3cc-0d44-4b50-8888-8dd25736052a', ok: true }); });
  const bareServer = bare.listen(0, '127.0.0.1');
  await new Promise((r) => bareServer.once('listening', r));
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}`;

  const sandbox = await startServer({ port: 0 });
  const alice = sandbox.sandbox.fixtures.users.find((u) => u.email === 'alice@coinpool.test')!;
  const login = await fetch(`${sandbox.url}/api/v1/users/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: alice.email, password: FIXTURE_PASSWORD }),
  });
  const { access_token } = (await login.json()) as { access_token: string };
  // The token must outlive the run: the sandbox clock is frozen for the benchmark.
  sandbox.sandbox.world.clock.freeze();

  const rows: Figures[] = [];
  rows.push(await measure('bare express GET /bare', { url: `${bareUrl}/bare` }));
  rows.push(await measure('GET /api/v1/auth/wallet/id/{id}', {
    url: `${sandbox.url}/api/v1/auth/wallet/id/${alice.wallets[0].id}`, headers: { authorization: `Bearer ${access_token}` },
  }));
  rows.push(await measure('POST /api/v1/users/login', {
    url: `${sandbox.url}/api/v1/users/login`, method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: alice.email, password: FIXTURE_PASSWORD }),
  }));
  bareServer.close();
  await sandbox.close();

  const base = rows[0];
  console.log(`\n${CONNECTIONS} connections, ${DURATION_S} s each, load generator on the same machine\n`);
  console.log('route'.padEnd(36), 'req/s'.padStart(9), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'rps vs bare'.padStart(12), 'p99 vs bare'.padStart(12), 'errors'.padStart(7));
  for (const r of rows) {
    console.log(r.name.padEnd(36), r.rps.toFixed(0).padStart(9), String(r.p50).padStart(8), String(r.p99).padStart(8),
      `${((r.rps / base.rps) * 100).toFixed(0)}%`.padStart(12), `${(r.p99 / Math.max(base.p99, 1)).toFixed(2)}x`.padStart(12), String(r.errors + r.non2xx).padStart(7));
  }
  console.log('\ntargets: the wallet GET at >= 50% of the bare route\'s req/s and p99 <= 2x the bare p99');
}

main().catch((e) => { console.error(e); process.exit(1); });
