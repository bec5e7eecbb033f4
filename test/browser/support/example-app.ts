// Builds examples/web with Vite (after init-worker put the service worker script in its public folder) and serves
// the static build with `vite preview`: a server with no API at all, so every API answer comes from the worker.
// The server records every path it was asked for, so a test can show that no API call ever reached it.
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';
import { initWorker } from '../../../src/cli/init-worker.ts';

const appDir = fileURLToPath(new URL('../../../examples/web/', import.meta.url));

export interface ExampleApp { url: string; served: string[]; close(): Promise<void> }

export async function serveExampleApp(): Promise<ExampleApp> {
  initWorker(`${appDir}public`);
  const configFile = `${appDir}vite.config.ts`;
  await build({ configFile, logLevel: 'warn' });
  const served: string[] = [];
  const server: PreviewServer = await preview({
    configFile, logLevel: 'warn', preview: { host: '127.0.0.1', port: 0, strictPort: false },
    plugins: [{ name: 'record-requests', configurePreviewServer: (s) => { s.middlewares.use((req, _res, next) => { served.push(req.url ?? ''); next(); }); } }],
  });
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, served, close: () => server.close() };
}
