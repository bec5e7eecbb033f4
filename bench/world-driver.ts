// Drives one in-process Sandbox through its Fetch handler (no port): used by the scale bench to fill the world and time
// single requests without a network or a load generator in the way.
import { Sandbox } from '../src/sandbox.ts';
import { FIXTURE_PASSWORD } from '../fixtures/default-world.ts';

export interface Reply { status: number; body: any; text: string }

export class Driver {
  readonly sandbox: Sandbox;
  token: Record<string, string> = {};
  constructor(options: ConstructorParameters<typeof Sandbox>[0] = {}) {
    this.sandbox = new Sandbox({ start: new Date('2026-11-22T09:00:00Z'), frozen: true, ...options });
  }

  async call(method: string, path: string, opts: { token?: string; body?: unknown; raw?: string } = {}): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined || opts.raw !== undefined) headers['content-type'] = 'application/json';
    const res = await this.sandbox.handle(new Request(`http://sandbox${path}`, {
      method, headers, body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    }));
    const text = await res.text();
    let body: any = text;
    try { body = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, body, text };
  }

  async must(method: string, path: string, opts: { token?: string; body?: unknown; raw?: string } = {}): Promise<any> {
    const r = await this.call(method, path, opts);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    return r.body;
  }

  user(key: string) { return this.sandbox.fixtures.users.find((u) => u.email === `${key}@coinpool.test`)!; }

  async login(key: string): Promise<string> {
    const r = await this.must('POST', '/api/v1/users/login', { body: { email: `${key}@coinpool.test`, password: FIXTURE_PASSWORD } });
    return (this.token[key] = r.access_token as string);
  }
}
