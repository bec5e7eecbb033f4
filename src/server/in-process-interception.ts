// One msw interceptor for every in-process sandbox of this process. msw's Node interceptors patch the globals (fetch,
// http) once, so a second setupServer took fetch over from the first and requests to the first sandbox's base URL went
// to the real network. Each createSandbox() registers its base URL here instead; a request goes to the newest sandbox
// registered for its base URL, and anything else passes through.
import { setupServer, type SetupServer } from 'msw/node';
import { http } from 'msw';
import { isSandboxPath } from '../http/api-prefixes.ts';

interface Handles { handle(request: Request): Promise<Response> }
interface Registration { baseUrl: string; sandbox: Handles }

const registrations: Registration[] = [];
let shared: SetupServer | null = null;

function ownerOf(url: string): Registration | undefined {
  for (let i = registrations.length - 1; i >= 0; i--) {
    const r = registrations[i]!;
    if (!url.startsWith(r.baseUrl + '/')) continue;
    const path = new URL(url.slice(r.baseUrl.length), 'http://x').pathname;
    if (isSandboxPath(path)) return r;
  }
  return undefined;
}

/** Starts intercepting `baseUrl` (no trailing slash) for `sandbox`; release() stops it, closing msw after the last. */
export function interceptBaseUrl(sandbox: Handles, baseUrl: string): { server: SetupServer; release(): void } {
  // Compared with request.url, which the URL parser normalised (lower-case host, default port dropped).
  const registration = { baseUrl: new URL(baseUrl).href.replace(/\/+$/, ''), sandbox };
  registrations.push(registration);
  if (!shared) {
    // One catch-all handler (a user's server.resetHandlers() keeps it): undefined lets msw pass the request on.
    shared = setupServer(http.all('*', ({ request }) => ownerOf(request.url)?.sandbox.handle(request)));
    shared.listen({ onUnhandledRequest: 'bypass' });
  }
  const server = shared;
  return {
    server,
    release() {
      const at = registrations.indexOf(registration);
      if (at < 0) return;
      registrations.splice(at, 1);
      if (registrations.length === 0 && shared === server) { server.close(); shared = null; }
    },
  };
}
