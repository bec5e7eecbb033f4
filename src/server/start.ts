// Starts the sandbox on a real port. Used by `npm start` / the CLI and by tests that need real HTTP.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sandbox, type SandboxOptions } from '../sandbox.ts';
import { createHost } from './app.ts';
import { persistState, type StatePersistence } from './state-file.ts';

export interface RunningServer {
  sandbox: Sandbox;
  server: Server;
  url: string;
  /** The --state file keeping every world, or null (state in memory only). */
  state: StatePersistence | null;
  close(): Promise<void>;
}

export async function startServer(options: SandboxOptions & { port?: number; host?: string; state?: string; corsOrigins?: string[] } = {}): Promise<RunningServer> {
  const sandbox = new Sandbox(options);
  // Loaded before listening: a refused file (StateFileError) stops the start.
  const state = options.state ? persistState(sandbox, options.state) : null;
  const host = options.host ?? '127.0.0.1';
  // API requests skip express (src/server/api-host.ts); the rest goes to the express app.
  const server = createServer(createHost(sandbox, { corsOrigins: options.corsOrigins }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  sandbox.startTicking();
  const { port } = server.address() as AddressInfo;
  return {
    sandbox,
    server,
    url: `http://${host}:${port}`,
    state,
    close: () => new Promise<void>((resolve) => {
      sandbox.stopTicking();
      state?.stop();
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
