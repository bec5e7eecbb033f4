// Client input that used to crash the sandbox (issue 17): query keys naming Object.prototype members, a zero faucet,
// M-Pesa checkout ids colliding under a frozen clock, clock values outside the range the world can print.
import { describe, expect, test } from 'vitest';
import { Sandbox } from '../../src/sandbox.ts';
import { readOperations } from '../../src/contracts/operations.ts';
import { productDocument, controlDocument } from '../../src/contracts/document.ts';
import { harness, START } from './support.ts';
import { clockRangeProblem } from '../../src/kernel/clock-range.ts';

const UNKNOWN_ID = '3c90c3cc-0d44-4b50-8888-8dd25736052a';
const PROTOTYPE_KEYS = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf', '__defineGetter__'];


describe('query keys naming Object.prototype members are plain keys', () => {
  const ops = [...readOperations(productDocument), ...readOperations(controlDocument)].filter((op) => op.parameters.some((p) => p.in === 'query'));

  test.each(PROTOTYPE_KEYS)('?%s=1 on every operation with query parameters answers below 500', async (key) => {
    const h = harness();
    const admin = await h.login('admin');
    expect(ops.length).toBeGreaterThan(10);
    const crashes: string[] = [];
    for (const op of ops) {
      const path = op.path.replace(/\{[^}]+\}/g, UNKNOWN_ID);
      const r = await h.call(op.method, `${path}?${key}=1&${key}=2`, { token: admin, body: op.requestBody ? {} : undefined });
      if (r.status >= 500) crashes.push(`${op.method} ${path}?${key}=1 → ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
    }
    expect(crashes, crashes.slice(0, 3).join('\n')).toEqual([]);
    expect(h.sandbox.world.problems).toEqual([]);
  });

  test('a documented query parameter still works next to them', async () => {
    const h = harness();
    await h.call('GET', '/__sandbox/clock');
    const r = await h.call('GET', '/__sandbox/requests?limit=1&constructor=1&__proto__=x');
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(1);
  });
});

describe('faucet refuses zero', () => {
  test.each(['0', '0.00000000', '000'])('amount %s → 400 naming /amount, nothing credited', async (amount) => {
    const h = harness();
    const address = h.sandbox.fixtures.users.find((u) => u.email === 'alice@coinpool.test')!.wallets.find((w) => w.network === 'tron')!.address;
    const before = h.sandbox.world.journal.version;
    const r = await h.call('POST', '/__sandbox/faucet', { body: { address, asset: 'USDT', amount } });
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([{ location: 'body', pointer: '/amount', reason: 'must be greater than zero' }]);
    expect(h.sandbox.world.journal.version).toBe(before);
    const negative = await h.call('POST', '/__sandbox/faucet', { body: { address, asset: 'USDT', amount: '-5' } });
    expect(negative.status).toBe(400);
    expect(negative.body.details[0].pointer).toBe('/amount');
  });
});

describe('M-Pesa checkout ids are unique by construction', () => {
  test('100 pushes to one phone in one frozen second get 100 ids of Daraja shape', async () => {
    const h = harness();
    const alice = await h.login('alice');
    const fx = h.sandbox.fixtures;
    const offer = fx.offers.find((o) => o.offer_type === 'SELL' && o.asset === 'USDT')!;
    const aliceUser = fx.users.find((u) => u.email === 'alice@coinpool.test')!;
    const wallet = aliceUser.wallets.find((w) => w.network === 'tron')!;
    const order = await h.call('POST', '/api/v1/auth/orders', { token: alice, body: {
      customer_id: aliceUser.id, vendor_id: offer.vendor_id, offer_id: offer.id, crypto_amount: String(offer.min_order),
      fiat_amount: (Number(offer.min_order) * Number(offer.rate)).toFixed(2), fiat_currency: 'KES', wallet_address: wallet.address,
      payment_method: 'mpesa', order_type: 'ON_RAMP_BUY' } });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    const ids = new Set<string>();
    for (let i = 0; i < 100; i++) {
      // A phone ending 1032: the customer cancels at the prompt; resolved at once, so the order may be paid again.
      const pay = await h.call('POST', '/api/v1/auth/orders/payment', { token: alice, body: { order_id: order.body.id, phone_number: '254712341032' } });
      expect(pay.status, JSON.stringify(pay.body)).toBe(200);
      expect(pay.body.checkout_request_id).toMatch(/^ws_CO_22112026120000\d{3,}712341032$/);
      ids.add(pay.body.checkout_request_id);
      const done = await h.call('POST', `/__sandbox/mpesa/stk/${pay.body.checkout_request_id}/resolve`, { body: { result_code: 1032 } });
      expect(done.status).toBe(200);
    }
    expect(ids.size).toBe(100);
    expect([...ids][0]).toMatch(/^ws_CO_22112026120000\d{3}712341032$/);
    expect(h.sandbox.world.problems).toEqual([]);
  });
});

describe('the clock stays between 1970 and 9000', () => {
  test('the range check itself', () => {
    expect(clockRangeProblem(Date.parse('1970-01-01T00:00:00Z'))).toBeNull();
    expect(clockRangeProblem(Date.parse('8999-12-31T23:59:59Z'))).toBeNull();
    expect(clockRangeProblem(Date.parse('9000-01-01T00:00:00Z'))).toMatch(/between 1970/);
    expect(clockRangeProblem(Date.parse('1969-12-31T23:59:59Z'))).toMatch(/between 1970/);
    expect(clockRangeProblem(NaN)).toMatch(/not a valid time/);
  });

  test.each(['9999-12-31T23:59:59Z', '1969-12-31T23:59:59Z', '9000-01-01T00:00:00Z'])('set %s → 400 naming /now; the world keeps working', async (now) => {
    const h = harness();
    const before = (await h.call('GET', '/__sandbox/clock')).body;
    const r = await h.call('POST', '/__sandbox/clock/set', { body: { now } });
    expect(r.status).toBe(400);
    expect(r.body.details[0]).toMatchObject({ location: 'body', pointer: '/now' });
    expect(r.body.error).toMatch(/1970-01-01T00:00:00Z.*9000-01-01T00:00:00Z/);
    expect((await h.call('GET', '/__sandbox/clock')).body).toEqual(before);
    expect(await h.login('alice')).toEqual(expect.any(String));
    expect((await h.call('GET', '/__sandbox/snapshot')).status).toBe(200);
  });

  test('the edges inside the range are accepted, and the world works there', async () => {
    const h = harness();
    for (const now of ['1970-01-01T00:00:00Z', '8999-12-31T23:59:59Z']) {
      const r = await h.call('POST', '/__sandbox/clock/set', { body: { now } });
      expect(r.status).toBe(200);
      expect(r.body.now).toBe(now);
      expect(await h.login('bob')).toEqual(expect.any(String));
      expect((await h.call('GET', '/__sandbox/snapshot')).status).toBe(200);
    }
  });

  test('advancing past 9000 → 400 naming /seconds, the clock unchanged', async () => {
    const h = harness();
    expect((await h.call('POST', '/__sandbox/clock/set', { body: { now: '8999-12-31T00:00:00Z' } })).status).toBe(200);
    const r = await h.call('POST', '/__sandbox/clock/advance', { body: { seconds: 86400 } });
    expect(r.status).toBe(400);
    expect(r.body.details[0]).toMatchObject({ location: 'body', pointer: '/seconds' });
    expect((await h.call('GET', '/__sandbox/clock')).body.now).toBe('8999-12-31T00:00:00Z');
    expect((await h.call('POST', '/__sandbox/clock/advance', { body: { seconds: 86399 } })).status).toBe(200);
  });

  test('a sandbox cannot start outside the range', () => {
    expect(() => new Sandbox({ start: new Date('1969-06-01T00:00:00Z') })).toThrow(/start time must be between 1970/);
    expect(() => new Sandbox({ start: new Date('9500-01-01T00:00:00Z') })).toThrow(RangeError);
    expect(() => new Sandbox({ start: new Date('not a date') })).toThrow(/not a valid time/);
  });
});
