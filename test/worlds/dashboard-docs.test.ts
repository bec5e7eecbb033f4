// The dashboard's world picker shows and acts on the chosen world (its requests carry X-Sandbox-World, the Faults tab
// included), and the docs page offers every world as a server, the chosen one first, so "Try it out" reaches it. The
// dashboard on a chosen world is screenshot to test-output/browser/dashboard-world-picked.png.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync } from 'node:fs';
import { useServer } from '../support/server.ts';
import { chromiumPath, noChromiumReason, launchChromium, type Chromium } from '../browser/support/chromium.ts';

const ctx = useServer();
let world: { id: string; base_url: string };

beforeAll(async () => {
  world = (await ctx.api.call('POST', '/__sandbox/worlds', { body: { label: 'picked', frozen: true, clock: '2030-01-01T00:00:00Z' } })).body;
});

test('the docs documents list every world as a server; ?world= puts the chosen one first', async () => {
  const plain = (await ctx.api.call('GET', '/docs/openapi.json')).body.servers;
  expect(plain[0]).toEqual({ url: ctx.server.url, description: 'this sandbox' });
  expect(plain).toContainEqual({ url: world.base_url, description: `world ${world.id} · picked` });
  for (const doc of ['openapi.json', 'sandbox-control.json']) {
    const chosen = (await ctx.api.call('GET', `/docs/${doc}?world=${world.id}`)).body.servers;
    expect(chosen[0].url).toBe(world.base_url);
    expect(chosen[1].url).toBe(ctx.server.url);
  }
  expect((await ctx.api.call('GET', '/docs/init.js')).body).toContain("'/docs/openapi.json' + q");
});

describe.skipIf(!chromiumPath)(`dashboard world picker${chromiumPath ? '' : ` (skipped: ${noChromiumReason})`}`, () => {
  let browser: Chromium;
  const worldHeaders: (string | undefined)[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
    browser.page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/__sandbox/world')) worldHeaders.push(r.headers()['x-sandbox-world']); });
  }, 60_000);
  afterAll(async () => { await browser?.close(); });

  test('a chosen world is shown and acted on; choosing the default world goes back', { timeout: 60_000 }, async () => {
    const { page } = browser;
    await page.goto(`${ctx.server.url}/__sandbox/ui?world=${world.id}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    expect(await page.textContent('#clock-now')).toBe('2030-01-01T00:00:00Z');
    await expect.poll(() => page.inputValue('#world-select')).toBe(world.id);
    expect(await page.textContent('#world-select')).toContain('picked');
    expect(worldHeaders).toContain(world.id);
    // an action goes to the chosen world only
    await page.fill('#clock-seconds', '60');
    await page.click('#clock-advance');
    await expect.poll(() => page.textContent('#clock-now')).toBe('2030-01-01T00:01:00Z');
    expect((await ctx.api.call('GET', `/worlds/${world.id}/__sandbox/clock`)).body.now).toBe('2030-01-01T00:01:00Z');
    expect((await ctx.api.call('GET', '/__sandbox/clock')).body.now).toBe('2026-11-22T09:00:00Z');
    expect(await page.getAttribute('#world-picker a', 'href')).toBe(`/docs?world=${world.id}`);
    // The fixtures link reads the chosen world's fixtures through its path prefix.
    const fixtures = await page.getAttribute('#world-picker a:text-is("fixtures")', 'href');
    expect(fixtures).toBe(`/worlds/${world.id}/__sandbox/fixtures`);
    expect((await ctx.api.call('GET', fixtures!)).status).toBe(200);
    mkdirSync('test-output/browser', { recursive: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: 'test-output/browser/dashboard-world-picked.png' });

    // The Faults tab reads the chosen world's faults, not the default world's.
    const added = await ctx.api.call('POST', `/worlds/${world.id}/__sandbox/faults`, { body: { match: { operation_id: 'createOrder' }, kind: 'timeout' } });
    expect(added.status).toBe(201);
    await page.click('#tabs button[data-tab="faults"]');
    await expect.poll(() => page.locator('#faults-list tr[data-fault]').count(), { timeout: 5000 }).toBe(1);
    expect((await ctx.api.call('GET', '/__sandbox/faults')).body).toEqual([]);

    await Promise.all([page.waitForURL((u) => !u.search.includes('world=')), page.selectOption('#world-select', 'default')]);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    expect(await page.textContent('#clock-now')).toBe('2026-11-22T09:00:00Z');
    expect(await page.locator('#faults-list tr[data-fault]').count()).toBe(0);
  });
});
