// Faults, Prefer and latency in the in-process host (createSandbox: msw's setupServer intercepting fetch): each fault
// kind as a partner's fetch sees it, the counting of times/after/probability, that a status fault writes nothing,
// and a partner-style client that survives two injected 503s by retrying with an idempotent design.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createSandbox, type InProcessSandbox } from '../../src/index.ts';
import { DEFAULT_START } from '../../fixtures/default-world.ts';

let sb: InProcessSandbox;
let token: string;
let fx: any;
beforeAll(async () => {
  sb = createSandbox({ start: new Date(DEFAULT_START), frozen: true });
  token = await sb.login('alice@coinpool.test');
  fx = await sb.control.fixtures();
});
afterAll(() => sb.close());
beforeEach(async () => { await sb.control.faults.clear(); });

const addFault = (body: Record<string, unknown>) => sb.control.faults.add(body);
const listOrders = () => sb.fetch('/api/v1/auth/orders?page_id=1&page_size=100', { headers: { authorization: `Bearer ${token}` } });

function orderBody() {
  const alice = fx.users.find((u: any) => u.email === 'alice@coinpool.test');
  const offer = fx.offers.find((o: any) => o.key === 'vendor_sell_usdt');
  return {
    customer_id: alice.id, vendor_id: offer.vendor_id, offer_id: offer.id, usdt_amount: '10', fiat_amount: '1310.00', fiat_currency: 'KES',
    wallet_address: alice.wallets.find((w: any) => w.network === 'tron').address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY',
  };
}
const createOrder = (headers: Record<string, string> = {}, signal?: AbortSignal) => sb.fetch('/api/v1/auth/orders', {
  method: 'POST', signal, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(orderBody()),
});

describe('fault kinds in-process', () => {
  test('status: the documented error shape, the operation not run, nothing written to the store; logged with the fault', async () => {
    const fault = await addFault({ match: { operation_id: 'createOrder' }, kind: 'status', status: 503 });
    expect(fault.id).toMatch(/^flt_\d+$/);
    const version = sb.sandbox.world.journal.version;
    const before = (await (await listOrders()).json()).length;
    const r = await createOrder();
    expect(r.status).toBe(503);
    expect(r.headers.get('x-sandbox-fault')).toBe(fault.id);
    expect((await r.json()).error).toMatch(/injected fault/);
    expect(sb.sandbox.world.journal.version).toBe(version);
    expect((await (await listOrders()).json()).length).toBe(before);
    const log = await sb.control.call('listRequests', { query: { limit: '3' } });
    const entry = log.find((e: any) => e.operation_id === 'createOrder');
    expect(entry).toMatchObject({ status: 503, faults: [{ id: fault.id, kind: 'status' }] });
  });

  test('status with a documented status and no body: a body valid against that response', async () => {
    await addFault({ match: { method: 'POST', path: '/api/v1/auth/orders' }, kind: 'status', status: 422 });
    const r = await createOrder();
    expect(r.status).toBe(422);
    const body = await r.json();
    expect(typeof body.error).toBe('string');
    expect(sb.sandbox.contract.validators.get('createOrder')!.responses.get('422')!(body)).toBe(true);
  });

  test('status with a given body and headers sends them as they are', async () => {
    await addFault({ match: { operation_id: 'createOrder' }, kind: 'status', status: 429, body: { error: 'slow down' }, headers: { 'retry-after': '1' } });
    const r = await createOrder();
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('1');
    expect(await r.json()).toEqual({ error: 'slow down' });
  });

  test('status 204 answers no body even when one is given', async () => {
    await addFault({ match: { operation_id: 'listOrders' }, kind: 'status', status: 204, body: { ignored: true } });
    const r = await listOrders();
    expect(r.status).toBe(204);
    expect(await r.text()).toBe('');
  });

  test('delay: the operation runs normally after delay_ms', async () => {
    await addFault({ match: { operation_id: 'listOrders' }, kind: 'delay', delay_ms: 150 });
    const started = Date.now();
    const r = await listOrders();
    expect(r.status).toBe(200);
    expect(Array.isArray(await r.json())).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  test('reset: fetch rejects with a network error (TypeError); the log shows status 0', async () => {
    const fault = await addFault({ match: { operation_id: 'createOrder' }, kind: 'reset' });
    await expect(createOrder()).rejects.toThrow(TypeError);
    const log = await sb.control.call('listRequests', { query: { limit: '2' } });
    expect(log.find((e: any) => e.operation_id === 'createOrder')).toMatchObject({ status: 0, faults: [{ id: fault.id, kind: 'reset' }] });
  });

  test('timeout: no answer until the client gives up; nothing written', async () => {
    await addFault({ match: { operation_id: 'createOrder' }, kind: 'timeout' });
    const version = sb.sandbox.world.journal.version;
    const started = Date.now();
    const outcome = await createOrder({}, AbortSignal.timeout(300)).then(() => 'answered', (e: Error) => e.name);
    expect(outcome).toBe('TimeoutError');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(sb.sandbox.world.journal.version).toBe(version);
  });

  test('malformed: 200 with a body no JSON parser accepts', async () => {
    await addFault({ match: { operation_id: 'listOrders' }, kind: 'malformed' });
    const r = await listOrders();
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(text)).toThrow();
  });
});

describe('when a fault fires', () => {
  const statuses = async (n: number) => { const out: number[] = []; for (let i = 0; i < n; i++) out.push((await listOrders()).status); return out; };

  test('times limits the firings, after skips the first matches; the list counts both', async () => {
    const f = await addFault({ match: { operation_id: 'listOrders' }, kind: 'status', status: 500, after: 2, times: 2 });
    expect(await statuses(6)).toEqual([200, 200, 500, 500, 200, 200]);
    const [listed] = await sb.control.call('listFaults');
    expect(listed).toMatchObject({ id: f.id, matched: 6, fired: 2, after: 2, times: 2 });
  });

  test('probability fires at random from the seeded source: the same seed and requests give the same pattern', async () => {
    const pattern = async (box: InProcessSandbox, t: string) => {
      await box.control.call('createFault', { body: { match: { operation_id: 'listOrders' }, kind: 'status', status: 503, probability: 0.5 } });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await box.fetch('/api/v1/auth/orders?page_id=1&page_size=1', { headers: { authorization: `Bearer ${t}` } })).status);
      return out;
    };
    const first = await pattern(sb, token);
    sb.close();
    const again = createSandbox({ start: new Date(DEFAULT_START), frozen: true });
    try {
      const second = await pattern(again, await again.login('alice@coinpool.test'));
      expect(second).toEqual(first);
      const fired = first.filter((s) => s === 503).length;
      expect(fired).toBeGreaterThan(2);
      expect(fired).toBeLessThan(18);
    } finally {
      again.close();
      sb = createSandbox({ start: new Date(DEFAULT_START), frozen: true });
      token = await sb.login('alice@coinpool.test');
    }
  });

  test('removing a fault (one, or all) restores normal answers; an unknown id is 404', async () => {
    const f = await addFault({ match: { operation_id: 'listOrders' }, kind: 'status', status: 503 });
    expect((await listOrders()).status).toBe(503);
    await sb.control.call('deleteFault', { params: { id: f.id } });
    expect((await listOrders()).status).toBe(200);
    await addFault({ match: { operation_id: 'listOrders' }, kind: 'reset' });
    await sb.control.call('clearFaults');
    expect((await listOrders()).status).toBe(200);
    const gone = await sb.control.call('deleteFault', { params: { id: f.id } }).catch((e) => e);
    expect(gone.status).toBe(404);
  });

  test('a fault naming an unknown operation or path is refused with 400 naming the field', async () => {
    const a = await addFault({ match: { operation_id: 'noSuchOperation' }, kind: 'status' }).catch((e) => e);
    expect(a.status).toBe(400);
    expect(a.body.details[0].pointer).toBe('/match/operation_id');
    const b = await addFault({ match: { method: 'GET', path: '/api/v1/nowhere' }, kind: 'reset' }).catch((e) => e);
    expect(b.status).toBe(400);
    expect(b.body.details[0].pointer).toBe('/match/path');
    const c = await addFault({ match: { operation_id: 'createOrder' }, kind: 'delay' }).catch((e) => e);
    expect(c.body.details[0].pointer).toBe('/delay_ms');
    expect(await sb.control.call('listFaults')).toEqual([]);
  });

  test('a path template matches every concrete path of the operation', async () => {
    await addFault({ match: { method: 'GET', path: '/api/v1/auth/order/id/{id}/details' }, kind: 'status', status: 404 });
    const r = await sb.fetch('/api/v1/auth/order/id/00000000-0000-4000-8000-000000000000/details', { headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(404);
    expect(r.headers.get('x-sandbox-fault')).toMatch(/^flt_/);
  });

  test('a reset of the sandbox removes every fault', async () => {
    await addFault({ match: { operation_id: 'listOrders' }, kind: 'status' });
    sb.reset();
    expect(await sb.control.call('listFaults')).toEqual([]);
    token = await sb.login('alice@coinpool.test');
    fx = await sb.control.fixtures();
  });
});

describe('a partner client that retries', () => {
  /**
   * The partner's design: a POST /orders that failed (5xx or a dropped connection) may or may not have created the
   * order, so before each retry the client looks for it among the customer's orders and only re-sends when it is absent.
   */
  async function placeOrderWithRetries(maxAttempts = 5) {
    const body = orderBody();
    const mine = async () => (await (await listOrders()).json()) as any[];
    const known = new Set((await mine()).map((o) => o.id));
    let attempts = 0;
    while (attempts < maxAttempts) {
      attempts++;
      const r = await createOrder().catch(() => null);
      if (r?.status === 201) return { order: await r.json(), attempts };
      if (r && r.status < 500) throw new Error(`refused: ${r.status}`);
      const landed = (await mine()).find((o) => !known.has(o.id) && o.offer_id === body.offer_id);
      if (landed) return { order: landed, attempts };
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempts));
    }
    throw new Error('gave up');
  }

  test('survives two injected 503s on POST /orders and creates exactly one order', async () => {
    const fault = await addFault({ match: { method: 'POST', path: '/api/v1/auth/orders' }, kind: 'status', status: 503, times: 2 });
    const before = (await (await listOrders()).json()).length;
    const { order, attempts } = await placeOrderWithRetries();
    expect(attempts).toBe(3);
    expect(order.status).toBe('pending');
    expect((await (await listOrders()).json()).length).toBe(before + 1);
    const [listed] = await sb.control.faults.list();
    expect(listed).toMatchObject({ id: fault.id, fired: 2, matched: 3 });
    // Triggered events are one call away too: the same flow a partner's webhook handler would see.
    const triggered = await sb.control.trigger('order.status_changed', 'processing');
    expect(triggered.objects.order.status).toBe('processing');
  });
});

describe('Prefer: forced responses', () => {
  test('code= answers the documented response (the contract example) without running the operation', async () => {
    const version = sb.sandbox.world.journal.version;
    const r = await createOrder({ prefer: 'code=201' });
    expect(r.status).toBe(201);
    const body = await r.json();
    const op = sb.sandbox.contract.operations.find((o) => o.operationId === 'createOrder')!;
    expect(body).toEqual((op.responses['201'].content!['application/json'] as any).example);
    expect(sb.sandbox.world.journal.version).toBe(version);
  });

  test('code= of an error status passes the response validator; an undocumented one is a 400 naming the documented ones', async () => {
    const r = await createOrder({ prefer: 'code=422' });
    expect(r.status).toBe(422);
    expect(sb.sandbox.contract.validators.get('createOrder')!.responses.get('422')!(await r.json())).toBe(true);
    const bad = await createOrder({ prefer: 'code=503' });
    expect(bad.status).toBe(400);
    const err = await bad.json();
    expect(err.error).toMatch(/code=503 is not documented for createOrder; documented: 201, 400, 401.*422/);
    expect(err.details[0]).toMatchObject({ location: 'header', pointer: '/prefer' });
    const violations = await sb.control.violations();
    expect(violations.requests.filter((e: any) => e.response_violations.length)).toEqual([]);
  });

  test('example= picks a named example; an unknown name lists the ones there are', async () => {
    const op = sb.sandbox.contract.operations.find((o) => Object.values(o.responses).some((r) => Object.keys((r.content?.['application/json'] as any)?.examples ?? {}).length))!;
    const [code, response] = Object.entries(op.responses).find(([, r]) => Object.keys((r.content?.['application/json'] as any)?.examples ?? {}).length)!;
    const [name, example] = Object.entries((response.content!['application/json'] as any).examples)[0] as [string, any];
    const url = op.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
    const r = await sb.fetch(url, { method: op.method, headers: { prefer: `code=${code}, example=${name}` } });
    expect(r.status).toBe(Number(code));
    expect(await r.json()).toEqual(example.value ?? example);
    const unknown = await sb.fetch(url, { method: op.method, headers: { prefer: `code=${code}, example=nope` } });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toContain(`examples: ${name}`);
  });

  test('delay= delays a normal answer', async () => {
    const started = Date.now();
    const r = await sb.fetch('/api/v1/auth/orders?page_id=1&page_size=1', { headers: { authorization: `Bearer ${token}`, prefer: 'delay=120' } });
    expect(r.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });
});

describe('latency profile', () => {
  test('PATCH /__sandbox/settings latency delays every product response; null turns it off; p99 below p50 is refused', async () => {
    const set = await sb.control.call('updateSettings', { body: { latency: { p50_ms: 40, p99_ms: 60 } } });
    expect(set.latency).toEqual({ p50_ms: 40, p99_ms: 60 });
    const started = Date.now();
    for (let i = 0; i < 3; i++) expect((await listOrders()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 25);
    const bad = await sb.control.call('updateSettings', { body: { latency: { p50_ms: 50, p99_ms: 10 } } }).catch((e) => e);
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].pointer).toBe('/latency/p99_ms');
    expect((await sb.control.call('updateSettings', { body: { latency: null } })).latency).toBeNull();
  });
});
