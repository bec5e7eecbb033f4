// webhook-check against two partner receivers (small node http servers): a correct one (checks the HMAC and a 5-minute
// tolerance, acknowledges duplicates) passes every case; a sloppy one (accepts anything) fails the bad-signature and
// stale-timestamp cases of every event type. The CLI writes JSON and JUnit like verify and exits 1 on any miss.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webhookCheck } from '../../src/contract-runner/webhook-check.ts';
import { webhookCheckCommand } from '../../src/cli/webhook-check.ts';
import { EVENT_TYPES, checkEnvelope, checkEventData } from '../../src/contracts/events.ts';

const SECRET = 'whsec_partner';

interface Receiver { url: string; bodies: string[]; server: Server }
async function receiver(handle: (headers: Record<string, string | string[] | undefined>, body: string, seen: Set<string>) => number): Promise<Receiver> {
  const bodies: string[] = [];
  const seen = new Set<string>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { bodies.push(body); res.writeHead(handle(req.headers, body, seen)).end(); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`, bodies, server };
}

/** What a partner should write: verify t and v1 against the raw body, refuse old timestamps, deduplicate by event id. */
const correct = (headers: Record<string, string | string[] | undefined>, body: string, seen: Set<string>) => {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(headers['coinpool-signature'] ?? ''));
  if (!m) return 400;
  const expected = createHmac('sha256', SECRET).update(`${m[1]}.${body}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(m[2], 'hex'))) return 401;
  if (Math.abs(Date.now() / 1000 - Number(m[1])) > 300) return 400;
  const id = JSON.parse(body).id as string;
  if (seen.has(id)) return 200; // already processed: acknowledge, do nothing
  seen.add(id);
  return 204;
};
const sloppy = () => 200;

let good: Receiver;
let bad: Receiver;
beforeAll(async () => { good = await receiver(correct); bad = await receiver(sloppy); });
afterAll(async () => {
  for (const r of [good, bad]) { r.server.closeAllConnections(); await new Promise((resolve) => r.server.close(resolve)); }
});

describe('webhook-check', () => {
  test('a correct receiver passes all four cases of every event type; the events sent are real and valid', async () => {
    const report = await webhookCheck({ url: good.url, secret: SECRET });
    expect(report.operations.map((o) => o.operation_id)).toEqual(EVENT_TYPES);
    expect(report.summary).toMatchObject({ operations: EVENT_TYPES.length, passed: EVENT_TYPES.length, failed: 0, checks: EVENT_TYPES.length * 4 });
    const first = report.operations[0].checks;
    expect(first.map((c) => [c.check, c.result])).toEqual([['valid', 'passed'], ['duplicate', 'passed'], ['bad-signature', 'passed'], ['stale-timestamp', 'passed']]);
    expect(first.map((c) => c.status)).toEqual([204, 200, 401, 400]);
    for (const body of good.bodies) {
      const event = JSON.parse(body);
      expect(checkEnvelope(event)).toEqual([]);
      expect(checkEventData(event.type, event.data)).toEqual([]);
    }
    // Four deliveries of the same event per type.
    expect(new Set(good.bodies).size).toBe(EVENT_TYPES.length);
  }, 60_000); // the first sandbox of this process compiles the whole contract: slow on a loaded machine

  test('a sloppy receiver that accepts anything fails the bad-signature and stale-timestamp cases', async () => {
    const report = await webhookCheck({ url: bad.url, secret: SECRET, types: ['order.status_changed'] });
    expect(report.summary).toMatchObject({ operations: 1, passed: 0, failed: 1 });
    const checks = report.operations[0].checks;
    expect(checks.filter((c) => c.result === 'failed').map((c) => c.check)).toEqual(['bad-signature', 'stale-timestamp']);
    expect(checks[2].reason).toMatch(/answered 200; it should answer 4xx/);
  });

  test('the CLI writes JSON and JUnit and exits 1 on a miss, 0 when all pass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whc-'));
    const previous = process.exitCode;
    try {
      await webhookCheckCommand(['--url', bad.url, '--secret', SECRET, '--quiet', '--report-json', join(dir, 'r.json'), '--junit', join(dir, 'r.xml')]);
      expect(process.exitCode).toBe(1);
      const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
      expect(json.summary.failed).toBe(EVENT_TYPES.length);
      const xml = readFileSync(join(dir, 'r.xml'), 'utf8');
      expect(xml).toContain('<testsuites name="coinpool-sandbox webhook-check"');
      expect(xml.match(/<failure /g)?.length).toBe(EVENT_TYPES.length * 2);
      await webhookCheckCommand(['--url', good.url, '--secret', SECRET, '--quiet']);
      expect(process.exitCode).toBe(0);
    } finally {
      process.exitCode = previous;
    }
  });
});
