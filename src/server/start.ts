// Starts the sandbox on a real port. Used by `npm start` / the CLI and by tests that need real HTTP.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sandbox, type SandboxOptions } from '../sandbox.ts';
import { createApp } from './app.ts';
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
  const app = createApp(sandbox, { corsOrigins: options.corsOrigins });
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port ?? 0, host, (error?: Error) => (error ? reject(error) : resolve(s)));
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
