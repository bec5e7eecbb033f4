// Wire fidelity: partners compare the sandbox with production field by field, so each documented quirk the review in
// contracts/notes/wire-fidelity.md found wrong in the sandbox gets a test here that asserts the documented shape.
import { beforeAll, describe, expect, test } from 'vitest';
import { Sandbox } from '../../src/sandbox.ts';
import { inProcess } from '../support/in-process.ts';
import { aliceOrder } from '../support/seeded.ts';

const sandbox = new Sandbox({ start: new Date('2026-11-22T09:00:00Z'), frozen: true });
const api = inProcess(sandbox);
const { call } = api;
const login = (email: string) => api.login(email);

let alice: string;
let fixtures: any;

beforeAll(async () => {
  alice = await login('alice@coinpool.test');
  fixtures = (await call('GET', '/__sandbox/fixtures')).body;
});

describe('M-Pesa STK push ids', () => {
  test('checkout_request_id carries the Nairobi time day first (ddMMyyyyHHmmss), as the docs show', async () => {
    // Docs: "checkout_request_id": "ws_CO_12122025125158682727648169" = 12 Dec 2025 12:51:58 + 3 digits + 727648169.
    const order = await aliceOrder(api, alice, fixtures);
    const pay = await call('POST', '/api/v1/auth/orders/payment', { token: alice,
      body: { order_id: order.id, phone_number: '254712345678' } });
    expect(pay.status, JSON.stringify(pay.body)).toBe(200);
    // 09:00:00Z is 12:00:00 in Nairobi (UTC+3) on 22 Nov 2026.
    expect(pay.body.checkout_request_id).toMatch(/^ws_CO_22112026120000\d{3}712345678$/);
    expect(pay.body.amount).toBe('1310');
  });
});

describe('database timestamps', () => {
  // Docs: orders and offers "created_at": "2025-12-12T07:47:59.755991Z", "2025-12-12T10:30:00.000000Z"; wallets
  // "created_at": "2025-12-11T11:26:34.359159Z". Other times keep whole seconds, as the docs print them.
  const micro = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
  const whole = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

  test('orders, offers and wallets print created_at/updated_at with microseconds; expires_at keeps whole seconds', async () => {
    const me = fixtures.users.find((u: any) => u.email === 'alice@coinpool.test');
    const order = { body: await aliceOrder(api, alice, fixtures) };
    expect(order.body.created_at).toBe('2026-11-22T09:00:00.000000Z');
    expect(order.body.updated_at).toMatch(micro);
    expect(order.body.expires_at).toMatch(whole);
    const offers = await call('GET', '/api/v1/auth/offers/type/SELL?page_id=1&page_size=10', { token: alice });
    expect(offers.status, JSON.stringify(offers.body)).toBe(200);
    for (const o of offers.body) { expect(o.created_at).toMatch(micro); expect(o.updated_at).toMatch(micro); }
    const wallet = await call('GET', `/api/v1/auth/wallet/id/${me.wallets[0].id}`, { token: alice });
    expect(wallet.status, JSON.stringify(wallet.body)).toBe(200);
    expect((wallet.body.wallet ?? wallet.body).created_at).toBe('2026-11-22T09:00:00.000000Z');
  });
});
