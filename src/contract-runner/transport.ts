// The HTTP side of verify: one request out, the whole response back (status, headers, text, parsed JSON), with a
// timeout so a hanging server is reported instead of hanging the run.
export interface OutgoingRequest {
  method: string;
  /** Path with parameters already substituted, e.g. /api/v1/auth/user/id/123. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  token?: string;
  /** JSON body (serialised here), or raw text with its own content type in headers. */
  json?: unknown;
  raw?: string;
  /** multipart/form-data fields. */
  form?: Record<string, string | Blob>;
}

export interface Exchange {
  method: string;
  url: string;
  requestBody: unknown;
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
  durationMs: number;
  /** Set when no response arrived at all. */
  networkError?: string;
}

export interface Transport {
  baseUrl: string;
  send(request: OutgoingRequest): Promise<Exchange>;
}

export function createTransport(baseUrl: string, options: { headers?: Record<string, string>; timeoutMs?: number; fetch?: typeof fetch } = {}): Transport {
  const base = baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  return {
    baseUrl: base,
    async send(request) {
      const url = new URL(base + request.path);
      for (const [k, v] of Object.entries(request.query ?? {})) url.searchParams.set(k, v);
      const headers: Record<string, string> = { accept: 'application/json', ...options.headers, ...request.headers };
      if (request.token) headers.authorization = `Bearer ${request.token}`;
      let body: string | FormData | undefined = request.raw;
      if (request.form) {
        const form = new FormData();
        for (const [k, v] of Object.entries(request.form)) {
          if (typeof v === 'string') form.set(k, v); else form.set(k, v, `${k}.pdf`);
        }
        body = form;
      }
      if (request.json !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = JSON.stringify(request.json);
      }
      const started = Date.now();
      try {
        const res = await doFetch(url, { method: request.method, headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
        const text = await res.text();
        let json: unknown;
        try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
        return { method: request.method, url: url.toString(), requestBody: request.json ?? request.raw, status: res.status, headers: res.headers, text, json, durationMs: Date.now() - started };
      } catch (error) {
        return {
          method: request.method, url: url.toString(), requestBody: request.json ?? request.raw, status: 0, headers: new Headers(), text: '',
          json: undefined, durationMs: Date.now() - started, networkError: (error as Error).message,
        };
      }
    },
  };
}

/** The `error` message of an error body, for skip reasons. */
export function errorMessage(exchange: Exchange): string {
  const body = exchange.json as { error?: unknown } | undefined;
  if (exchange.networkError) return exchange.networkError;
  return typeof body?.error === 'string' ? body.error : exchange.text.slice(0, 160);
}
