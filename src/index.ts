// The partner-facing library: an in-process sandbox for tests. `createSandbox()` intercepts fetch to the CoinPool
// base URL with msw's setupServer, so the code under test talks to "production" and gets the sandbox.
import type { SetupServer } from 'msw/node';
import { Sandbox, type SandboxOptions } from './sandbox.ts';
import { PRODUCTION_BASE_URL } from './http/msw-handlers.ts';
import { interceptBaseUrl } from './server/in-process-interception.ts';
import { controlClient, type ControlClient } from './control/client.ts';
import { worldsClient, type WorldsClient } from './worlds/client.ts';
import { persistState } from './server/state-file.ts';

export { Sandbox, type SandboxOptions } from './sandbox.ts';
export { createMswHandlers, PRODUCTION_BASE_URL } from './http/msw-handlers.ts';
export { startServer } from './server/start.ts';
export { StateFileError } from './server/state-file.ts';
export { controlClient, ControlError, type ControlClient } from './control/client.ts';
export { connectSandbox, type RemoteSandbox } from './worlds/remote.ts';
export type { WorldsClient, WorldHandle, WorldInfo } from './worlds/client.ts';
export { FIXTURE_PASSWORD, FIXTURE_PIN, DEFAULT_SEED } from '../fixtures/default-world.ts';

export interface InProcessSandbox {
  sandbox: Sandbox;
  baseUrl: string;
  /** The process's one msw server, shared by every in-process sandbox: add overrides with server.use(). */
  server: SetupServer;
  /** fetch relative to the base URL: `api.fetch('/api/v1/users/login', {...})`. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Logs in a seeded or registered user by email and returns an access token. */
  login(email: string, password?: string): Promise<string>;
  /** The /__sandbox control API without URLs: clock, faucet, M-Pesa, chain, webhooks, violations (src/control/client.ts). */
  control: ControlClient;
  /** Isolated worlds of this sandbox (src/worlds/client.ts): `await sandbox.worlds.create({ seed })` → its baseUrl. */
  worlds: WorldsClient;
  /** Resolves when every webhook POST started so far has been answered. */
  settle(): Promise<void>;
  reset(): void;
  close(): void;
}

export function createSandbox(options: SandboxOptions & { baseUrl?: string; state?: string } = {}): InProcessSandbox {
  const sandbox = new Sandbox(options);
  /** `state`: every world kept in this file across runs (src/server/state-file.ts); in memory only without it. */
  const state = options.state ? persistState(sandbox, options.state) : null;
  const baseUrl = (options.baseUrl ?? PRODUCTION_BASE_URL).replace(/\/+$/, '');
  // Shared by every in-process sandbox of the process (several may run side by side, each on its own base URL).
  const { server, release } = interceptBaseUrl(sandbox, baseUrl);
  sandbox.startTicking();
  const call = (path: string, init?: RequestInit) => fetch(baseUrl + path, init);
  return {
    sandbox,
    baseUrl,
    server,
    fetch: call,
    async login(email, password = 'sandbox-password') {
      const res = await call('/api/v1/users/login', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
      });
      if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { access_token: string }).access_token;
    },
    control: controlClient(sandbox.handle),
    worlds: worldsClient(sandbox.handle, new URL(baseUrl).origin),
    settle: () => sandbox.settle(),
    reset: () => sandbox.reset(),
    close() { sandbox.stopTicking(); state?.stop(); release(); },
  };
}
