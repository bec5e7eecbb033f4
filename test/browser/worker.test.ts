// Browser mode: examples/web served as static files (no API behind them), the sandbox running in the page through
// msw's service worker, state kept across a reload, and the whole on-ramp flow on screen.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync } from 'node:fs';
import { chromiumPath, noChromiumReason, launchChromium, type Chromium } from './support/chromium.ts';
import { serveExampleApp } from './support/example-app.ts';
import { marketplaceReady, noMarketplaceReason } from './support/marketplace.ts';

let app: Awaited<ReturnType<typeof serveExampleApp>> | undefined;
let browser: Chromium | undefined;

beforeAll(async () => {
  if (!chromiumPath) return;
  app = await serveExampleApp();
  browser = await launchChromium();
}, 60_000);
afterAll(async () => { await browser?.close(); await app?.close(); });

/** Calls the API from inside the page: the service worker answers, as it does for the app's own fetches. */
const pageFetch = (method: string, path: string, body?: unknown) => browser!.page.evaluate(async ([m, p, b]) => {
  const res = await fetch(p as string, { method: m as string, headers: b ? { 'content-type': 'application/json' } : {}, body: b ? JSON.stringify(b) : undefined });
  return { status: res.status, body: await res.json().catch(() => null) };
}, [method, path, body] as const);

async function open(query = '') {
  await browser!.page.goto(app!.url + query);
  await browser!.page.waitForSelector('body[data-sandbox="ready"]', { timeout: 20_000 });
}

describe('startSandboxWorker in examples/web', () => {
  test('the worker answers the API: register and PIN login on a page served with no backend', async (ctx) => {
    ctx.skip(!chromiumPath, noChromiumReason);
    const { page } = browser!;
    await open('?reset');
    await page.fill('#email', 'worker.user@example.com');
    await page.click('#register');
    await expect.poll(() => page.textContent('#register-result')).toBe('registered worker.user@example.com');
    await page.click('#login');
    await expect.poll(() => page.textContent('#login-result'), { timeout: 10_000 }).toBe('logged in as worker.user@example.com');
    expect(await page.textContent('#wallet-address')).toMatch(/^T[1-9A-HJ-NP-Za-km-z]{33}$/);
    expect(await page.textContent('#balance')).toBe('0.00000000 USDT');
    // The preview server itself has no API: the same path fetched outside the page is not the sandbox.
    const direct = await fetch(`${app!.url}api/v1/users/login-pin`, { method: 'POST', body: '{}' });
    expect(direct.status).not.toBe(200);
    expect(direct.status).not.toBe(400);
    expect(browser!.offHost).toEqual([]);
  });

  test('the world survives a page reload, and ?reset starts from the seeded world', async (ctx) => {
    ctx.skip(!chromiumPath, noChromiumReason);
    await open();
    expect((await pageFetch('POST', '/api/v1/users/login-pin', { email: 'worker.user@example.com', pin: '123456' })).status).toBe(200);
    // New ids after the restore do not collide with the restored ones.
    const again = await pageFetch('POST', '/api/v1/users/register', { email: 'second.user@example.com', phone_number: '+254711000555',
      first_name: 'Second', last_name: 'User', password: 'your-secure-password', pin: '123456' });
    expect(again.status).toBe(201);
    const snapshot = (await pageFetch('GET', '/__sandbox/snapshot')).body;
    const ids = snapshot.tables.wallets.map((w: { id: string }) => w.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(snapshot.epoch).toBe(1);

    await open('?reset');
    expect((await pageFetch('POST', '/api/v1/users/login-pin', { email: 'worker.user@example.com', pin: '123456' })).status).toBe(401);
    expect((await pageFetch('POST', '/api/v1/users/login-pin', { email: 'alice@coinpool.test', pin: '123456' })).status).toBe(200);
    expect(browser!.offHost).toEqual([]);
  });

  test('register → PIN login → on-ramp order → M-Pesa payment → completed order and new balance, on screen', async (ctx) => {
    ctx.skip(!chromiumPath, noChromiumReason);
    ctx.skip(!marketplaceReady, noMarketplaceReason);
    const { page } = browser!;
    await open('?reset');
    await page.fill('#email', 'buyer@example.com');
    await page.click('#register');
    await page.click('#login');
    await page.waitForSelector('#step-order:not([disabled])');
    await page.fill('#amount', '10');
    await page.click('#create-order');
    await expect.poll(() => page.textContent('#order-status'), { timeout: 10_000 }).toBe('pending');
    await page.click('#pay');
    // The simulated customer accepts the prompt 5 s (sandbox clock) after the push.
    await expect.poll(() => page.textContent('#stk-outcome'), { timeout: 15_000 }).toMatch(/^succeeded: The service request is processed successfully/);
    // The stablecoin is sent and confirmed on the sandbox clock: fast-forward instead of waiting a minute.
    await page.click('#advance');
    await page.click('#advance');
    await expect.poll(() => page.textContent('#order-status'), { timeout: 15_000 }).toBe('completed');
    await expect.poll(() => page.textContent('#balance'), { timeout: 5_000 }).toBe('10.00000000 USDT');
    mkdirSync('test-output/browser', { recursive: true });
    await page.screenshot({ path: 'test-output/browser/example-web-completed.png', fullPage: true });
    expect(browser!.offHost).toEqual([]);
  });
});
