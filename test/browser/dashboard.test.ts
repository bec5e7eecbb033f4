// GET /__sandbox/ui in chromium: the world on screen, STK prompts resolved by a click, the clock and reset buttons.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync } from 'node:fs';
import { useServer } from '../support/server.ts';
import { chromiumPath, noChromiumReason, launchChromium, type Chromium } from './support/chromium.ts';
import { marketplaceReady, noMarketplaceReason } from './support/marketplace.ts';
import { startStkPush } from '../../src/simulation/mpesa.ts';

const ctx = useServer();
let browser: Chromium | undefined;

beforeAll(async () => { if (chromiumPath) browser = await launchChromium(); }, 30_000);
afterAll(async () => { await browser?.close(); });

async function openDashboard() {
  await browser!.page.goto(`${ctx.server.url}/__sandbox/ui`);
  await browser!.page.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
}

/** A full-page screenshot under test-output/browser/ (gitignored), named in the test's annotations. */
async function screenshot(name: string, annotate: (message: string) => Promise<unknown>) {
  mkdirSync('test-output/browser', { recursive: true });
  const path = `test-output/browser/${name}.png`;
  await browser!.page.screenshot({ path, fullPage: true });
  await annotate(`screenshot: ${path}`);
}

describe('the dashboard', () => {
  test('shows users with roles and wallets with balances, read through /__sandbox', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    await openDashboard();
    const { page } = browser!;
    const aliceRow = page.locator('#users-body tr', { hasText: 'alice@coinpool.test' });
    await expect.poll(() => aliceRow.textContent()).toContain('customer');
    const vendorWallets = await page.locator('#wallets-body tr', { hasText: 'vendor@coinpool.test' }).allTextContents();
    expect(vendorWallets.some((row) => row.includes('tron') && row.includes('USDT 50000.00000000'))).toBe(true);
    expect(await page.textContent('#clock-now')).toBe('2026-11-22T09:00:00Z');
    expect(await page.textContent('#clock-state')).toBe('frozen');
    expect(browser!.offHost).toEqual([]);
  });

  test('a pending STK prompt is resolved by clicking its outcome button', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    const { world } = ctx.server.sandbox;
    // A prompt as an order payment would start one (the clock is frozen, so it stays pending until resolved).
    const push = world.transaction(() => startStkPush(world, { phone_number: '254711000222', amount: '1300', account_reference: 'DASHBOARD', purpose: 'dashboard_test', reference_id: '00000000-0000-4000-8000-00000000d001' }));
    await openDashboard();
    const { page } = browser!;
    const row = page.locator(`tr[data-checkout="${push.checkout_request_id}"]`);
    expect(await row.locator('button[data-outcome]').allTextContents()).toEqual(['cancelled', 'timeout', 'insufficient funds', 'wrong pin', 'expired', 'success']);
    await row.locator('button[data-outcome="wrong_pin"]').click();
    await expect.poll(() => page.textContent('#status')).toBe(`resolved ${push.checkout_request_id} as wrong_pin`);
    await expect.poll(() => row.textContent()).toContain('2001 The initiator information is invalid');
    expect(await row.locator('button').count()).toBe(0);
    const prompts = await ctx.api.call('GET', '/__sandbox/mpesa/stk');
    expect(prompts.body.find((p: any) => p.checkout_request_id === push.checkout_request_id)).toMatchObject({ status: 'failed', result_code: 2001 });
    // The click went through the control API and shows in the request log on the page.
    await expect.poll(() => page.locator('#requests-body').textContent()).toContain(`/__sandbox/mpesa/stk/${push.checkout_request_id}/resolve`);
    await screenshot('dashboard-stk-resolved', t.annotate);
  });

  test('the clock buttons freeze, advance and unfreeze the sandbox clock', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    await openDashboard();
    const { page } = browser!;
    await page.fill('#clock-seconds', '3600');
    await page.click('#clock-advance');
    await expect.poll(() => page.textContent('#clock-now')).toBe('2026-11-22T10:00:00Z');
    expect((await ctx.api.call('GET', '/__sandbox/clock')).body).toEqual({ now: '2026-11-22T10:00:00Z', frozen: true });
    await page.click('#clock-unfreeze');
    await expect.poll(() => page.textContent('#clock-state')).toBe('running');
    await page.click('#clock-freeze');
    await expect.poll(() => page.textContent('#clock-state')).toBe('frozen');
    expect((await ctx.api.call('GET', '/__sandbox/clock')).body.frozen).toBe(true);
  });

  test('reset, once confirmed, returns to the seeded world', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    const reg = await ctx.api.call('POST', '/api/v1/users/register', { body: { email: 'to.be.reset@example.com', phone_number: '+254711000666',
      first_name: 'Gone', last_name: 'Soon', password: 'your-secure-password', pin: '123456' } });
    expect(reg.status).toBe(201);
    await openDashboard();
    const { page } = browser!;
    await expect.poll(() => page.locator('#users-body').textContent()).toContain('to.be.reset@example.com');
    page.once('dialog', (dialog) => { void dialog.accept(); });
    await page.click('#reset');
    await expect.poll(() => page.textContent('#status')).toBe('world reset');
    await expect.poll(() => page.locator('#users-body').textContent()).not.toContain('to.be.reset@example.com');
    expect((await ctx.api.call('GET', '/__sandbox/world')).body.users.map((u: any) => u.email)).not.toContain('to.be.reset@example.com');
  });

  test('an order paid by clicking "success" on its STK prompt turns completed on screen', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    t.skip(!marketplaceReady, noMarketplaceReason);
    const token = await ctx.api.login('alice@coinpool.test');
    const me = (await ctx.api.call('POST', '/api/v1/users/login-pin', { body: { email: 'alice@coinpool.test', pin: '123456' } })).body.user;
    const offers = await ctx.api.call('GET', '/api/v1/auth/offers/type/SELL?page_id=1&page_size=10', { token });
    const offer = offers.body.find((o: any) => o.asset === 'USDT' && o.status === 'active');
    const world = (await ctx.api.call('GET', '/__sandbox/world')).body;
    const wallet = world.wallets.find((w: any) => w.user_id === me.id && w.network === 'tron');
    const usdtBefore = wallet.balances.find((b: any) => b.currency === 'USDT').amount;
    const amount = '10';
    const fiat = (Number(offer.rate) * 10).toFixed(2);
    const order = await ctx.api.call('POST', '/api/v1/auth/orders', { token, body: {
      customer_id: me.id, vendor_id: offer.vendor_id, offer_id: offer.id, crypto_amount: amount, fiat_amount: fiat, fiat_currency: 'KES',
      wallet_address: wallet.address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY' } });
    expect(order.status).toBe(201);
    const pay = await ctx.api.call('POST', '/api/v1/auth/orders/payment', { token, body: { order_id: order.body.id, phone_number: '254712345678' } });
    expect(pay.status).toBe(200);

    await openDashboard();
    const { page } = browser!;
    const orderRow = page.locator(`[data-collection="orders"] tr[data-id="${order.body.id}"]`);
    await expect.poll(() => orderRow.textContent()).toContain('pending');
    await page.locator(`tr[data-checkout="${pay.body.checkout_request_id}"] button[data-outcome="success"]`).click();
    await expect.poll(() => orderRow.textContent()).toContain('processing');
    // Sending and confirming the stablecoin take 5 s and 60 s of sandbox time.
    await page.fill('#clock-seconds', '120');
    await page.click('#clock-advance');
    await expect.poll(() => orderRow.locator('td').nth(1).textContent()).toBe('completed');
    const details = await ctx.api.call('GET', `/api/v1/auth/order/id/${order.body.id}/details`, { token });
    expect(details.body.status).toBe('completed');
    const tron = page.locator('#wallets-body tr', { hasText: wallet.address });
    const expected = (Number(usdtBefore) + 10).toFixed(8);
    await expect.poll(() => tron.textContent()).toContain(`USDT ${expected}`);
    await screenshot('dashboard-order-completed', t.annotate);
    expect(browser!.offHost).toEqual([]);
  });
});
