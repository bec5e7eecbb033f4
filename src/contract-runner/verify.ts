// `coinpool-sandbox verify`: plays the contract against any server that claims to be the CoinPool API, in phases
// that hand each other plain data (this file only runs them in order):
//   1. plan (verify-plan.ts): which operations, negative checks, flows and generic candidates the run covers;
//   2. sessions (session-setup.ts): users from flags/config, the sandbox's published fixtures (when the target has
//      them), and users verify registers or provisions itself, each logged in (the auth operations are checked);
//   3. negative checks (negative-checks.ts): no token → 401, an invalid body → 400;
//   4. domain flows (flow-pass.ts, flows/*.ts): offers → orders → STK/wallet payments, OTC deposits, negotiated FX,
//      withdrawals, multisig wallets and transfers, pricing: the business rules between calls;
//   5. generic pass (generic-pass.ts): every operation no flow owns, creators first and destroyers last, in passes;
//      then the invalid-body checks that waited for an object the flows created;
//   6. report (build-report.ts), from the plan and the checks alone.
// Every response is checked (status, headers, body: all errors); any violation fails the run.
import { loadContract } from './contract.ts';
import { createTransport } from './transport.ts';
import { Pool } from './pool.ts';
import { Sessions, type Credential } from './sessions.ts';
import { FreshValues } from './planner.ts';
import type { CheckResult, VerifyReport } from './report.ts';
import { ownWorld, type OwnWorldOptions } from './own-world.ts';
import { planVerify } from './verify-plan.ts';
import { openSessions } from './session-setup.ts';
import { runDeferredInvalidBodyChecks, runNegativeChecks } from './negative-checks.ts';
import { runFlows } from './flow-pass.ts';
import { runGenericPass } from './generic-pass.ts';
import { buildReport } from './build-report.ts';
import type { VerifyEnv } from './verify-env.ts';

export { planVerify, type VerifyPlan } from './verify-plan.ts';

export interface VerifyOptions extends Omit<OwnWorldOptions, 'baseUrl'> {
  baseUrl: string;
  credentials?: Credential[];
  /** Read users from GET /__sandbox/fixtures when the target publishes them (default true). */
  fixtures?: boolean;
  /** Register a fresh user through registerUser (default true). */
  register?: boolean;
  /** Extra headers on every request (an API gateway key for a staging server). */
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Only these operationIds (default: every operation of the contract). */
  only?: string[];
  fetch?: typeof fetch;
  /** Play the domain flows before the generic pass (default true). */
  flows?: boolean;
  onCheck?: (check: CheckResult) => void;
}

/** Against a sandbox, in a world of its own (own-world.ts): the default world is left as it was. */
export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  // Compiled first: compiling blocks the event loop for seconds, long enough for the server to close the kept-alive
  // socket of the world's creation unnoticed, and the next request on it would fail.
  loadContract();
  const world = await ownWorld(options);
  try { return await verifyAt({ ...options, baseUrl: world.baseUrl }); } finally { await world.release(); }
}

async function verifyAt(options: VerifyOptions): Promise<VerifyReport> {
  const started = Date.now();
  const contract = loadContract();
  const plan = planVerify(contract, options);
  const sessions = new Sessions();
  const env: VerifyEnv = {
    contract,
    transport: createTransport(options.baseUrl, { headers: options.headers, timeoutMs: options.timeoutMs, fetch: options.fetch }),
    learnt: { contract, pool: new Pool(), sessions, fresh: new FreshValues(crypto.randomUUID().replace(/-/g, '').slice(0, 8)) },
    observe: options.onCheck,
  };
  const setup = await openSessions(env, plan, options.credentials);
  const negative = await runNegativeChecks(env, plan);
  const flows = await runFlows(env, plan, setup.sandbox);
  const generic = await runGenericPass(env, plan, { owned: flows.owned, provisioned: setup.provisioned.length > 0 });
  const late = await runDeferredInvalidBodyChecks(env, negative.deferred);
  return buildReport(plan, {
    target: env.transport.baseUrl,
    started,
    finished: Date.now(),
    sessions: sessions.all.map((s) => ({ name: s.name, role: s.role, email: s.email, source: s.source })),
    checks: [...setup.checks, ...negative.checks, ...flows.checks, ...generic, ...late],
  });
}
