// `coinpool-sandbox start`: serves the sandbox on a port, prints where everything is and who is seeded, and closes the
// server on SIGINT/SIGTERM (npm forwards both to this process), so nothing is left listening.
import { startServer } from '../server/start.ts';
import { DEFAULT_START, FIXTURE_PASSWORD, FIXTURE_PIN } from '../../fixtures/default-world.ts';
import { UsageError, type OptionValues } from './option-table.ts';
import { closeOnSignals } from '../server/signals.ts';
import { parseLatency } from '../http/latency.ts';
import { worldFlags } from './world-flags.ts';
import { parseCorsOrigins } from '../server/cors.ts';
import { formatLogLine } from '../http/request-log.ts';
import { bufferedLines } from '../server/log-lines.ts';

/** --latency's mistakes are the caller's: one `error:` line, exit code 2. */
function latencyOption(text: string) {
  try { return parseLatency(text); } catch (e) { throw new UsageError((e as Error).message); }
}

export async function startCommand(o: OptionValues): Promise<void> {
  const frozen = o.frozen === true;
  const clock = (o.clock as string | undefined) ?? (frozen ? DEFAULT_START : undefined);
  const seed = o.seed as number;
  const logLine = bufferedLines();
  let worlds: ReturnType<typeof worldFlags>;
  try { worlds = worldFlags((flag) => { const v = o[flag.slice(2)]; return v === undefined ? undefined : String(v); }); }
  catch (e) { throw new UsageError((e as Error).message); }
  const running = await startServer({
    ...worlds,
    port: o.port as number, host: o.host as string, seed, frozen,
    start: clock ? new Date(clock) : undefined,
    strict: o.strict !== false,
    corsOrigins: parseCorsOrigins((o['cors-origin'] as string[] | undefined) ?? []),
    latency: typeof o.latency === 'string' ? latencyOption(o.latency) : undefined,
    onRequest: o.quiet === true ? undefined : (e) => logLine(formatLogLine(e)),
  });
  closeOnSignals(() => { logLine.flush(); return running.close(); });
  const { fixtures } = running.sandbox;
  console.log(`coinpool-sandbox listening on ${running.url}  (seed ${seed}, clock ${running.sandbox.world.nowIso()}${frozen ? ', frozen' : ''})`);
  console.log(`  API base URL: ${running.url}/api/v1    control API: ${running.url}/__sandbox    fixtures: ${running.url}/__sandbox/fixtures`);
  console.log(`  docs: ${running.url}/docs    dashboard: ${running.url}/__sandbox/ui    contract: ${running.url}/openapi.yaml`);
  console.log(running.state ? `  state: ${running.state.path} (${running.state.loaded ? `loaded ${running.sandbox.worlds.size + 1} world(s)` : 'new file'}; saved within a second of each change)`
    : '  state: in memory only (--state FILE keeps it across restarts)');
  console.log(`  Seeded users (password "${FIXTURE_PASSWORD}", PIN ${FIXTURE_PIN}):`);
  for (const u of fixtures.users) console.log(`    ${u.role.padEnd(12)} ${u.email.padEnd(26)} ${u.phone_number}  ${u.id}`);
  console.log(`  Seeded offers: ${fixtures.offers.map((x) => `${x.offer_type} ${x.asset} @ ${x.rate} (${x.id})`).join(', ')}`);
  console.log(`  Pricing lanes (profile + FX quote): ${fixtures.pricing_profiles.map((p) => p.key).join(', ')}`);
  console.log(`  Fiat currencies: ${(fixtures.fiat_currencies ?? []).map((c) => c.iso_code).join(', ')}`);
}
