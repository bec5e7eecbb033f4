// Browser mode keeps created worlds across page reloads (WorldsStore, beside the default world's WorldStore): a
// reload (a new Sandbox reading the same localStorage) finds each world with its id, label, rows and clock; a bad
// entry is dropped without taking the others down; no worlds, no key.
import { expect, test, vi } from 'vitest';
import { WorldsStore } from '../../src/browser/worlds-store.ts';
import { Sandbox } from '../../src/sandbox.ts';
import { client } from '../support/client.ts';

class MemoryStorage implements Storage {
  readonly items = new Map<string, string>();
  get length() { return this.items.size; }
  clear() { this.items.clear(); }
  getItem(key: string) { return this.items.get(key) ?? null; }
  key(index: number) { return [...this.items.keys()][index] ?? null; }
  removeItem(key: string) { this.items.delete(key); }
  setItem(key: string, value: string) { this.items.set(key, value); }
}

const page = () => {
  const sandbox = new Sandbox({ frozen: true, start: new Date('2026-11-22T09:00:00Z') });
  return { sandbox, api: client('http://sandbox.local', (input, init) => sandbox.handle(new Request(input, init))) };
};

test('created worlds come back after a reload with their state; the default world is not in this key', { timeout: 120_000 }, async () => {
  const storage = new MemoryStorage();
  const before = page();
  const created = (await before.api.call('POST', '/__sandbox/worlds', { body: { label: 'kept', frozen: true } })).body;
  const world = client(created.base_url, (input, init) => before.sandbox.handle(new Request(input, init)));
  await world.call('POST', '/__sandbox/clock/advance', { body: { seconds: 90 } });
  const reg = await world.call('POST', '/api/v1/users/register', { body: { email: 'browser@example.com', phone_number: '+254711000444',
    first_name: 'B', last_name: 'R', password: 'a-secure-password', role: 'customer', kyc_status: 'pending', pin: '123456' } });
  expect(reg.status).toBe(201);
  new WorldsStore(storage, 'k:worlds').write(before.sandbox.worlds);

  const after = page();
  expect(new WorldsStore(storage, 'k:worlds').restore(after.sandbox.worlds)).toBe(1);
  const listed = (await after.api.call('GET', '/__sandbox/worlds')).body.worlds;
  expect(listed.map((w: any) => [w.id, w.label])).toEqual([['default', null], [created.id, 'kept']]);
  const again = client(created.base_url, (input, init) => after.sandbox.handle(new Request(input, init)));
  expect((await again.call('GET', '/__sandbox/clock')).body.now).toBe('2026-11-22T09:01:30Z');
  expect((await again.call('POST', '/api/v1/users/login', { body: { email: 'browser@example.com', password: 'a-secure-password' } })).status).toBe(200);
  expect((await after.api.call('POST', '/api/v1/users/login', { body: { email: 'browser@example.com', password: 'a-secure-password' } })).status).toBe(401);

  // deleting the last world removes the key
  await after.api.call('DELETE', `/__sandbox/worlds/${created.id}`);
  new WorldsStore(storage, 'k:worlds').write(after.sandbox.worlds);
  expect(storage.getItem('k:worlds')).toBeNull();
});

test('an entry that cannot be loaded is dropped with a warning; the others come back', async () => {
  const storage = new MemoryStorage();
  const before = page();
  await before.api.call('POST', '/__sandbox/worlds', { headers: { 'x-sandbox-world-id': 'good' }, body: { frozen: true } });
  await before.api.call('POST', '/__sandbox/worlds', { headers: { 'x-sandbox-world-id': 'bad' }, body: { frozen: true } });
  new WorldsStore(storage, 'k:worlds').write(before.sandbox.worlds);
  const stored = JSON.parse(storage.getItem('k:worlds')!);
  stored.worlds.find((w: any) => w.id === 'bad').state.version = 99;
  storage.setItem('k:worlds', JSON.stringify(stored));
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const after = page();
  expect(new WorldsStore(storage, 'k:worlds').restore(after.sandbox.worlds)).toBe(1);
  expect(warn.mock.calls[0][0]).toMatch(/stored world bad could not be restored/);
  expect((await after.api.call('GET', '/__sandbox/worlds')).body.worlds.map((w: any) => w.id)).toEqual(['default', 'good']);
  storage.setItem('k:worlds', '{not json');
  expect(new WorldsStore(storage, 'k:worlds').restore(page().sandbox.worlds)).toBe(0);
  expect(storage.getItem('k:worlds')).toBeNull();
});
