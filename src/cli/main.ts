// The command line: `coinpool-sandbox start [--port N] [--seed N] [--no-strict] [--frozen] [--clock ISO]` and
// `coinpool-sandbox init-worker <public-dir>` (browser mode's service worker script).
import { startServer } from '../server/start.ts';
import { verifyCommand, proxyCommand } from '../contract-runner/cli.ts';
import { initWorkerCommand } from './init-worker.ts';
import { parseCorsOrigins } from '../server/cors.ts';
import { DEFAULT_SEED, DEFAULT_START, FIXTURE_PASSWORD, FIXTURE_PIN } from '../../fixtures/default-world.ts';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

async function start(args: string[]): Promise<void> {
  const port = Number(flag(args, '--port') ?? process.env.PORT ?? 4010);
  const seed = Number(flag(args, '--seed') ?? DEFAULT_SEED);
  const frozen = args.includes('--frozen');
  const clock = flag(args, '--clock') ?? (frozen ? DEFAULT_START : undefined);
  const quiet = args.includes('--quiet');
  const running = await startServer({
    port, seed, frozen, host: flag(args, '--host') ?? '127.0.0.1',
    start: clock ? new Date(clock) : undefined,
    strict: !args.includes('--no-strict'),
    // --cors-origin ORIGIN (repeatable or comma list): more origins that may call the control API cross-origin.
    corsOrigins: parseCorsOrigins(args.flatMap((a, i) => (a === '--cors-origin' ? [args[i + 1] ?? ''] : a.startsWith('--cors-origin=') ? [a.slice(14)] : []))),
    onRequest: quiet ? undefined : (e) => {
      const flagged = e.request_violations.length ? ` (${e.request_violations.length} request violation(s))`
        : e.response_violations.length ? ` (CONTRACT VIOLATION in response)` : '';
      console.log(`${e.at} ${e.method} ${e.path} → ${e.status} ${e.operation_id ?? '-'} ${e.duration_ms}ms${flagged}`);
    },
  });
  const { fixtures } = running.sandbox;
  console.log(`coinpool-sandbox listening on ${running.url}  (seed ${seed}, clock ${running.sandbox.world.nowIso()}${frozen ? ', frozen' : ''})`);
  console.log(`  API base URL: ${running.url}/api/v1    control API: ${running.url}/__sandbox    fixtures: ${running.url}/__sandbox/fixtures`);
  console.log(`  docs: ${running.url}/docs    dashboard: ${running.url}/__sandbox/ui    contract: ${running.url}/openapi.yaml`);
  console.log(`  Seeded users (password "${FIXTURE_PASSWORD}", PIN ${FIXTURE_PIN}):`);
  for (const u of fixtures.users) console.log(`    ${u.role.padEnd(12)} ${u.email.padEnd(26)} ${u.phone_number}  ${u.id}`);
  console.log(`  Seeded offers: ${fixtures.offers.map((o) => `${o.offer_type} ${o.asset} @ ${o.rate} (${o.id})`).join(', ')}`);
  console.log(`  Pricing lanes (profile + FX quote): ${fixtures.pricing_profiles.map((p) => p.key).join(', ')}`);
  console.log(`  Fiat currencies: ${(fixtures.fiat_currencies ?? []).map((c) => c.iso_code).join(', ')}`);
  const stop = () => { void running.close().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const [command = 'start', ...rest] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<void>> = { start, 'init-worker': initWorkerCommand, verify: verifyCommand, proxy: proxyCommand };
const run = commands[command];
if (!run) {
  console.error(`unknown command "${command}". Commands: ${Object.keys(commands).join(', ')}`);
  process.exit(2);
}
run(rest).catch((error) => { console.error(error); process.exit(1); });
