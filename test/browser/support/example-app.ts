// Builds examples/web with Vite (after init-worker put the service worker script in its public folder) and serves
// the static build with `vite preview`: a server with no API at all, so every API answer comes from the worker.
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';
import { initWorker } from '../../../src/cli/init-worker.ts';

const appDir = fileURLToPath(new URL('../../../examples/web/', import.meta.url));

export async function serveExampleApp(): Promise<{ url: string; close(): Promise<void> }> {
  initWorker(`${appDir}public`);
  const configFile = `${appDir}vite.config.ts`;
  await build({ configFile, logLevel: 'warn' });
  const server: PreviewServer = await preview({ configFile, logLevel: 'warn', preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}
