// Webhook receivers the sandbox cannot trust (issue 17): a 3xx is a failed attempt, retried like any failure, and its
// Location is never visited; a receiver answering an endless body costs the sandbox 64 KiB, not its memory.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { advance } from '../support/seeded.ts';
import { postWebhook, WEBHOOK_MAX_RESPONSE_BYTES } from '../../src/simulation/webhook-post.ts';

const ctx = useServer({ strict: true });
let server: Server;
let base = '';
const hits: string[] = [];
/** Bytes the endless receiver managed to hand to its socket before the sandbox hung up. */
let endlessWritten = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits.push(`${req.method} ${req.url}`);
      if (req.url === '/moved') { res.writeHead(302, { location: `${base}/elsewhere` }).end(); return; }
      if (req.url === '/endless') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 120);
        const pump = () => {
          while (!res.destroyed && endlessWritten < 200 * 1024 * 1024) {
            endlessWritten += chunk.length;
            if (!res.write(chunk)) { res.once('drain', pump); return; }
          }
          if (!res.destroyed) res.end();
        };
        pump();
        return;
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function deliveryTo(path: string, settled: (d: any) => boolean) {
  for (let i = 0; i < 500; i++) {
    await ctx.server.sandbox.settle();
    const d = (await ctx.api.call('GET', '/__sandbox/webhooks/deliveries')).body.find((x: any) => x.url === `${base}${path}`);
    if (d && settled(d)) return d;
    await sleep(10);
  }
  throw new Error(`no settled delivery to ${path}`);
}

/** Any event: a faucet credit does not emit one, so register and send a test order event through the product API. */
async function someEvent() {
  const login = await ctx.api.call('POST', '/api/v1/users/login', { body: { email: 'alice@coinpool.test', password: 'sandbox-password' } });
  const fx = (await ctx.api.call('GET', '/__sandbox/fixtures')).body;
  const alice = fx.users.find((u: any) => u.email === 'alice@coinpool.test');
  const offer = fx.offers.find((o: any) => o.offer_type === 'SELL' && o.asset === 'USDT');
  const r = await ctx.api.call('POST', '/api/v1/auth/orders', { token: login.body.access_token, body: {
    customer_id: alice.id, vendor_id: offer.vendor_id, offer_id: offer.id, crypto_amount: String(offer.min_order),
    fiat_amount: (Number(offer.min_order) * Number(offer.rate)).toFixed(2), fiat_currency: 'KES',
    wallet_address: alice.wallets.find((w: any) => w.network === 'tron').address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY' } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

describe('webhook receivers', () => {
  test('a 302 is a failed attempt, retried, and its Location is never visited', async () => {
    const reg = await ctx.api.call('POST', '/__sandbox/webhooks', { body: { url: `${base}/moved`, secret: 'whsec_redirect_1', events: ['*'] } });
    expect(reg.status).toBe(201);
    await someEvent();
    const first = await deliveryTo('/moved', (d) => d.attempts.length >= 1 && d.status === 'pending');
    expect(first.attempts[0]).toMatchObject({ status: 302 });
    expect(first.attempts[0].error).toMatch(/redirect not followed \(Location: http:\/\/127\.0\.0\.1:\d+\/elsewhere\)/);
    expect(first.next_attempt_at).not.toBeNull();
    await advance(ctx.api, 10);
    const second = await deliveryTo('/moved', (d) => d.attempts.length >= 2);
    expect(second.attempts.map((a: any) => a.status)).toEqual([302, 302]);
    expect(second.status).not.toBe('delivered');
    expect(hits.filter((h) => h.includes('/elsewhere'))).toEqual([]);
    expect(hits.filter((h) => h === 'POST /moved').length).toBeGreaterThanOrEqual(2);
    await ctx.api.call('DELETE', `/__sandbox/webhooks/${reg.body.id}`);
  });

  test('an endless 200 answer: delivered, and only a bounded part of it was read', async () => {
    const reg = await ctx.api.call('POST', '/__sandbox/webhooks', { body: { url: `${base}/endless`, secret: 'whsec_endless_1', events: ['*'] } });
    await someEvent();
    const d = await deliveryTo('/endless', (x) => x.status === 'delivered' || x.attempts.length > 0);
    expect(d.status).toBe('delivered');
    expect(d.attempts[0]).toMatchObject({ status: 200, error: null });
    await sleep(50);
    // Socket buffers let the receiver get a few MB out before it sees the hang-up; far from the 200 MB it offers.
    expect(endlessWritten).toBeLessThan(32 * 1024 * 1024);
    await ctx.api.call('DELETE', `/__sandbox/webhooks/${reg.body.id}`);
  });

  test('postWebhook reads at most 64 KiB of an answer', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) { pulled += 16 * 1024; controller.enqueue(new Uint8Array(16 * 1024)); },
    });
    const fake = (async () => new Response(body, { status: 200 })) as unknown as typeof fetch;
    const outcome = await postWebhook(fake, 'http://receiver.test/x', {}, '{}');
    expect(outcome).toEqual({ status: 200, error: null });
    expect(pulled).toBeGreaterThanOrEqual(WEBHOOK_MAX_RESPONSE_BYTES);
    expect(pulled).toBeLessThanOrEqual(WEBHOOK_MAX_RESPONSE_BYTES + 3 * 16 * 1024);
  });

  test('postWebhook gives up when the answer does not finish in time', async () => {
    const fake = (async (_url: string, init: RequestInit) => new Response(new ReadableStream({
      start(controller) { init.signal!.addEventListener('abort', () => controller.error(init.signal!.reason)); },
    }), { status: 200 })) as unknown as typeof fetch;
    const hanging = (async (_url: string, init: RequestInit) => new Promise<Response>((_resolve, reject) => {
      init.signal!.addEventListener('abort', () => reject(init.signal!.reason));
    })) as unknown as typeof fetch;
    const slowHeaders = await postWebhook(hanging, 'http://receiver.test/x', {}, '{}', 50);
    expect(slowHeaders.status).toBeNull();
    expect(slowHeaders.error).toMatch(/timeout|aborted/i);
    // Headers in time, body never finishing: the status stands, the read stops at the timeout.
    const slowBody = await postWebhook(fake, 'http://receiver.test/x', {}, '{}', 50);
    expect(slowBody).toEqual({ status: 200, error: null });
  });
});
