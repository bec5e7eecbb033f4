// Lists read through indexes: a page of orders, transfers or offers visits no table rows beyond what the index hands
// it (Table.scanned counts whole-table reads), in the documented order; a failed request leaves the indexes as it
// found them, and a restored snapshot's rows are what the lists show. Operation counts, not timings.
import { beforeAll, describe, expect, test } from 'vitest';
import { seededSandbox } from './support.ts';

const sb = seededSandbox();
let vendor: string, alice: string, admin: string;
let offer: any;
const created: string[] = [];

beforeAll(async () => {
  [vendor, alice, admin] = [await sb.login('vendor'), await sb.login('alice'), await sb.login('admin')];
  offer = await sb.sellOffer(vendor, '400');
  for (let i = 0; i < 250; i++) {
    const r = await sb.order(alice, offer);
    expect(r.status).toBe(201);
    created.push(r.body.id);
  }
}, 120_000);

/** Rows visited by whole-table reads while `fn` runs. */
async function scannedBy(fn: () => Promise<unknown>): Promise<number> {
  const before = sb.world().rowsScanned();
  await fn();
  return sb.world().rowsScanned() - before;
}

describe('list pages read indexes, not tables', () => {
  test('page 1 and page 3 of the customer\'s orders: newest first, and no table scan', async () => {
    let page1: any, page3: any;
    const scanned = await scannedBy(async () => {
      page1 = await sb.call('GET', '/api/v1/auth/orders?page_id=1&page_size=10', { token: alice });
      page3 = await sb.call('GET', '/api/v1/auth/orders?page_id=3&page_size=10', { token: alice });
    });
    expect(page1.status).toBe(200);
    // the clock is frozen: every order has the same created_at, so creation order decides (newest first)
    const newest = [...created].reverse();
    expect(page1.body.map((o: any) => o.id)).toEqual(newest.slice(0, 10));
    expect(page3.body.map((o: any) => o.id)).toEqual(newest.slice(20, 30));
    expect(scanned).toBeLessThan(20);
  });

  test('the vendor and an admin see the same orders through their own buckets; by type too', async () => {
    const v = await sb.call('GET', '/api/v1/auth/orders?page_id=1&page_size=5&order_type=ON_RAMP_BUY', { token: vendor });
    const a = await sb.call('GET', '/api/v1/auth/orders?page_id=1&page_size=5', { token: admin });
    expect(v.body.map((o: any) => o.id)).toEqual([...created].reverse().slice(0, 5));
    expect(a.body.map((o: any) => o.id)).toEqual([...created].reverse().slice(0, 5));
    const none = await sb.call('GET', '/api/v1/auth/orders?page_id=1&page_size=5&order_type=OFF_RAMP_SELL', { token: alice });
    expect(none.body).toEqual([]);
  });

  test('pending orders oldest first, offers by type, customer transactions and stats: no table scan', async () => {
    let pending: any, sells: any, mine: any, stats: any;
    const scanned = await scannedBy(async () => {
      pending = await sb.call('GET', '/api/v1/auth/orders/pending?page_id=2&page_size=4', { token: alice });
      sells = await sb.call('GET', '/api/v1/auth/offers/type/SELL?page_id=1&page_size=5', { token: alice });
      mine = await sb.call('GET', '/api/v1/auth/customer/transactions?page_size=5', { token: alice });
      stats = await sb.call('GET', `/api/v1/auth/orders/stats/customer/${sb.user('alice').id}`, { token: alice });
    });
    expect(pending.body.map((o: any) => o.id)).toEqual(created.slice(4, 8));
    expect(sells.status, JSON.stringify(sells.body)).toBe(200);
    expect(sells.body[0].id).toBe(offer.id);
    expect(mine.body.orders.map((o: any) => o.id)).toEqual([...created].reverse().slice(0, 5));
    expect(stats.body).toMatchObject({ total_orders: 250, pending_orders: 250, completed_orders: 0, cancelled_orders: 0 });
    expect(scanned).toBeLessThan(20);
  });

  test('a request that fails after inserting its order leaves every list as it was, and takes no sequence number', async () => {
    const before = (await sb.call('GET', '/api/v1/auth/orders?page_id=1&page_size=3', { token: alice })).body.map((o: any) => o.id);
    // 400 available − 250 reserved = 150 left: an order of 200 is inserted, then refused when its amount is held
    const refused = await sb.order(alice, offer, '200');
    expect(refused.status).toBe(422);
    const after = await sb.call('GET', '/api/v1/auth/orders?page_id=1&page_size=3', { token: alice });
    expect(after.body.map((o: any) => o.id)).toEqual(before);
    const stats = await sb.call('GET', `/api/v1/auth/orders/stats/customer/${sb.user('alice').id}`, { token: alice });
    expect(stats.body.total_orders).toBe(250);
    const next = await sb.order(alice, offer);
    expect(next.status).toBe(201);
    created.push(next.body.id);
    const row = sb.world().table<{ id: string; seq: number }>('orders').get(next.body.id)!;
    const last = sb.world().table<{ id: string; seq: number }>('orders').get(created.at(-2)!)!;
    expect(row.seq).toBe(last.seq + 1);
  });

  test('a cancelled order leaves the pending list and moves in the stats', async () => {
    const id = created[0];
    const r = await sb.call('PUT', `/api/v1/auth/order/id/${id}/cancel`, { token: alice });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const pending = await sb.call('GET', '/api/v1/auth/orders/pending?page_id=1&page_size=1', { token: alice });
    expect(pending.body[0].id).toBe(created[1]);
    const stats = await sb.call('GET', `/api/v1/auth/orders/stats/customer/${sb.user('alice').id}`, { token: alice });
    expect(stats.body).toMatchObject({ total_orders: 251, pending_orders: 250, cancelled_orders: 1 });
  });

  test('after a restore the lists show the snapshot\'s rows; after a reset, the seeded world\'s', async () => {
    const snapshot = await sb.call('GET', '/__sandbox/snapshot');
    expect(snapshot.status).toBe(200);
    const extra = await sb.order(alice, offer);
    expect(extra.status).toBe(201);
    const restored = await sb.call('POST', '/__sandbox/restore', { body: snapshot.body });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    const token = await sb.login('alice');
    const page = await sb.call('GET', '/api/v1/auth/orders?page_id=1&page_size=2', { token });
    expect(page.body.map((o: any) => o.id)).toEqual([...created].reverse().slice(0, 2));
    sb.sandbox.reset();
    const fresh = await sb.call('GET', '/api/v1/auth/orders?page_id=1&page_size=2', { token: await sb.login('alice') });
    expect(fresh.body).toEqual([]);
  });
});
