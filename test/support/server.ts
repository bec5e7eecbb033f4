// Starts a real sandbox server on a free port for one test file.
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/start.ts';
import { client, type Client } from './client.ts';
import { DEFAULT_START } from '../../fixtures/default-world.ts';
import { fixtures, logins } from './seeded.ts';

export function useServer(options: Parameters<typeof startServer>[0] = {}) {
  const ctx = {} as { server: RunningServer; api: Client };
  beforeAll(async () => {
    ctx.server = await startServer({ start: new Date(DEFAULT_START), frozen: true, ...options });
    ctx.api = client(ctx.server.url);
  });
  afterAll(async () => { await ctx.server?.close(); });
  return ctx;
}

/**
 * useServer with every seeded user logged in (`t.alice`: her token) and the fixtures read (`fx.user('vendor')`): the
 * set-up most area test files start with. `t` and `fx` are filled in before the file's own beforeAll hooks run.
 */
export function useSeededServer(options: Parameters<typeof startServer>[0] = {}) {
  const ctx = useServer(options);
  const t = {} as Awaited<ReturnType<typeof logins>>;
  const fx = {} as Awaited<ReturnType<typeof fixtures>>;
  beforeAll(async () => {
    Object.assign(t, await logins(ctx.api));
    Object.assign(fx, await fixtures(ctx.api));
  });
  return { ctx, t, fx };
}
