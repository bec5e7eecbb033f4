// The scheduler's due-job check is a priority queue: with hundreds of jobs pending and none due, a request looks at
// one queue entry (not every job); a clock jump runs exactly the due jobs in due order; cancelled jobs leave the queue
// and a failed request's jobs never run. Operation counts, not timings.
import { describe, expect, test } from 'vitest';
import { seededSandbox } from './support.ts';

describe('the due-job queue', () => {
  test('with 300 order expiries pending and none due, a request inspects at most one queued entry', async () => {
    const sb = seededSandbox();
    const [vendor, alice] = [await sb.login('vendor'), await sb.login('alice')];
    const offer = await sb.sellOffer(vendor);
    for (let i = 0; i < 300; i++) expect((await sb.order(alice, offer)).status).toBe(201);
    const scheduler = sb.world().scheduler;
    expect(scheduler.pending().length).toBeGreaterThanOrEqual(300);

    const before = scheduler.inspected;
    const wallet = sb.user('alice').wallets[0];
    const r = await sb.call('GET', `/api/v1/auth/wallet/id/${wallet.id}`, { token: alice });
    expect(r.status).toBe(200);
    expect(scheduler.inspected - before).toBeLessThanOrEqual(1);

    // 20 more idle checks: still one entry each at most
    const mark = scheduler.inspected;
    for (let i = 0; i < 20; i++) scheduler.runDue();
    expect(scheduler.inspected - mark).toBeLessThanOrEqual(20);
  });

  test('a clock jump runs each due job once, earliest first (then in scheduling order), and nothing that is not due', () => {
    const sb = seededSandbox();
    const world = sb.world();
    const ran: string[] = [];
    world.scheduler.define('test.mark', (payload) => { ran.push(`${payload.name}@${world.clock.iso()}`); });
    const t0 = world.clock.nowMs();
    world.transaction(() => {
      world.scheduler.schedule('test.mark', t0 + 30_000, { name: 'c' });
      world.scheduler.schedule('test.mark', t0 + 10_000, { name: 'a' });
      world.scheduler.schedule('test.mark', t0 + 10_000, { name: 'b' });
      world.scheduler.schedule('test.mark', t0 + 90_000, { name: 'later' });
    });
    world.clock.advance(60);
    expect(ran).toEqual(['a@2026-11-22T09:00:10Z', 'b@2026-11-22T09:00:10Z', 'c@2026-11-22T09:00:30Z']);
    expect(world.scheduler.pending().map((j) => j.payload.name)).toEqual(['later']);
  });

  test('a request that fails schedules nothing, and its queue entry never runs a job', () => {
    const sb = seededSandbox();
    const world = sb.world();
    const ran: string[] = [];
    world.scheduler.define('test.mark', (payload) => { ran.push(String(payload.name)); });
    const t0 = world.clock.nowMs();
    expect(() => world.transaction(() => {
      world.scheduler.schedule('test.mark', t0 + 1000, { name: 'rolled back' });
      throw new Error('the request failed');
    })).toThrow('the request failed');
    world.transaction(() => world.scheduler.schedule('test.mark', t0 + 2000, { name: 'kept' }));
    world.clock.advance(5);
    expect(ran).toEqual(['kept']);
  });

  test('cancelled jobs leave the queue: 2,000 scheduled and cancelled leave it small, and none of them runs', () => {
    const sb = seededSandbox();
    const world = sb.world();
    const ran: number[] = [];
    world.scheduler.define('test.mark', (payload) => { ran.push(payload.n as number); });
    const t0 = world.clock.nowMs();
    for (let n = 0; n < 2000; n++) {
      world.transaction(() => world.scheduler.schedule('test.mark', t0 + 1000 + n, { n }));
      if (n !== 1999) world.transaction(() => world.scheduler.cancel('test.mark', (j) => j.payload.n === n));
    }
    const live = world.scheduler.pending().length;
    expect(world.scheduler.queued).toBeLessThanOrEqual(2 * live + 64);
    world.clock.advance(10);
    expect(ran).toEqual([1999]);
  });

  test('a restored snapshot brings its pending jobs back into the queue', async () => {
    const sb = seededSandbox();
    const world = sb.world();
    const ran: string[] = [];
    world.scheduler.define('test.mark', (payload) => { ran.push(String(payload.name)); });
    const t0 = world.clock.nowMs();
    world.transaction(() => world.scheduler.schedule('test.mark', t0 + 5000, { name: 'from the snapshot' }));
    const state = world.exportState();
    world.transaction(() => world.scheduler.cancel('test.mark', () => true));
    world.load(state);
    world.clock.advance(10);
    expect(ran).toEqual(['from the snapshot']);
  });
});
