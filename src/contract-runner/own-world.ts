// verify against a sandbox runs in a world of its own: it registers users, funds wallets, moves the clock and creates
// offers, orders and deposits, and none of that may land in the default world other tests rely on. A target is a
// sandbox with worlds when GET /__sandbox/worlds answers the worlds list; any other server (staging, production,
// an older sandbox) is verified as it is, at the URL given. A URL that already names a world is used as it is.
export interface OwnWorldOptions {
  baseUrl: string;
  /** Create a world on a sandbox target (default true). */
  world?: boolean;
  /** Leave the world in place after the run, for inspection (default: deleted). */
  keepWorld?: boolean;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  onWorld?: (world: { id: string; base_url: string; kept: boolean }) => void;
}

export interface OwnWorld { baseUrl: string; release(): Promise<void> }

export async function ownWorld(options: OwnWorldOptions): Promise<OwnWorld> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const asIs: OwnWorld = { baseUrl: options.baseUrl, release: async () => {} };
  if (options.world === false || /\/worlds\/[^/]+$/.test(new URL(base).pathname)) return asIs;
  const doFetch = options.fetch ?? fetch;
  const headers = { ...options.headers, accept: 'application/json' };
  let listed: { worlds?: unknown } | null = null;
  try {
    const res = await doFetch(`${base}/__sandbox/worlds`, { headers });
    listed = res.ok ? await res.json() as { worlds?: unknown } : null;
  } catch { return asIs; } // unreachable or not JSON: verify reports it on its own first request
  if (!listed || !Array.isArray(listed.worlds)) return asIs;
  const res = await doFetch(`${base}/__sandbox/worlds`, {
    method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ label: 'coinpool-sandbox verify' }),
  });
  if (res.status !== 201) throw new Error(`the sandbox at ${base} refused a world for verify (${res.status}: ${await res.text()}); pass --no-world to verify its default world instead`);
  const world = await res.json() as { id: string; base_url: string };
  options.onWorld?.({ id: world.id, base_url: world.base_url, kept: !!options.keepWorld });
  return {
    baseUrl: world.base_url,
    release: async () => {
      if (!options.keepWorld) await doFetch(`${base}/__sandbox/worlds/${encodeURIComponent(world.id)}`, { method: 'DELETE', headers }).catch(() => undefined);
    },
  };
}
