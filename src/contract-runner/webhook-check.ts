// `coinpool-sandbox webhook-check --url URL --secret S`: tests a partner's webhook receiver the way the sandbox (and
// CoinPool) will call it. For every event type of contracts/events it sends one signed event, then the same event
// again (a duplicate delivery: the receiver must accept it, and should not act twice), then the event with a bad
// signature and with a timestamp outside the tolerance (both must be refused with a 4xx). The events are real: an
// in-process sandbox runs the flow behind each type (POST /__sandbox/events/trigger), so the receiver sees the objects
// production would send. The report is verify's (src/contract-runner/report.ts): a table, JSON and JUnit.
import { Sandbox } from '../sandbox.ts';
import { signPayload, webhookHeaders } from '../simulation/webhooks.ts';
import { EVENT_TYPES, checkEnvelope, checkEventData } from '../contracts/events.ts';
import { describeDetails } from '../contracts/validation.ts';
import type { CheckKind, CheckResult, OperationReport, VerifyReport } from './report.ts';

export interface WebhookCheckOptions {
  url: string;
  secret: string;
  /** How old the stale case's timestamp is (default one hour: outside any reasonable tolerance; Stripe's is 5 minutes). */
  staleSeconds?: number;
  timeoutMs?: number;
  /** Event types to send (default: every type of contracts/events). */
  types?: string[];
  fetchImpl?: typeof fetch;
}

interface Envelope { id: string; type: string; created_at: string; data: Record<string, unknown> }

/** One real event of each type, produced by running its flow in a private sandbox. */
async function realEvents(types: string[]): Promise<Envelope[]> {
  const sandbox = new Sandbox({ frozen: true });
  const out: Envelope[] = [];
  for (const type of types) {
    const res = await sandbox.handle(new Request('http://sandbox.local/__sandbox/events/trigger', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type }) }));
    const body = await res.json() as { events?: { type: string; data: Record<string, unknown>; at: string }[]; error?: string };
    if (res.status !== 201) throw new Error(`could not produce a ${type} event: ${body.error}`);
    const event = body.events!.filter((e) => e.type === type).at(-1)!;
    const envelope = { id: `evt_${sandbox.world.random.uuid()}`, type, created_at: event.at, data: event.data };
    const problems = [...checkEnvelope(envelope), ...checkEventData(type, event.data)];
    if (problems.length) throw new Error(`sandbox bug: the ${type} event violates contracts/events: ${describeDetails(problems)}`);
    out.push(envelope);
  }
  return out;
}

/** What each case must get back: 2xx for a genuine event (first or repeated), 4xx for a forged or replayed one. */
const EXPECT: Record<string, { range: [number, number]; says: string }> = {
  valid: { range: [200, 299], says: '2xx' },
  duplicate: { range: [200, 299], says: '2xx (a duplicate delivery is acknowledged, and must not be acted on twice)' },
  'bad-signature': { range: [400, 499], says: '4xx (the signature does not match the body)' },
  'stale-timestamp': { range: [400, 499], says: '4xx (the signed timestamp is outside the tolerance: a replay)' },
};

export async function webhookCheck(options: WebhookCheckOptions): Promise<VerifyReport> {
  const started = Date.now();
  const send = options.fetchImpl ?? fetch;
  const types = options.types ?? EVENT_TYPES;
  const events = await realEvents(types);
  const now = () => Math.floor(Date.now() / 1000);
  const operations: OperationReport[] = [];
  for (const event of events) {
    const body = JSON.stringify(event);
    const deliveryId = `whc_${event.id.slice(4)}`;
    const cases: [CheckKind, () => string][] = [
      ['valid', () => signPayload(options.secret, now(), body)],
      ['duplicate', () => signPayload(options.secret, now(), body)],
      ['bad-signature', () => signPayload(`${options.secret}-wrong`, now(), body)],
      ['stale-timestamp', () => { const t = now() - (options.staleSeconds ?? 3600); return signPayload(options.secret, t, body); }],
    ];
    const checks: CheckResult[] = [];
    for (const [kind, sign] of cases) {
      const t0 = Date.now();
      let status: number | null = null;
      let error = '';
      try {
        const res = await send(options.url, { method: 'POST', headers: webhookHeaders(sign(), event.type, deliveryId), body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
        status = res.status;
        await res.arrayBuffer().catch(() => undefined);
      } catch (e) {
        error = (e as Error).message;
      }
      const want = EXPECT[kind];
      const ok = status !== null && status >= want.range[0] && status <= want.range[1];
      checks.push({
        operation_id: event.type, check: kind, caller: null, method: 'POST', url: options.url, status,
        result: ok ? 'passed' : 'failed',
        reason: ok ? '' : `the receiver answered ${status ?? `nothing (${error})`}; it should answer ${want.says}`,
        violations: [], duration_ms: Date.now() - t0,
      });
    }
    const failed = checks.filter((c) => c.result === 'failed');
    operations.push({ operation_id: event.type, method: 'POST', path: options.url, result: failed.length ? 'failed' : 'passed',
      reason: failed.map((c) => `${c.check}: ${c.reason}`).join('; '), checks });
  }
  const checks = operations.flatMap((o) => o.checks);
  return {
    target: options.url,
    started_at: new Date(started).toISOString(),
    duration_ms: Date.now() - started,
    sessions: [],
    summary: {
      operations: operations.length,
      passed: operations.filter((o) => o.result === 'passed').length,
      failed: operations.filter((o) => o.result === 'failed').length,
      skipped: 0,
      checks: checks.length,
      violations: checks.filter((c) => c.result === 'failed').length,
    },
    operations,
  };
}
