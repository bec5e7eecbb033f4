// POST /__sandbox/events/trigger runs the real flow behind each event type: the event is emitted with real objects
// (the order it names exists with that status), delivered to a registered webhook endpoint, valid against
// contracts/events; a bad type or status is a 400 and writes nothing.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { triggerCommand } from '../../src/cli/trigger.ts';
import { useServer } from '../support/server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { EVENT_TYPES, checkEventData, checkEnvelope } from '../../src/contracts/events.ts';

const ctx = useServer();
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  const r = await ctx.api.call('POST', '/__sandbox/webhooks', { body: { url: `${receiver.base}/hooks`, secret: 'whsec_trigger' } });
  expect(r.status).toBe(201);
});
afterAll(() => receiver.close());
const trigger = (body: object) => ctx.api.call('POST', '/__sandbox/events/trigger', { body });

describe('events on demand', () => {
  test.each(EVENT_TYPES)('%s: the real flow emits it with consistent objects, valid against contracts/events', async (type) => {
    const r = await trigger({ type });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const events = r.body.events.filter((e: any) => e.type === type);
    expect(events.length).toBeGreaterThan(0);
    for (const e of r.body.events) expect(checkEventData(e.type, e.data)).toEqual([]);
    await ctx.server.sandbox.settle();
    const delivered = receiver.received.map((h) => JSON.parse(h.body)).filter((e) => e.type === type);
    expect(delivered.length).toBeGreaterThan(0);
    for (const e of delivered) expect(checkEnvelope(e)).toEqual([]);
  });

  test('order.status_changed to completed: the order it names is completed and the customer was paid', async () => {
    const r = await trigger({ type: 'order.status_changed', to: 'completed' });
    expect(r.status).toBe(201);
    const last = r.body.events.filter((e: any) => e.type === 'order.status_changed').at(-1);
    expect(last.data).toMatchObject({ status: 'completed', order_id: r.body.objects.order.id });
    expect(r.body.objects.payment).toMatchObject({ status: 'succeeded', result_code: 0 });
    const token = await ctx.api.login('alice@coinpool.test');
    const order = await ctx.api.call('GET', `/api/v1/auth/order/id/${r.body.objects.order.id}/details`, { token });
    expect(order.body.status).toBe('completed');
  });

  test.each([['order.status_changed', 'cancelled'], ['order.status_changed', 'crypto_received'], ['order.status_changed', 'failed'],
    ['payment.status_changed', 'failed'], ['payout.status_changed', 'failed']])('%s to %s', async (type, to) => {
    const r = await trigger({ type, to });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.events.filter((e: any) => e.type === type).map((e: any) => e.data.status)).toContain(to);
  });

  test('an unknown type or a status the flow cannot reach is a 400 naming the field; nothing is written', async () => {
    await ctx.server.sandbox.settle();
    const version = ctx.server.sandbox.world.journal.version;
    const bad = await trigger({ type: 'order.exploded' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].pointer).toBe('/type');
    const badTo = await trigger({ type: 'order.status_changed', to: 'teleported' });
    expect(badTo.status).toBe(400);
    expect(badTo.body.details[0]).toMatchObject({ pointer: '/to' });
    expect(badTo.body.error).toContain('completed');
    expect(ctx.server.sandbox.world.journal.version).toBe(version);
  });

  test('coinpool-sandbox trigger TYPE --to STATUS --url BASE prints the events and objects; a bad type exits 1', async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => { lines.push(line); });
    const err = vi.spyOn(console, 'error').mockImplementation((line: string) => { lines.push(line); });
    const previous = process.exitCode;
    try {
      await triggerCommand(['payout.status_changed', '--to', 'failed', '--url', ctx.server.url]);
      expect(process.exitCode ?? 0).toBe(0);
      expect(lines[0]).toMatch(/^triggered payout.status_changed \(failed\): \d+ event\(s\)/);
      expect(lines.some((l) => /payout.status_changed {2}→ failed/.test(l))).toBe(true);
      expect(lines.some((l) => /^ {2}payout: [0-9a-f-]{36} \(failed\)/.test(l))).toBe(true);
      lines.length = 0;
      await triggerCommand(['order.nothing', '--url', ctx.server.url]);
      expect(process.exitCode).toBe(1);
      expect(lines.join('\n')).toMatch(/triggerEvent answered 400/);
    } finally {
      process.exitCode = previous;
      log.mockRestore();
      err.mockRestore();
    }
  });
});
