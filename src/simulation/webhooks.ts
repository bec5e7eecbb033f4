// Partner webhooks: endpoints registered through the control API receive every matching domain event as a signed
// JSON POST, retried with backoff on the sandbox clock when the receiver fails (5 attempts in all). Every attempt
// is kept for GET /__sandbox/webhooks/deliveries.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { World, DomainEvent } from '../kernel/world.ts';
import { postWebhook } from './webhook-post.ts';

export const MAX_ATTEMPTS = 5;
/** Seconds to wait before attempt 2, 3, 4 and 5. */
export const RETRY_DELAYS_S = [10, 30, 90, 270];
export const SIGNATURE_HEADER = 'coinpool-signature';

export interface WebhookEndpointRow { id: string; url: string; secret: string; events: string[]; created_at: string }
export interface DeliveryAttempt { at: string; status: number | null; error: string | null; duration_ms: number }
export interface WebhookDeliveryRow {
  id: string;
  endpoint_id: string;
  url: string;
  event_id: string;
  event_type: string;
  body: string;
  status: 'pending' | 'delivering' | 'delivered' | 'failed';
  attempts: DeliveryAttempt[];
  next_attempt_at: string | null;
  created_at: string;
}

export const webhookEndpoints = (w: World) => w.table<WebhookEndpointRow>('webhook_endpoints');
export const webhookDeliveries = (w: World) => w.table<WebhookDeliveryRow>('webhook_deliveries');

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, as Stripe-style receivers expect. */
export function signPayload(secret: string, timestamp: number, body: string): string {
  const mac = hmac(sha256, new TextEncoder().encode(secret), new TextEncoder().encode(`${timestamp}.${body}`));
  return `t=${timestamp},v1=${bytesToHex(mac)}`;
}

/** The headers of one webhook POST (also what `coinpool-sandbox webhook-check` sends a partner's receiver). */
export function webhookHeaders(signature: string, eventType: string, deliveryId: string): Record<string, string> {
  return { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature, 'coinpool-event': eventType, 'coinpool-delivery': deliveryId };
}

/** For receivers (and tests): checks a signature header against the raw body. */
export function verifySignature(secret: string, header: string, body: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=') as [string, string]));
  const t = Number(parts.t);
  return Number.isFinite(t) && signPayload(secret, t, body) === header;
}

export function registerEndpoint(world: World, input: { url: string; secret: string; events?: string[] }): WebhookEndpointRow {
  return webhookEndpoints(world).insert({
    id: world.random.uuid(), url: input.url, secret: input.secret, events: input.events?.length ? input.events : ['*'],
    created_at: world.nowIso(),
  });
}

const wants = (endpoint: WebhookEndpointRow, type: string) =>
  endpoint.events.some((e) => e === '*' || e === type || (e.endsWith('.*') && type.startsWith(e.slice(0, -1))));

export function installWebhooks(world: World, fetchImpl: () => typeof fetch = () => globalThis.fetch): void {
  world.onEvent((event: DomainEvent) => {
    for (const endpoint of webhookEndpoints(world).filter((e) => wants(e, event.type))) {
      const envelope = { id: `evt_${world.random.uuid()}`, type: event.type, created_at: event.at, data: event.data };
      const delivery = webhookDeliveries(world).insert({
        id: world.random.uuid(), endpoint_id: endpoint.id, url: endpoint.url, event_id: envelope.id, event_type: event.type,
        body: JSON.stringify(envelope), status: 'pending', attempts: [], next_attempt_at: world.nowIso(), created_at: world.nowIso(),
      });
      world.scheduler.schedule('webhook.attempt', world.clock.nowMs(), { delivery_id: delivery.id });
    }
  });

  world.scheduler.define('webhook.attempt', (payload) => {
    const delivery = webhookDeliveries(world).get(payload.delivery_id as string);
    const endpoint = delivery && webhookEndpoints(world).get(delivery.endpoint_id);
    if (!delivery || !endpoint || delivery.status === 'delivered' || delivery.status === 'failed') return;
    webhookDeliveries(world).update(delivery.id, { status: 'delivering', next_attempt_at: null });
    const sentAt = world.clock.nowMs();
    const timestamp = Math.floor(sentAt / 1000);
    world.scheduler.spawn('webhook.attempt', async () => {
      const started = Date.now();
      const { status, error } = await postWebhook(fetchImpl(), delivery.url,
        webhookHeaders(signPayload(endpoint.secret, timestamp, delivery.body), delivery.event_type, delivery.id), delivery.body);
      world.transaction(() => recordAttempt(world, delivery.id, sentAt, { at: world.clock.iso(sentAt), status, error, duration_ms: Date.now() - started }));
      // After a clock jump the retry may already be due: play it now, as the time had passed.
      world.scheduler.runDue();
    });
  });
}

/** Retries are timed from the attempt they follow (its sandbox time), not from when its answer came back. */
function recordAttempt(world: World, deliveryId: string, sentAt: number, attempt: DeliveryAttempt): void {
  const d = webhookDeliveries(world).get(deliveryId);
  if (!d) return;
  const attempts = [...d.attempts, attempt];
  const okStatus = attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
  if (okStatus) {
    webhookDeliveries(world).update(d.id, { attempts, status: 'delivered', next_attempt_at: null });
  } else if (attempts.length >= MAX_ATTEMPTS) {
    webhookDeliveries(world).update(d.id, { attempts, status: 'failed', next_attempt_at: null });
  } else {
    const due = sentAt + RETRY_DELAYS_S[attempts.length - 1] * 1000;
    webhookDeliveries(world).update(d.id, { attempts, status: 'pending', next_attempt_at: world.clock.iso(due) });
    world.scheduler.schedule('webhook.attempt', due, { delivery_id: d.id });
  }
}
