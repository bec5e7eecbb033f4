// Browser mode: the whole sandbox (the same handlers, store, clock and simulations as the server) runs in the page,
// and msw's service worker hands it every request the app makes to the sandbox's base URL. No backend at all.
//
// @example
//   import { startSandboxWorker } from 'coinpool-sandbox/browser';
//   const sandbox = await startSandboxWorker();          // then fetch('/api/v1/users/login-pin', ...) as usual
import { setupWorker, type SetupWorker } from 'msw/browser';
import { Sandbox, type SandboxOptions } from '../sandbox.ts';
import { createMswHandlers } from '../http/msw-handlers.ts';
import { DEFAULT_SEED } from '../../fixtures/default-world.ts';
import { WorldStore, storageKey } from './persistence.ts';
import { checkSnapshotValue } from '../control/snapshot-http.ts';
import { WorldsStore } from './worlds-store.ts';
import { controlClient, type ControlClient } from '../control/client.ts';

const SAVE_EVERY_MS = 2000;

export interface SandboxWorkerOptions extends SandboxOptions {
  /** The origin the app calls (default: the page's own origin, so the app fetches `/api/v1/...`). */
  baseUrl?: string;
  /** Where the page serves the worker script that `npx coinpool-sandbox init-worker <public-dir>` wrote. */
  serviceWorkerUrl?: string;
  /** Start from the seeded world, discarding the stored one (default false: the stored world survives reloads). */
  reset?: boolean;
  /** Keep the world in localStorage across reloads (default true). */
  persist?: boolean;
  /** localStorage key prefix; the seed is appended (default `coinpool-sandbox`). */
  storageKey?: string;
  /** Silence msw's console lines for every intercepted request (default true). */
  quiet?: boolean;
}

export interface SandboxWorker {
  sandbox: Sandbox;
  worker: SetupWorker;
  baseUrl: string;
  /** The /__sandbox control API without URLs or network (src/control/client.ts); changes are stored like any request's. */
  control: ControlClient;
  /** Back to the seeded world, also in storage. */
  reset(): void;
  /** Stores the world now (done after every request and when the page is hidden). */
  save(): void;
  /** Stops intercepting; the stored world stays. */
  stop(): void;
}

export async function startSandboxWorker(options: SandboxWorkerOptions = {}): Promise<SandboxWorker> {
  const seed = options.seed ?? DEFAULT_SEED;
  const sandbox = new Sandbox({ ...options, seed });
  const baseUrl = (options.baseUrl ?? globalThis.location.origin).replace(/\/+$/, '');
  const key = storageKey(options.storageKey ?? 'coinpool-sandbox', seed);
  const store = options.persist === false ? null : new WorldStore(globalThis.localStorage, key);
  // The created worlds (POST /__sandbox/worlds) are kept beside the default one.
  const worldsStore = options.persist === false ? null : new WorldsStore(globalThis.localStorage, `${key}:worlds`);

  if (options.reset) { store?.clear(); worldsStore?.clear(); }
  const stored = store?.read();
  if (stored) {
    try {
      // What is in localStorage is checked like any restore: a tampered or stale stored world must not brick the page.
      const checked = checkSnapshotValue(stored, seed);
      if (!checked.ok) throw new Error(checked.message);
      sandbox.world.load(checked.state);
    } catch (error) {
      console.warn(`[coinpool-sandbox] the stored world could not be restored (${(error as Error).message}); starting from the seeded world`);
      store?.clear();
      sandbox.reset();
    }
  }
  worldsStore?.restore(sandbox.worlds);
  // sandbox.world is read on every save: POST /__sandbox/reset replaces the world object.
  const save = () => { store?.write(sandbox.world.exportState()); worldsStore?.write(sandbox.worlds); };

  const handleAndSave = async (request: Request) => {
    const response = await sandbox.handle(request);
    save();
    return response;
  };
  const handlers = createMswHandlers({ handle: handleAndSave }, baseUrl);
  const worker = setupWorker(...handlers);
  await worker.start({
    serviceWorker: { url: options.serviceWorkerUrl ?? '/mockServiceWorker.js' },
    onUnhandledRequest: 'bypass',
    quiet: options.quiet ?? true,
  });
  sandbox.startTicking();
  // Jobs also run between requests (an STK callback 5 s after the push): store those changes too.
  const saver = setInterval(save, SAVE_EVERY_MS);
  const onHide = () => { if (document.visibilityState === 'hidden') save(); };
  globalThis.addEventListener('pagehide', save);
  document.addEventListener('visibilitychange', onHide);
  save();

  return {
    sandbox,
    worker,
    baseUrl,
    control: controlClient(handleAndSave, baseUrl),
    reset() { sandbox.reset(); save(); },
    save,
    stop() {
      save();
      sandbox.stopTicking();
      clearInterval(saver);
      worker.stop();
      globalThis.removeEventListener('pagehide', save);
      document.removeEventListener('visibilitychange', onHide);
    },
  };
}

export { Sandbox, type SandboxOptions } from '../sandbox.ts';
export { FIXTURE_PASSWORD, FIXTURE_PIN, DEFAULT_SEED } from '../../fixtures/default-world.ts';
