// A sandbox running elsewhere (another process, a shared team server, a CI service container), driven from a test:
// its control API and its worlds. Each test file or CI job takes a world of its own and leaves the others alone.
import { controlClient, type ControlClient } from '../control/client.ts';
import { worldsClient, type WorldsClient } from './client.ts';

export interface RemoteSandbox {
  baseUrl: string;
  /** The default world's control API. */
  control: ControlClient;
  worlds: WorldsClient;
}

export function connectSandbox(url: string, fetchImpl: typeof fetch = fetch): RemoteSandbox {
  const origin = url.replace(/\/+$/, '');
  const send = (request: Request) => fetchImpl(request);
  return { baseUrl: origin, control: controlClient(send, origin), worlds: worldsClient(send, origin) };
}
