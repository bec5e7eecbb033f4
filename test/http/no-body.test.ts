// Operations that document no request body refuse a non-empty one (400 naming the body) and change nothing;
// a blank body or `{}` still passes, as many clients send one on every POST/PUT.
import { beforeAll, describe, expect, test } from 'vitest';
import { Sandbox } from '../../src/sandbox.ts';

const BASE = 'https://crypto.westminister.tech';
const sandbox = new Sandbox({ start: new Date('2026-11-22T09:00:00Z'), frozen: true });

async function call(method: string, path: string, options: { token?: string; body?: unknown; raw?: string } = {}) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await sandbox.handle(new Request(BASE + path, { method, headers, body }));
  return { status: res.status, body: await res.json() as any };
}

let alice: string;
let fixtures: any;
beforeAll(async () => {
  alice = (await call('POST', '/api/v1/users/login', { body: { email: 'alice@coinpool.test', password: 'sandbox-password' } })).body.access_token;
  fixtures = (await call('GET', '/__sandbox/fixtures')).body;
});

async function newOrder(): Promise<string> {
  const me = fixtures.users.find((u: any) => u.email === 'alice@coinpool.test');
  const offer = fixtures.offers.find((o: any) => o.key === 'vendor_sell_usdt');
  const order = await call('POST', '/api/v1/auth/orders', { token: alice, body: {
    customer_id: me.id, vendor_id: offer.vendor_id, offer_id: offer.id, usdt_amount: '10.00', fiat_amount: '1310.00',
    fiat_currency: 'KES', wallet_address: me.wallets.find((w: any) => w.network === 'tron').address,
    payment_method: 'mpesa', order_type: 'ON_RAMP_BUY' } });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  return order.body.id;
}

describe('a body sent to an operation that documents none', () => {
  test('PUT .../cancel with {"foo":1} is a 400 naming the body, and the order stays pending', async () => {
    const id = await newOrder();
    const r = await call('PUT', `/api/v1/auth/order/id/${id}/cancel`, { token: alice, body: { foo: 1 } });
    expect(r.status).toBe(400);
    expect(r.body.error).toContain('cancelOrder takes no request body');
    expect(r.body.details).toEqual([{ location: 'body', pointer: '/', reason: 'must be empty: cancelOrder takes no request body' }]);
    const after = await call('GET', `/api/v1/auth/order/id/${id}/details`, { token: alice });
    expect(after.body.status).toBe('pending');
  });

  test('a blank body and {} pass', async () => {
    const a = await newOrder();
    expect((await call('PUT', `/api/v1/auth/order/id/${a}/cancel`, { token: alice, body: {} })).status).toBe(200);
    const b = await newOrder();
    expect((await call('PUT', `/api/v1/auth/order/id/${b}/cancel`, { token: alice, raw: '  ' })).status).toBe(200);
  });
});
