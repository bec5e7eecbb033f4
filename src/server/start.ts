// Starts the sandbox on a real port. Used by `npm start` / the CLI and by tests that need real HTTP.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sandbox, type SandboxOptions } from '../sandbox.ts';
import { createApp } from './app.ts';

export interface RunningServer {
  sandbox: Sandbox;
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: SandboxOptions & { port?: number; host?: string; corsOrigins?: string[] } = {}): Promise<RunningServer> {
  const sandbox = new Sandbox(options);
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
    close: () => new Promise<void>((resolve) => {
      sandbox.stopTicking();
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
