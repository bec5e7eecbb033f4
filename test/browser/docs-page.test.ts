// GET /docs in chromium: Swagger UI renders the contract from the sandbox's own files, reaches no other host, and
// "Try it out" calls the sandbox that served the page. The page is opened under a host name other than
// localhost/127.0.0.1 (mapped to 127.0.0.1), as a sandbox on a LAN or in a container is: Swagger UI behaves
// differently for localhost (it skips its online validator badge there).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { chromiumPath, noChromiumReason, launchChromium, type Chromium } from './support/chromium.ts';

const HOST = 'sandbox.test';
const ctx = useServer();
let browser: Chromium | undefined;
let origin = '';

beforeAll(async () => {
  origin = ctx.server.url.replace('127.0.0.1', HOST);
  if (chromiumPath) browser = await launchChromium({ localHosts: [HOST] });
}, 30_000);
afterAll(async () => { await browser?.close(); });

/**
 * The product contract's docs page, rendered once and shared by the tests that read it in turn (Swagger UI takes
 * seconds to render the whole contract); a test that runs alone, or after one that left the page, loads it itself.
 */
async function productDocs() {
  const { page } = browser!;
  if (page.url() !== `${origin}/docs`) await page.goto(`${origin}/docs`);
  await expect.poll(() => page.locator('.swagger-ui .info .title').textContent(), { timeout: 15_000 }).toContain('CoinPool');
  return page;
}

describe('the docs page in a browser', () => {
  test('renders the CoinPool contract with no request to any other host', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    const page = await productDocs();
    expect(await page.locator('.opblock').count()).toBeGreaterThan(50);
    // The servers dropdown offers this sandbox first.
    expect(await page.locator('.servers select option').first().getAttribute('value')).toBe(origin);
    // Images (the validator badge) load after the operations render: give them the time to be attempted.
    await page.waitForLoadState('networkidle');
    expect(browser!.offHost).toEqual([]);
  }, 60_000);

  test('"Authorize as" logs the page in as a seeded user in one click, and "Try it out" then succeeds', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    const page = await productDocs();
    // One button per seeded user, and links to the dashboard and the guides.
    expect(await page.locator('#authorize-as button').allTextContents()).toEqual(
      ['admin', 'treasury', 'officer (otc_officer)', 'vendor', 'subvendor', 'alice (customer)', 'bob (customer)']);
    expect(await page.locator('#try-it-bar nav a').evaluateAll((all) => all.map((a) => a.getAttribute('href'))))
      .toEqual(['/__sandbox/ui', '/docs/guides/', '/__sandbox/fixtures']);
    // Before: a protected operation answers 401.
    const op = page.locator('.opblock', { has: page.locator('[data-path="/api/v1/auth/otc/deposits/queue/pending"]') }).first();
    await op.locator('.opblock-summary').click();
    await op.locator('button.execute').click();
    const status = op.locator('.live-responses-table tbody .response-col_status').first();
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('401');
    await page.click('#authorize-as button[data-user="officer"]');
    await expect.poll(() => page.textContent('#authorized-as')).toBe('authorized as officer@coinpool.test (token valid 15 min)');
    await op.locator('button.execute').click();
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('200');
    expect(await op.locator('.live-responses-table tbody .response-col_description pre').first().textContent()).toContain('"deposits"');
    expect(browser!.offHost).toEqual([]);
  }, 60_000);

  test('the login examples carry a seeded user\'s credentials, so the first "Try it out" logs in', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    const doc = await (await fetch(`${ctx.server.url}/docs/openapi.json`)).json();
    expect(doc.paths['/api/v1/users/login'].post.requestBody.content['application/json'].example)
      .toEqual({ email: 'alice@coinpool.test', password: 'sandbox-password' });
    const page = await productDocs();
    const op = page.locator('.opblock', { has: page.locator('[data-path="/api/v1/users/login"]') }).first();
    await expect.poll(() => op.count(), { timeout: 15_000 }).toBe(1);
    await op.locator('.opblock-summary').click();
    await op.locator('button.execute').click();
    const status = op.locator('.live-responses-table tbody .response-col_status').first();
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('200');
    expect(await op.locator('.live-responses-table tbody .response-col_description pre').first().textContent()).toContain('"access_token"');
  }, 60_000);

  test('"Try it out" on the control API calls this sandbox and shows its answer', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    const { page } = browser!;
    await page.goto(`${origin}/docs?urls.primaryName=${encodeURIComponent('coinpool-sandbox control API')}`);
    const op = page.locator('.opblock', { has: page.locator('[data-path="/__sandbox/clock"]') }).filter({ hasText: 'GET' }).first();
    await op.locator('.opblock-summary').click();
    // tryItOutEnabled: the Execute button is there without clicking "Try it out" first.
    await op.locator('button.execute').click();
    const status = op.locator('.live-responses-table tbody .response-col_status').first();
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('200');
    expect(await op.locator('.request-url pre').textContent()).toBe(`${origin}/__sandbox/clock`);
    expect(await op.locator('.live-responses-table tbody .response-col_description pre').first().textContent()).toContain('"now": "2026-11-22T09:00:00Z"');
    expect(ctx.server.sandbox.log.all().some((e) => e.path === '/__sandbox/clock' && e.method === 'GET')).toBe(true);
    expect(browser!.offHost).toEqual([]);
  });

  test('the guides are served under /docs/guides/', async () => {
    const index = await (await fetch(`${ctx.server.url}/docs/guides/`)).text();
    expect(index).toContain('href="/docs/guides/otc.md"');
    const guide = await fetch(`${ctx.server.url}/docs/guides/otc.md`);
    expect(guide.status).toBe(200);
    expect(await guide.text()).toMatch(/^# /);
    expect((await fetch(`${ctx.server.url}/docs/guides/nope.md`)).status).toBe(404);
    expect((await fetch(`${ctx.server.url}/docs/guides/README.md`)).status).toBe(200);
  });
});
