// Browser mode: examples/web served as static files (no API behind them), the sandbox running in the page through
// msw's service worker, state kept across a reload, and the whole on-ramp flow on screen. Two guards show that the
// page ran on the worker alone: the static server records every path it was asked for (no API path may be among
// them), and chromium aborts and records any request to a host other than this machine (there must be none).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { chromiumPath, noChromiumReason, launchChromium, type Chromium } from './support/chromium.ts';
import { serveExampleApp, type ExampleApp } from './support/example-app.ts';

let app: ExampleApp | undefined;
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

/** The paths of the sandbox's API that reached the static server instead of the worker. */
const apiPathsServed = () => app!.served.filter((p) => /^\/(api\/v1|__sandbox|otc-deposits-proof)\b/.test(p));

const register = (email: string, phone: string) => pageFetch('POST', '/api/v1/users/register', { email, phone_number: phone,
  first_name: 'Reload', last_name: 'User', password: 'your-secure-password', pin: '123456' });
const loginPin = (email: string) => pageFetch('POST', '/api/v1/users/login-pin', { email, pin: '123456' });

describe('startSandboxWorker in examples/web', () => {
  test('the guards work: a request to a real host is aborted and recorded, an API path outside the page reaches no API', async (ctx) => {
    ctx.skip(!chromiumPath, noChromiumReason);
    await open('?reset');
    const outside = await browser!.page.evaluate(() => fetch('https://crypto.westminister.tech/api/v1/offers').then(() => 'answered', () => 'refused'));
    expect(outside).toBe('refused');
    expect(browser!.offHost).toEqual(['https://crypto.westminister.tech/api/v1/offers']);
    browser!.offHost.length = 0;
    // The preview server itself has no API: the same path fetched outside the page is not the sandbox, and shows
    // up in the static server's record (which the other tests expect to hold no API path).
    const direct = await fetch(`${app!.url}api/v1/users/login-pin`, { method: 'POST', body: '{}' });
    expect([200, 400, 401]).not.toContain(direct.status);
    expect(apiPathsServed()).toEqual(['/api/v1/users/login-pin']);
    app!.served.length = 0;
  });

  test('the worker answers the API: register and PIN login on a page served with no backend', async (ctx) => {
    ctx.skip(!chromiumPath, noChromiumReason);
    const { page } = browser!;
    await open('?reset');
    await page.fill('#email', 'worker.user@example.com');
    await page.click('#register');
    await expect.poll(() => page.textContent('#register-result')).toBe('registered worker.user@example.com');
    await page.click('#login');
    await expect.poll(() => page.textContent('#login-result'), { timeout: 10_000 }).toBe('logged in as worker.user@example.com');
    // The login step goes on after its message (balances, then the offers): wait for its end, which also keeps its
    // last fetch from still being in flight when the next test navigates away (msw lets a leaving page's request
    // through to the static server, which the API-path guard then records).
    await page.waitForSelector('#step-order:not([disabled])', { timeout: 10_000 });
    expect(await page.textContent('#wallet-address')).toMatch(/^T[1-9A-HJ-NP-Za-km-z]{33}$/);
    expect(await page.textContent('#balance')).toBe('0.00000000 USDT');
    expect(apiPathsServed()).toEqual([]);
    expect(browser!.offHost).toEqual([]);
  });

  test('the world survives a page reload until the app asks for a reset (?reset, or POST /__sandbox/reset)', async (ctx) => {
    ctx.skip(!chromiumPath, noChromiumReason);
    await open('?reset');
    expect((await register('kept.user@example.com', '+254711000551')).status).toBe(201);
    await open();
    expect((await loginPin('kept.user@example.com')).status).toBe(200);
    // New ids after the restore do not collide with the restored ones.
    expect((await register('second.user@example.com', '+254711000552')).status).toBe(201);
    const snapshot = (await pageFetch('GET', '/__sandbox/snapshot')).body;
    const ids = snapshot.tables.wallets.map((w: { id: string }) => w.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(snapshot.epoch).toBe(1);

    await open('?reset');
    expect((await loginPin('kept.user@example.com')).status).toBe(401);
    expect((await loginPin('alice@coinpool.test')).status).toBe(200);

    // A reset through the control API is stored too: the reloaded page starts from the seeded world.
    expect((await register('reset.by.api@example.com', '+254711000553')).status).toBe(201);
    expect((await pageFetch('POST', '/__sandbox/reset')).status).toBe(200);
    await open();
    expect((await loginPin('reset.by.api@example.com')).status).toBe(401);
    expect(apiPathsServed()).toEqual([]);
    expect(browser!.offHost).toEqual([]);
  });

  test('register → PIN login → on-ramp order → M-Pesa payment → completed order and new balance, on screen', async (ctx) => {
    ctx.skip(!chromiumPath, noChromiumReason);
    const { page } = browser!;
    await open('?reset');
    await page.fill('#email', 'buyer@example.com');
    await page.click('#register');
    await page.click('#login');
    await page.waitForSelector('#step-order:not([disabled])');
    // A seeded SELL offer of USDT is on offer.
    expect(await page.locator('#offer option').count()).toBeGreaterThan(0);
    await page.fill('#amount', '10');
    await page.click('#create-order');
    await expect.poll(() => page.textContent('#order-status'), { timeout: 10_000 }).toBe('pending');
    await page.click('#pay');
    await expect.poll(() => page.textContent('#stk-outcome'), { timeout: 10_000 }).toMatch(/^sent: /);
    // The simulated customer accepts the prompt 5 s (sandbox clock) after the push: move the clock on a minute
    // rather than wait for it.
    await page.click('#advance');
    await expect.poll(() => page.textContent('#stk-outcome'), { timeout: 15_000 }).toMatch(/^succeeded: The service request is processed successfully/);
    // The stablecoin is sent and confirmed on the sandbox clock: fast-forward instead of waiting a minute.
    await page.click('#advance');
    await page.click('#advance');
    await expect.poll(() => page.textContent('#order-status'), { timeout: 15_000 }).toBe('completed');
    await expect.poll(() => page.textContent('#balance'), { timeout: 5_000 }).toBe('10.00000000 USDT');
    mkdirSync('test-output/browser', { recursive: true });
    const shot = 'test-output/browser/example-web-completed.png';
    rmSync(shot, { force: true });
    await page.screenshot({ path: shot, fullPage: true });
    expect(readFileSync(shot).subarray(1, 4).toString('latin1')).toBe('PNG');
    // Every API call of the flow was answered in the page; nothing left this machine.
    expect(apiPathsServed()).toEqual([]);
    expect(browser!.offHost).toEqual([]);
  });
});
