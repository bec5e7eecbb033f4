// World.load, the restore side of World.exportState: what browser mode relies on across page reloads.
import { describe, expect, test } from 'vitest';
import { Sandbox } from '../../src/sandbox.ts';
import { DEFAULT_START } from '../../fixtures/default-world.ts';
import { createUser } from '../../src/domain/users.ts';
import { startStkPush, stkPrompts } from '../../src/simulation/mpesa.ts';

const newSandbox = () => new Sandbox({ start: new Date(DEFAULT_START), frozen: true });
const addUser = (s: Sandbox, email: string) => s.world.transaction(() => createUser(s.world, {
  email, phone_number: '+254711000777', first_name: 'Re', last_name: 'Store', password: 'your-secure-password', role: 'customer',
}).user);

describe('World.load', () => {
  test('a second sandbox loaded with the state has the same rows and the exact frozen clock', () => {
    const a = newSandbox();
    addUser(a, 'one@example.com');
    a.world.clock.advance(42);
    const state = JSON.parse(JSON.stringify(a.world.exportState()));
    const b = newSandbox();
    b.world.load(state);
    expect(b.world.snapshot()).toEqual(a.world.snapshot());
    expect(b.world.clock.state()).toEqual({ now: '2026-11-22T09:00:42Z', frozen: true });
    expect(b.world.clock.nowMs()).toBe(state.clock.now_ms);
  });

  test('new ids after a load differ from the ones the original went on to make', () => {
    const a = newSandbox();
    const state = a.world.exportState();
    const madeByA = addUser(a, 'two@example.com');
    const b = newSandbox();
    b.world.load(state);
    const madeByB = addUser(b, 'two@example.com');
    expect(madeByB.id).not.toBe(madeByA.id);
    // Loading the same state twice gives the same stream again: restores stay deterministic.
    const c = newSandbox();
    c.world.load(state);
    expect(addUser(c, 'two@example.com').id).toBe(madeByB.id);
    expect(c.world.exportState().epoch).toBe(state.epoch + 1);
  });

  test('scheduled jobs come back, run when due, and new jobs continue their sequence', () => {
    const a = newSandbox();
    const push = a.world.transaction(() => startStkPush(a.world, { phone_number: '254711000222', amount: '100', account_reference: 'X',
      purpose: 'restore_test', reference_id: '00000000-0000-4000-8000-00000000e001' }));
    const state = a.world.exportState();
    const b = newSandbox();
    b.world.load(state);
    expect(b.world.scheduler.pending().map((j) => j.id)).toEqual(state.tables.jobs.map((j) => j.id));
    const second = b.world.transaction(() => startStkPush(b.world, { phone_number: '254711000223', amount: '100', account_reference: 'Y',
      purpose: 'restore_test', reference_id: '00000000-0000-4000-8000-00000000e002' }));
    expect(new Set(b.world.scheduler.pending().map((j) => j.id)).size).toBe(2);
    b.world.clock.advance(5);
    expect(stkPrompts(b.world).get(push.checkout_request_id)?.status).toBe('succeeded');
    expect(stkPrompts(b.world).get(second.checkout_request_id)?.status).toBe('succeeded');
  });

  test('tables the state does not list are emptied; another seed or version is refused', () => {
    const a = newSandbox();
    const state = a.world.exportState();
    const b = newSandbox();
    addUser(b, 'extra@example.com');
    b.world.table('scratch').insert({ id: 'x' });
    b.world.load(state);
    expect(b.world.table('scratch').size).toBe(0);
    expect(b.world.snapshot().users).toEqual(state.tables.users);
    expect(() => b.world.load({ ...state, seed: 7 })).toThrow(/seed 7/);
    expect(() => b.world.load({ ...state, version: 2 as 1 })).toThrow(/version 2/);
  });
});
