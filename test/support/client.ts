// A small JSON client for tests: one call per request, returning the status and the parsed body.
export interface Reply<T = any> { status: number; body: T; headers: Headers }

export interface Client {
  call<T = any>(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: BodyInit }): Promise<Reply<T>>;
  login(email: string, password?: string): Promise<string>;
  baseUrl: string;
}

export function client(baseUrl: string, fetchImpl: typeof fetch = fetch): Client {
  async function call<T>(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: BodyInit } = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: BodyInit | undefined = options.raw;
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.body);
    }
    const res = await fetchImpl(baseUrl + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
  return {
    baseUrl,
    call,
    async login(email, password = 'sandbox-password') {
      const r = await call<{ access_token: string }>('POST', '/api/v1/users/login', { body: { email, password } });
      if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.access_token;
    },
  };
}
