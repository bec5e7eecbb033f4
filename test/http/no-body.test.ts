// Operations that document no request body refuse a non-empty one (400 naming the body) and change nothing;
// a blank body or `{}` still passes, as many clients send one on every POST/PUT.
import { beforeAll, describe, expect, test } from 'vitest';
import { Sandbox } from '../../src/sandbox.ts';
import { inProcess } from '../support/in-process.ts';
import { aliceOrder } from '../support/seeded.ts';

const sandbox = new Sandbox({ start: new Date('2026-11-22T09:00:00Z'), frozen: true });
const api = inProcess(sandbox);
/** A JSON call; `raw` sends that text as the JSON body instead. */
const call = (method: string, path: string, options: { token?: string; body?: unknown; raw?: string } = {}) =>
  api.call(method, path, options.raw === undefined ? options : { ...options, headers: { 'content-type': 'application/json' } });

let alice: string;
let fixtures: any;
beforeAll(async () => {
  alice = await api.login('alice@coinpool.test');
  fixtures = (await call('GET', '/__sandbox/fixtures')).body;
});

const newOrder = async (): Promise<string> => (await aliceOrder(api, alice, fixtures)).id;

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
