// What the world keeps per order, counted in entries (rows, index slots, queued jobs, undo entries), not bytes: filling
// orders adds the same fixed number of entries for each one however many there already are, nothing is kept from a
// committed or rolled-back transaction, and finished jobs leave both the jobs table and the queue.
import { describe, expect, test } from 'vitest';
import { seededSandbox } from './support.ts';

const total = (rows: Record<string, number>) => Object.values(rows).reduce((a, b) => a + b, 0);

describe('entries retained per order', () => {
  test('every order adds the same entries (one order row, one expiry job, one ledger row and fixed index slots), the 400th as the 1st', async () => {
    const sb = seededSandbox();
    const [vendor, alice] = [await sb.login('vendor'), await sb.login('alice')];
    const offer = await sb.sellOffer(vendor);
    const world = sb.world();
    const fill = async (n: number) => { for (let i = 0; i < n; i++) expect((await sb.order(alice, offer)).status).toBe(201); };

    await fill(5);
    // indexes are built on first use: list once so they exist before counting
    expect((await sb.call('GET', '/api/v1/auth/orders?page_id=1&page_size=5', { token: alice })).status).toBe(200);
    expect((await sb.call('GET', '/api/v1/auth/customer/transactions?page_id=1&page_size=5', { token: alice })).status).toBe(200);
    const f0 = world.footprint();
    await fill(200);
    const f1 = world.footprint();
    await fill(200);
    const f2 = world.footprint();

    // rows: the order, its expiry job and its lock's ledger entry; nothing else per order
    for (const table of ['orders', 'jobs', 'ledger_entries']) {
      expect(f1.rows[table] - f0.rows[table]).toBe(200);
      expect(f2.rows[table] - f1.rows[table]).toBe(200);
    }
    expect(total(f2.rows) - total(f1.rows)).toBe(600);
    // index slots per order are a constant (the same for the second 200 as for the first)
    const perOrder = (f1.indexEntries - f0.indexEntries) / 200;
    expect(perOrder).toBeGreaterThan(0);
    expect((f2.indexEntries - f1.indexEntries) / 200).toBe(perOrder);
    // one queue entry per pending job, no undo entries left over, interned strings bounded, no problems
    expect(f2.queued).toBe(f2.rows.jobs);
    expect(f2.journalOpen).toBe(0);
    expect(f2.problems).toBe(0);
    expect(sb.sandbox.log.all().length).toBeLessThanOrEqual(2000);
  });

  test('a failed order keeps nothing: no row, no index slot, no job, no queue entry', async () => {
    const sb = seededSandbox();
    const [vendor, alice] = [await sb.login('vendor'), await sb.login('alice')];
    const offer = await sb.sellOffer(vendor, '10');
    expect((await sb.order(alice, offer)).status).toBe(201);
    const before = sb.world().footprint();
    const r = await sb.order(alice, offer, '400'); // more than the offer has left: refused after validation
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    const after = sb.world().footprint();
    expect(after.rows).toEqual(before.rows);
    expect(after.indexEntries).toBe(before.indexEntries);
    expect(after.queued).toBe(before.queued);
    expect(after.journalOpen).toBe(0);
  });

  test('expired orders leave no job behind: the jobs table and the queue are empty again', async () => {
    const sb = seededSandbox();
    const [vendor, alice] = [await sb.login('vendor'), await sb.login('alice')];
    const offer = await sb.sellOffer(vendor);
    for (let i = 0; i < 150; i++) expect((await sb.order(alice, offer)).status).toBe(201);
    const world = sb.world();
    expect(world.footprint().rows.jobs).toBe(150);
    world.clock.advance(31 * 60); // past every order's 30-minute expiry
    const f = world.footprint();
    expect(f.rows.jobs ?? 0).toBe(0);
    expect(f.queued).toBe(0);
    const listed = await sb.call('GET', '/api/v1/auth/orders?page_id=1&page_size=5', { token: await sb.login('alice') });
    expect(listed.status).toBe(200);
    const statuses = new Set((listed.body as { status: string }[]).map((o) => o.status));
    expect([...statuses]).toEqual(['cancelled']); // expired: cancelled with reason expired
  });

  test('repeated string values are held once per field, in a bounded number of entries', async () => {
    const sb = seededSandbox();
    const [vendor, alice] = [await sb.login('vendor'), await sb.login('alice')];
    const offer = await sb.sellOffer(vendor);
    const world = sb.world();
    for (let i = 0; i < 50; i++) await sb.order(alice, offer);
    const a = world.footprint().interned;
    for (let i = 0; i < 300; i++) await sb.order(alice, offer);
    const b = world.footprint().interned;
    // the same customer, offer, amounts, statuses and (frozen) times: only the fields that differ per order add
    // entries (order ids are not interned; the ledger's reference and the vendor's running balances are)
    expect((b - a) / 300).toBeLessThanOrEqual(6);
  });
});
