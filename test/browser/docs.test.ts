// GET /docs, /openapi.json and /openapi.yaml: the contract served by the sandbox, and a viewer with no CDN.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { useServer } from '../support/server.ts';

const ctx = useServer();
const contractJson = JSON.parse(readFileSync('contracts/openapi.json', 'utf8'));

describe('the contract', () => {
  test('GET /openapi.json serves contracts/openapi.json as it was built', async () => {
    const r = await ctx.api.call('GET', '/openapi.json');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.body).toEqual(contractJson);
  });

  test('GET /openapi.yaml serves contracts/openapi.yaml, the same document', async () => {
    const r = await ctx.api.call('GET', '/openapi.yaml');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(r.body).toBe(readFileSync('contracts/openapi.yaml', 'utf8'));
    expect(YAML.parse(r.body)).toEqual(contractJson);
  });
});

describe('GET /docs', () => {
  test('is a Swagger UI page whose scripts and styles all come from the sandbox itself', async () => {
    const r = await ctx.api.call('GET', '/docs');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    const all = [...(r.body as string).matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    // The "Authorize as" bar links the dashboard, the guides and the fixtures: pages, not assets of this one.
    expect(all.filter((ref) => ['/__sandbox/ui', '/docs/guides/', '/__sandbox/fixtures'].includes(ref))).toHaveLength(3);
    const refs = all.filter((ref) => !['/__sandbox/ui', '/docs/guides/', '/__sandbox/fixtures'].includes(ref));
    expect(refs).toEqual(['/favicon.ico', '/docs/assets/swagger-ui.css', '/docs/assets/swagger-ui-bundle.js', '/docs/assets/swagger-ui-standalone-preset.js', '/docs/init.js']);
    for (const ref of refs) {
      const asset = await fetch(ctx.server.url + ref);
      expect(asset.status, ref).toBe(200);
      expect((await asset.text()).length, ref).toBeGreaterThan(100);
    }
  });

  test('points "try it" at the sandbox that served the page, for the product and the control API', async () => {
    const init = await ctx.api.call('GET', '/docs/init.js');
    expect(init.body).toContain("url: '/docs/openapi.json'");
    expect(init.body).toContain("url: '/docs/sandbox-control.json'");
    // Swagger UI's default online validator badge would send the document's URL to validator.swagger.io.
    expect(init.body).toContain('validatorUrl: null');
    const product = await ctx.api.call('GET', '/docs/openapi.json');
    expect(product.body.servers[0]).toEqual({ url: ctx.server.url, description: 'this sandbox' });
    // The contract's paths, except the login examples, which carry a seeded user's credentials so "Try it out" logs in.
    const { '/api/v1/users/login': login, '/api/v1/users/login-pin': loginPin, ...rest } = product.body.paths;
    const { '/api/v1/users/login': _l, '/api/v1/users/login-pin': _p, ...contractRest } = contractJson.paths;
    expect(rest).toEqual(contractRest);
    expect(login.post.requestBody.content['application/json'].example.email).toBe('alice@coinpool.test');
    expect(loginPin.post.requestBody.content['application/json'].examples.email.value).toEqual({ email: 'alice@coinpool.test', pin: '123456' });
    const control = await ctx.api.call('GET', '/docs/sandbox-control.json');
    expect(control.body.servers[0].url).toBe(ctx.server.url);
    expect(Object.keys(control.body.paths)).toContain('/__sandbox/mpesa/stk/{checkout_request_id}/resolve');
  });

  test('"try it" works: the page origin answers a documented call', async () => {
    const r = await ctx.api.call('POST', '/api/v1/users/login-pin', { body: { email: 'alice@coinpool.test', pin: '123456' } });
    expect(r.status).toBe(200);
    expect(r.body.user.email).toBe('alice@coinpool.test');
  });
});

describe('GET /__sandbox/ui', () => {
  test('serves the dashboard page and only its own assets (scripts, stylesheet, icon)', async () => {
    const page = await ctx.api.call('GET', '/__sandbox/ui');
    expect(page.status).toBe(200);
    expect(page.body).toContain('/__sandbox/ui/assets/dashboard.js');
    for (const file of ['dashboard.js', 'dashboard.css', 'ui.js', 'panels.js', 'panels/payments.js', 'favicon.svg']) {
      expect((await ctx.api.call('GET', `/__sandbox/ui/assets/${file}`)).status, file).toBe(200);
    }
    // The folder also holds the router's source: it is not served, nor anything outside the folder.
    expect((await ctx.api.call('GET', '/__sandbox/ui/assets/index.ts')).status).toBe(404);
    expect((await ctx.api.call('GET', '/__sandbox/ui/assets/page.html')).status).toBe(404);
    expect((await ctx.api.call('GET', '/__sandbox/ui/assets/..%2Findex.ts')).status).toBe(404);
  });

  test('GET /favicon.ico is the sandbox icon (browsers ask for it on every page)', async () => {
    const res = await fetch(`${ctx.server.url}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await res.text()).toMatch(/^<svg /);
  });

  test('the dashboard scripts act only through the /__sandbox API', () => {
    const files = ['dashboard.js', 'panels/people.js', 'panels/payments.js', 'panels/activity.js', 'panels/collections.js'];
    const script = files.map((f) => readFileSync(`src/server/dashboard/${f}`, 'utf8')).join('\n');
    const paths = [...script.matchAll(/(?:call\('(?:GET|POST)', |: )[`'](\/[^`'$?]*)/g)].map((m) => m[1]).filter((p) => p.length > 1);
    expect(paths.length).toBeGreaterThan(10);
    for (const p of paths) expect(p).toMatch(/^\/(__sandbox\/|api\/v1\/auth\/orders\/payment)/);
    expect(script).not.toMatch(/fetch\((?!path)/);
  });
});
