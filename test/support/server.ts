// Starts a real sandbox server on a free port for one test file.
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/start.ts';
import { client, type Client } from './client.ts';
import { DEFAULT_START } from '../../fixtures/default-world.ts';

export function useServer(options: Parameters<typeof startServer>[0] = {}) {
  const ctx = {} as { server: RunningServer; api: Client };
  beforeAll(async () => {
    ctx.server = await startServer({ start: new Date(DEFAULT_START), frozen: true, ...options });
    ctx.api = client(ctx.server.url);
  });
  afterAll(async () => { await ctx.server?.close(); });
  return ctx;
}
