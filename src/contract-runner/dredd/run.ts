// `npm run contract:dredd`: dredd 14.1.0 against a sandbox this process starts.
//  1. verify (its generic, example-driven pass only) plays the contract against a scratch sandbox, to learn which
//     operations have a success path one example-built transaction reaches (and which success status each answers);
//     the reason is passed on for the others;
//  2. a fresh sandbox (same seed) is started, the dredd view of the contract and the plan are written to a temp dir;
//  3. dredd runs with contract-tests/dredd/hooks.cjs; its exit code is ours.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { startServer, type RunningServer } from '../../server/start.ts';
import { operationHandlers } from '../../http/operations/index.ts';
import { DEFAULT_START } from '../../../fixtures/default-world.ts';
import { loadContract } from '../contract.ts';
import { verify } from '../verify.ts';
import type { VerifyReport } from '../report.ts';
import { dreddView } from './view.ts';
import type { DreddPlan } from './chain.ts';

const HOOKS = resolve('contract-tests/dredd/hooks.cjs');
/** Drops winston 2.4's harmless padLevels circular-require warning from dredd's output (see the file). */
const QUIET = resolve('contract-tests/dredd/quiet-winston.cjs');
const SANDBOX = { start: new Date(DEFAULT_START), frozen: true };

export interface DreddOptions {
  /** The server dredd tests (default: a fresh sandbox started here). */
  target?: RunningServer;
  /** Extra dredd arguments. */
  args?: string[];
  /** Copy dredd's output to this process's stdout as it comes (the CLI does; tests read `output`). */
  echo?: boolean;
  /** A verify report of a fresh sandbox from an earlier run, instead of playing one again. */
  report?: VerifyReport;
}

export async function runDredd(options: DreddOptions = {}): Promise<{ code: number; output: string; report: VerifyReport }> {
  const contract = loadContract();
  const report = options.report ?? await scratchReport();
  const unreached: Record<string, string> = {};
  const observed: Record<string, number> = {};
  for (const op of report.operations) {
    if (op.result !== 'passed') unreached[op.operation_id] = op.reason;
    const flow = op.checks.find((c) => (c.check === 'flow' || c.check === 'login') && c.result === 'passed');
    if (flow?.status) observed[op.operation_id] = flow.status;
  }
  const server = options.target ?? await startServer(SANDBOX);
  const dir = mkdtempSync(join(tmpdir(), 'coinpool-dredd-'));
  try {
    const plan: DreddPlan = { baseUrl: server.url, implemented: Object.keys(operationHandlers), unreached };
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
    writeFileSync(join(dir, 'openapi.dredd.json'), JSON.stringify(dreddView(contract, observed), null, 1));
    const dredd = join(createRequire(import.meta.url).resolve('dredd/package.json'), '..', 'bin', 'dredd');
    const args = ['--require', QUIET, dredd, join(dir, 'openapi.dredd.json'), server.url, `--hookfiles=${HOOKS}`, '--language=nodejs', '--loglevel=warning',
      ...(options.echo && process.stdout.isTTY ? [] : ['--no-color']), ...(options.args ?? [])];
    // Asynchronously: the sandbox dredd talks to lives in this process.
    return await new Promise((done) => {
      const child = spawn(process.execPath, args, { env: { ...process.env, COINPOOL_DREDD_PLAN: join(dir, 'plan.json')} });
      let output = '';
      const take = (chunk: Buffer) => { output += chunk.toString(); if (options.echo) process.stdout.write(chunk); };
      child.stdout.on('data', take);
      child.stderr.on('data', take);
      child.on('close', (code) => done({ code: code ?? 1, output, report }));
    });
  } finally {
    if (!options.target) await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function scratchReport(): Promise<VerifyReport> {
  const scratch = await startServer(SANDBOX);
  // Without the domain flows: dredd builds each transaction from the documented example and earlier ids alone (one
  // transaction per operation, in document order), which is what verify's generic pass does; what only a domain flow
  // reaches is skipped in dredd with the generic pass's reason.
  return verify({ baseUrl: scratch.url, flows: false }).finally(() => scratch.close());
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname ?? '', 'run.ts')) {
  runDredd({ echo: true, args: process.argv.slice(2) }).then(({ code }) => process.exit(code), (error) => { console.error(error); process.exit(1); });
}
