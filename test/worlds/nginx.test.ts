// The recipe of docs/worlds.md, run: two sandbox processes behind nginx configured with docs/nginx/worlds.conf
// (hash of the world id, consistent). Worlds created through nginx land on exactly one process and keep answering
// through nginx, by path prefix and by header; both processes get worlds; the other process answers 404 for a world
// it does not hold. Skipped, saying why, when nginx is not installed (.ci/run installs Debian's nginx).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, type Client } from '../support/client.ts';
import { freePort, startCli, type CliProcess } from '../support/cli-process.ts';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'].find((p) => existsSync(p));
const ROOT = join(import.meta.dirname, '..', '..');

describe.skipIf(!NGINX)(`nginx in front of two sandbox processes${NGINX ? '' : ' (skipped: nginx is not installed)'}`, () => {
  let sandboxes: CliProcess[] = [];
  let nginx: ChildProcess | null = null;
  let nginxLog = '';
  let front: Client;
  let backends: Client[];

  beforeAll(async () => {
    sandboxes = await Promise.all([0, 1].map(async () => startCli(['--port', String(await freePort()), '--frozen'])));
    const port = await freePort();
    const prefix = mkdtempSync(join(tmpdir(), 'sandbox-nginx-'));
    mkdirSync(join(prefix, 'logs'));
    const recipe = readFileSync(join(ROOT, 'docs', 'nginx', 'worlds.conf'), 'utf8')
      .replace('server 127.0.0.1:4011;', `server ${new URL(sandboxes[0].url).host};`)
      .replace('server 127.0.0.1:4012;', `server ${new URL(sandboxes[1].url).host};`)
      .replace('listen 8080;', `listen 127.0.0.1:${port};`);
    expect(recipe).toContain(`listen 127.0.0.1:${port};`);
    writeFileSync(join(prefix, 'worlds.conf'), recipe);
    // The main context a user's nginx already has; everything in the temp prefix, run as the current user.
    writeFileSync(join(prefix, 'nginx.conf'), `pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log ${prefix}/logs/access.log;
  client_body_temp_path ${prefix}/client_body; proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi; uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  include ${prefix}/worlds.conf;
}
`);
    nginx = spawn(NGINX!, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off; master_process off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
    nginx.stderr!.on('data', (c) => { nginxLog += c; });
    front = client(`http://127.0.0.1:${port}`);
    for (let i = 0; i < 100; i++) {
      if (nginx.exitCode !== null) throw new Error(`nginx exited: ${nginxLog}`);
      if (await front.call('GET', '/__sandbox/clock').then((r) => r.status === 200, () => false)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    backends = sandboxes.map((s) => client(s.url));
  }, 180_000);

  afterAll(() => {
    nginx?.kill('SIGTERM');
    for (const s of sandboxes) s.child.kill('SIGTERM');
  });

  test('worlds created through nginx live on one process each, spread over both, and answer through nginx', { timeout: 120_000 }, async () => {
    const created: { id: string; base_url: string; home: number }[] = [];
    // Until both processes hold a world (each creation lands on either with probability 1/2).
    for (let i = 0; i < 40 && new Set(created.map((w) => w.home)).size < 2; i++) {
      const r = await front.call('POST', '/__sandbox/worlds', { body: { label: `via nginx ${i}`, frozen: true } });
      expect(r.status, `${JSON.stringify(r.body)} ${nginxLog}`).toBe(201);
      expect(r.body.id).toMatch(/^[0-9a-f]{32}$/); // nginx's $request_id
      expect(r.body.base_url).toBe(`${front.baseUrl}/worlds/${r.body.id}`);
      const held = await Promise.all(backends.map((b) => b.call('GET', `/__sandbox/worlds/${r.body.id}`)));
      expect(held.map((h) => h.status).sort()).toEqual([200, 404]);
      created.push({ id: r.body.id, base_url: r.body.base_url, home: held.findIndex((h) => h.status === 200) });
    }
    expect(new Set(created.map((w) => w.home)).size).toBe(2);

    for (const w of created) {
      const world = client(w.base_url);
      // state written through nginx is read back through nginx, and sits on the world's process
      await world.call('POST', '/__sandbox/clock/advance', { body: { seconds: 60 } });
      const token = await world.login('alice@coinpool.test');
      const read = await front.call('GET', '/api/v1/auth/user/email/alice@coinpool.test', { token, headers: { 'x-sandbox-world': w.id } });
      expect(read.status).toBe(200);
      expect((await world.call('GET', '/__sandbox/clock')).body.now).toBe('2026-11-22T09:01:00Z');
      expect((await client(`${sandboxes[w.home].url}/worlds/${w.id}`).call('GET', '/__sandbox/clock')).body.now).toBe('2026-11-22T09:01:00Z');
      expect((await front.call('GET', `/__sandbox/worlds/${w.id}`)).body.label).toMatch(/^via nginx/);
    }
    // the process that does not hold a world says so
    const w = created[0];
    const elsewhere = await client(`${sandboxes[1 - w.home].url}/worlds/${w.id}`).call('GET', '/__sandbox/clock');
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error).toContain('lives on another sandbox process');
    // delete through nginx reaches the right process
    expect((await front.call('DELETE', `/__sandbox/worlds/${w.id}`)).status).toBe(204);
    expect((await client(w.base_url).call('GET', '/__sandbox/clock')).status).toBe(404);
    // a client cannot choose an id that would hash elsewhere: nginx replaces X-Sandbox-World-Id
    const chosen = await front.call('POST', '/__sandbox/worlds', { headers: { 'x-sandbox-world-id': 'mine' } });
    expect(chosen.body.id).not.toBe('mine');
  });
});
