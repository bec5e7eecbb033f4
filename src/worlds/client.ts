// `sandbox.worlds`: the isolated worlds of a sandbox through its control API, for tests. Works the same against the
// in-process sandbox (createSandbox: requests go to Sandbox.handle) and a remote one (connectSandbox(url): fetch).
//
// @example
//   const remote = connectSandbox('http://127.0.0.1:4010');
//   const world = await remote.worlds.create({ seed: 7, label: 'checkout tests' });
//   const client = new MyCoinPoolClient({ baseUrl: world.baseUrl });   // the code under test, unchanged
//   await world.control.clock.advance(60);
//   await world.delete();
import { controlClient, type ControlClient, type Send } from '../control/client.ts';
import { FIXTURE_PASSWORD } from '../../fixtures/default-world.ts';

export interface WorldInfo {
  id: string;
  label: string | null;
  seed: number;
  default: boolean;
  base_url: string;
  control_url: string;
  created_at: string;
  last_used_at: string;
  expires_at: string | null;
  clock: { now: string; frozen: boolean };
  memory: { estimated_bytes: number; rows: number };
}

export interface WorldHandle {
  id: string;
  /** The world's API base URL: give it to the code under test in place of the sandbox's. */
  baseUrl: string;
  /** The world's control API root ({controlUrl}/clock ...). */
  controlUrl: string;
  /** The world's control API without URLs (clock, faucet, fixtures, M-Pesa, webhooks ...). */
  control: ControlClient;
  /** fetch relative to the world's base URL. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Logs in a user of this world and returns its access token (valid in this world only). */
  login(email: string, password?: string): Promise<string>;
  /** The world as GET /__sandbox/worlds/{id} shows it now. */
  info(): Promise<WorldInfo>;
  delete(): Promise<void>;
}

export interface WorldsClient {
  create(input?: { seed?: number; clock?: string | Date; frozen?: boolean; label?: string }): Promise<WorldHandle>;
  list(): Promise<{ count: number; max_worlds: number; ttl_seconds: number; worlds: WorldInfo[] }>;
  /** An existing world by id (e.g. one a CI step created and passed on in an environment variable). */
  use(id: string): Promise<WorldHandle>;
  delete(id: string): Promise<void>;
}

/** `send` answers requests to `origin` (the sandbox's root URL). */
export function worldsClient(send: Send, origin: string): WorldsClient {
  const root = controlClient(send, origin);
  const handle = (info: WorldInfo): WorldHandle => {
    // The world's URLs carry the origin the sandbox saw; requests go through `send` with the same paths.
    const prefix = new URL(info.base_url).pathname;
    const base = `${origin}${prefix}`;
    const call = (path: string, init?: RequestInit) => send(new Request(base + path, init));
    return {
      id: info.id,
      baseUrl: info.base_url,
      controlUrl: info.control_url,
      control: controlClient(send, base),
      fetch: call,
      async login(email, password = FIXTURE_PASSWORD) {
        const res = await call('/api/v1/users/login', {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
        });
        if (res.status !== 200) throw new Error(`login of ${email} in world ${info.id} failed: ${res.status} ${await res.text()}`);
        return ((await res.json()) as { access_token: string }).access_token;
      },
      info: () => root.call('getWorld', { params: { world_id: info.id } }),
      delete: async () => { await root.call('deleteWorld', { params: { world_id: info.id } }); },
    };
  };
  return {
    async create(input = {}) {
      const body = { ...input, clock: input.clock instanceof Date ? input.clock.toISOString() : input.clock };
      return handle(await root.call('createWorld', { body }));
    },
    list: () => root.call('listWorlds'),
    use: async (id) => handle(await root.call('getWorld', { params: { world_id: id } })),
    delete: async (id) => { await root.call('deleteWorld', { params: { world_id: id } }); },
  };
}
