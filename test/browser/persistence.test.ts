// WorldStore: how browser mode keeps the world in localStorage across page reloads.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { WorldStore, storageKey } from '../../src/browser/persistence.ts';
import { Sandbox } from '../../src/sandbox.ts';
import { DEFAULT_START } from '../../fixtures/default-world.ts';

/** localStorage's interface over a Map (Node has no localStorage); `full` makes every write fail like a quota error. */
class MemoryStorage implements Storage {
  readonly items = new Map<string, string>();
  full = false;
  get length() { return this.items.size; }
  clear() { this.items.clear(); }
  getItem(key: string) { return this.items.get(key) ?? null; }
  key(index: number) { return [...this.items.keys()][index] ?? null; }
  removeItem(key: string) { this.items.delete(key); }
  setItem(key: string, value: string) {
    if (this.full) throw new DOMException('quota exceeded', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

const worldState = (frozen: boolean) => new Sandbox({ start: new Date(DEFAULT_START), frozen }).world.exportState();

afterEach(() => { vi.restoreAllMocks(); });

describe('WorldStore', () => {
  test('one key per seed', () => {
    expect(storageKey('coinpool-sandbox', 20261122)).toBe('coinpool-sandbox:20261122');
    expect(storageKey('coinpool-sandbox', 7)).not.toBe(storageKey('coinpool-sandbox', 8));
  });

  test('a frozen clock comes back exactly where it was, however long the page was away', () => {
    const storage = new MemoryStorage();
    const store = new WorldStore(storage, 'k');
    const state = worldState(true);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now);
    store.write(state);
    vi.spyOn(Date, 'now').mockReturnValue(now + 3_600_000);
    expect(store.read()).toEqual(JSON.parse(JSON.stringify(state)));
  });

  test('a running clock comes back advanced by the real time the page was away', () => {
    const store = new WorldStore(new MemoryStorage(), 'k');
    const state = worldState(false);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now);
    store.write(state);
    vi.spyOn(Date, 'now').mockReturnValue(now + 90_000);
    const read = store.read()!;
    expect(read.clock).toEqual({ now_ms: state.clock.now_ms + 90_000, frozen: false });
    expect(read.tables.users).toEqual(state.tables.users);
  });

  test('an unreadable stored world is dropped, and nothing stored reads as null', () => {
    const storage = new MemoryStorage();
    const store = new WorldStore(storage, 'k');
    expect(store.read()).toBeNull();
    storage.setItem('k', '{"saved_at_real_ms": 1, "world": ');
    expect(store.read()).toBeNull();
    expect(storage.getItem('k')).toBeNull();
  });

  test('a failed write (storage full) warns and lets the app go on', () => {
    const storage = new MemoryStorage();
    storage.full = true;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(() => new WorldStore(storage, 'k').write(worldState(true))).not.toThrow();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/could not store the world \(quota exceeded\); it will not survive a reload/));
  });

  test('clear removes the stored world (a reset)', () => {
    const storage = new MemoryStorage();
    const store = new WorldStore(storage, 'k');
    store.write(worldState(true));
    store.clear();
    expect(store.read()).toBeNull();
  });
});
