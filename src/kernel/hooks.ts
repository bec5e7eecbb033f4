// A world's hook registry: the code one area registers for another to call (who gets an STK push's result, what a
// proposal's execution does to its transfer, which records name a fiat currency) and the simulated external systems
// the domain reaches through their ports. It lives on the world, not in a module: two sandboxes in one process never
// share a registration, and a reset builds a fresh world with fresh hooks.

/** The typed name of one hook point; `T` is what is registered there. Declared once, by the module that calls it. */
export interface HookKey<T> {
  readonly name: string;
  /** Never set: carries `T` so that registering and reading agree on the type. */
  readonly type?: T;
}

export const hookKey = <T>(name: string): HookKey<T> => ({ name });

export class Hooks {
  private readonly provided = new Map<HookKey<unknown>, unknown>();
  private readonly keyed = new Map<HookKey<unknown>, Map<string, unknown>>();
  private readonly listed = new Map<HookKey<unknown>, unknown[]>();

  /** Installs the one value of `key` (a simulated system's port, a provider); a second install replaces the first. */
  provide<T>(key: HookKey<T>, value: T): void { this.provided.set(key, value); }

  /** The value installed at `key`; a world built without it is a wiring bug, not a client's mistake. */
  use<T>(key: HookKey<T>): T {
    if (!this.provided.has(key)) throw new Error(`world: nothing provides ${key.name}`);
    return this.provided.get(key) as T;
  }

  /** The value installed at `key`, or undefined when nothing provided it (the caller has a default). */
  find<T>(key: HookKey<T>): T | undefined { return this.provided.get(key) as T | undefined; }

  /** Registers `handler` for `name` at `key` (an STK purpose, a send's reference type); a later one replaces it. */
  on<T>(key: HookKey<T>, name: string, handler: T): void {
    let byName = this.keyed.get(key);
    if (!byName) this.keyed.set(key, (byName = new Map()));
    byName.set(name, handler);
  }

  /** The handler registered for `name` at `key`, if any. */
  handler<T>(key: HookKey<T>, name: string): T | undefined { return this.keyed.get(key)?.get(name) as T | undefined; }

  /** Adds `item` to the list at `key`, once (adding the same item again changes nothing); the list keeps its order. */
  add<T>(key: HookKey<T>, item: T): void {
    let items = this.listed.get(key);
    if (!items) this.listed.set(key, (items = []));
    if (!items.includes(item)) items.push(item);
  }

  /** The items added at `key`, in the order they were added. */
  list<T>(key: HookKey<T>): readonly T[] { return (this.listed.get(key) ?? []) as readonly T[]; }
}
