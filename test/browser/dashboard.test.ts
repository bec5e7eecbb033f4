// GET /__sandbox/ui in chromium at 1280×800: tabs per area, a filter box per table, short ids with copy buttons, the
// faucet form, the request log with violations unfolded on a click; the world on screen, STK prompts and B2C payouts
// resolved by a click, on-chain sends failed by a click, the clock and reset buttons. Screenshots go to
// test-output/browser/.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { useServer } from '../support/server.ts';
import { startWebhookReceiver } from '../support/webhook-receiver.ts';
import { chromiumPath, noChromiumReason, launchChromium, type Chromium } from './support/chromium.ts';
import { startStkPush } from '../../src/simulation/mpesa.ts';

const ctx = useServer();
let browser: Chromium | undefined;

/** Every request the dashboard page made, across this file's tests: it may only use /__sandbox. */
const pageRequests: string[] = [];
/** Every GET the page made that failed (400 or more), and every script error: none expected (no favicon 404 either). */
const pageFailures: string[] = [];

beforeAll(async () => {
  if (!chromiumPath) return;
  browser = await launchChromium();
  browser.page.on('request', (request) => { pageRequests.push(`${request.method()} ${request.url()}`); });
  browser.page.on('response', (response) => { if (response.status() >= 400 && response.request().method() === 'GET') pageFailures.push(`${response.status()} ${response.url()}`); });
  browser.page.on('pageerror', (error) => { pageFailures.push(String(error)); });
  await browser.page.setViewportSize({ width: 1280, height: 800 });
}, 30_000);
afterAll(async () => { await browser?.close(); });

/** Opens the dashboard on a tab (people, marketplace, otc, transfers, payments, webhooks, requests, faults, tables). */
async function openDashboard(tab = 'people') {
  // From a blank page: a goto that only changes the #tab would not reload the dashboard.
  await browser!.page.goto('about:blank');
  await browser!.page.goto(`${ctx.server.url}/__sandbox/ui#${tab}`);
  await browser!.page.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
  expect(await browser!.page.getAttribute('body', 'data-tab')).toBe(tab);
}

/** Waits for the end of the page's next timed refresh round (every 2 s; body[data-refreshes] counts them). */
async function nextRefresh() {
  const seen = Number(await browser!.page.getAttribute('body', 'data-refreshes') ?? '0');
  await browser!.page.waitForFunction((n) => Number(document.body.dataset.refreshes ?? '0') > n, seen, { timeout: 10_000 });
}

const showTab = async (tab: string) => {
  await browser!.page.click(`#tabs button[data-tab="${tab}"]`);
  expect(await browser!.page.getAttribute('body', 'data-tab')).toBe(tab);
};

/**
 * A full-page screenshot under test-output/browser/ (gitignored), named in the test's annotations. A stale file of
 * an earlier run is removed first, so the check that it was written proves this run wrote it.
 */
async function screenshot(name: string, annotate: (message: string) => Promise<unknown>, fullPage = true) {
  mkdirSync('test-output/browser', { recursive: true });
  const path = `test-output/browser/${name}.png`;
  rmSync(path, { force: true });
  await browser!.page.screenshot({ path, fullPage });
  const png = readFileSync(path);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.length).toBeGreaterThan(20_000);
  await annotate(`screenshot: ${path}`);
}

const advance = async (seconds: number) => {
  expect((await ctx.api.call('POST', '/__sandbox/clock/advance', { body: { seconds } })).status).toBe(200);
};

const stkPush = (reference: string, phone = '254711000222') => {
  const { world } = ctx.server.sandbox;
  // A prompt as an order payment would start one (the clock is frozen, so it stays pending until resolved).
  return world.transaction(() => startStkPush(world, { phone_number: phone, amount: '1300', account_reference: 'DASHBOARD',
    purpose: 'dashboard_test', reference_id: `00000000-0000-4000-8000-${reference.padStart(12, '0')}` }));
};

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

  test('each area has its tab: offers and orders under Marketplace, deposits under OTC, transfers under Transfers, the rest folded under All tables', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    const fixtures = (await ctx.api.call('GET', '/__sandbox/world')).body;
    const bob = fixtures.users.find((u: any) => u.email === 'bob@coinpool.test');
    const alice = await ctx.api.login('alice@coinpool.test');
    const transfer = await ctx.api.call('POST', '/api/v1/auth/transfers/p2p', { token: alice, body: { to_user_id: bob.id, amount: '12.345', network: 'tron' } });
    expect(transfer.status).toBe(200);
    const vendor = await ctx.api.login('vendor@coinpool.test');
    const deposit = await ctx.api.call('POST', '/api/v1/auth/otc/deposits', { token: vendor, body: { method: 'bank', fiat_amount: '129760.00',
      fiat_currency: 'KES', payment_reference: 'TXN-DASH', transfer_date: '2026-11-21', requested_asset: 'USDT', requested_network: 'tron',
      requested_crypto_amount: '1000.00000000' } });
    expect(deposit.status).toBe(201);
    const depositId = deposit.body.id ?? deposit.body.deposit?.id;

    await openDashboard('marketplace');
    const { page } = browser!;
    const visiblePanels = () => page.locator('section.panel:visible').evaluateAll((all) => all.map((s) => s.getAttribute('data-panel')));
    expect(await visiblePanels()).toEqual(['collection-offers', 'collection-orders', 'collection-remittance_drafts']);
    expect(await page.locator('#collection-offers h2').textContent()).toMatch(/^Offers \([1-9]\d*\)$/);
    await showTab('transfers');
    expect(await visiblePanels()).toEqual(['collection-transfers', 'collection-multisig_proposals']);
    const transferRow = page.locator(`[data-collection="transfers"] tr[data-id="${transfer.body.transfer.id}"]`);
    await expect.poll(() => transferRow.textContent()).toContain('12.34500000');
    expect(await transferRow.textContent()).toContain('completed');
    await showTab('otc');
    expect(await page.locator(`[data-collection="otc_deposits"] tr[data-id="${depositId}"]`).textContent()).toContain('129760');
    // The balances moved on screen: alice's TRON wallet lost what bob's gained.
    await showTab('people');
    const aliceTron = page.locator('#wallets-body tr', { hasText: 'alice@coinpool.test' }).filter({ hasText: 'tron' });
    expect(await aliceTron.textContent()).toContain('USDT 237.65500000');
    // Every other table is folded under "All tables"; one opened by the user stays open across the 2 s refresh.
    await showTab('tables');
    const groups = await page.locator('details[data-collection-group]').evaluateAll((all) =>
      all.map((d) => ({ name: d.getAttribute('data-collection-group'), open: (d as HTMLDetailsElement).open })));
    expect(groups.length).toBeGreaterThan(5);
    expect(groups.every((g) => !g.open)).toBe(true);
    expect(groups.map((g) => g.name)).not.toContain('orders');
    const ledger = page.locator('details[data-collection-group="ledger_entries"]');
    await ledger.locator('summary').click();
    await page.click('#clock-advance');
    await expect.poll(() => page.textContent('#status')).toMatch(/^clock advanced/);
    expect(await ledger.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await screenshot('dashboard-all-tables', t.annotate, false);
    expect(browser!.offHost).toEqual([]);
  });

  test('tabs switch the visible area, follow the address bar and show what waits for a click', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    const push = stkPush('d010', '254711000333');
    await openDashboard();
    const { page } = browser!;
    const tabs = await page.locator('#tabs button').evaluateAll((all) => all.map((b) => b.getAttribute('data-tab')));
    expect(tabs).toEqual(['people', 'marketplace', 'otc', 'transfers', 'payments', 'webhooks', 'requests', 'faults', 'tables']);
    for (const tab of tabs as string[]) {
      await showTab(tab);
      expect(await page.locator(`[data-tab-panel="${tab}"]`).isVisible()).toBe(true);
      expect(await page.locator('[data-tab-panel]:visible').count()).toBe(1);
      expect(await page.getAttribute(`#tabs button[data-tab="${tab}"]`, 'aria-selected')).toBe('true');
      expect(new URL(page.url()).hash).toBe(`#${tab}`);
      if (['people', 'marketplace', 'payments', 'requests', 'faults'].includes(tab)) await screenshot(`dashboard-tab-${tab}`, t.annotate, false);
    }
    // The page is one screen tall per area, not 10 000 pixels of every table.
    await showTab('people');
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(2500);
    // A pending STK prompt shows as a count on its tab; an old anchor (#stk) opens the tab that holds it.
    await expect.poll(() => page.locator('#tabs button[data-tab="payments"] .pill').textContent()).toMatch(/^[1-9]\d*$/);
    await page.goto(`${ctx.server.url}/__sandbox/ui#stk`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.getAttribute('body', 'data-tab')).toBe('payments');
    expect(await page.locator(`tr[data-checkout="${push.checkout_request_id}"]`).isVisible()).toBe(true);
    await page.locator(`tr[data-checkout="${push.checkout_request_id}"] button[data-outcome="cancelled"]`).click();
    await expect.poll(() => page.textContent('#status')).toBe(`resolved ${push.checkout_request_id} as cancelled`);
  });

  test('the filter box of a table narrows its rows, says how many match, and survives the refresh', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    await openDashboard();
    const { page } = browser!;
    const rows = page.locator('#users-body tbody tr');
    await expect.poll(() => rows.count()).toBe(7);
    await page.fill('#users-body input[data-filter="users"]', 'vendor');
    expect(await rows.allTextContents()).toEqual([expect.stringContaining('vendor@coinpool.test'), expect.stringContaining('subvendor@coinpool.test')]);
    expect(await page.textContent('#users-body .count')).toBe('2 of 7');
    // Several words must all match (an AND filter); the refresh keeps both the box and the narrowed rows.
    await page.fill('#users-body input[data-filter="users"]', 'customer pending');
    expect(await rows.allTextContents()).toEqual([expect.stringContaining('bob@coinpool.test')]);
    await nextRefresh();
    expect(await page.inputValue('#users-body input[data-filter="users"]')).toBe('customer pending');
    expect(await rows.count()).toBe(1);
    await page.fill('#users-body input[data-filter="users"]', 'nobody-has-this');
    expect(await rows.count()).toBe(0);
    expect(await page.textContent('#users-body .empty')).toBe('nothing matches the filter');
    // The wallets table finds a wallet by a balance; a quoted phrase matches as a whole.
    await page.fill('#wallets-body input[data-filter="wallets"]', '"USDC 10000.00000000"');
    expect(await page.locator('#wallets-body tbody tr').allTextContents()).toEqual([expect.stringContaining('vendor@coinpool.test')]);
    await screenshot('dashboard-filter', t.annotate, false);
    await page.fill('#users-body input[data-filter="users"]', '');
    await page.fill('#wallets-body input[data-filter="wallets"]', '');
    expect(await rows.count()).toBe(7);
  });

  test('ids show short (8 characters) and their copy button puts the whole id on the clipboard', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    const alice = (await ctx.api.call('GET', '/__sandbox/world')).body.users.find((u: any) => u.email === 'alice@coinpool.test');
    await browser!.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ctx.server.url });
    await openDashboard();
    const { page } = browser!;
    const idCell = page.locator(`#users-body tr[data-id="${alice.id}"] td`).last();
    expect(await idCell.locator('code').textContent()).toBe(alice.id.slice(0, 8));
    expect(await idCell.locator('code').getAttribute('title')).toBe(alice.id);
    await idCell.locator('button.copy').click();
    // The button confirms for 1.5 s; the clipboard keeps the id.
    await expect.poll(() => idCell.locator('button.copy').getAttribute('data-copied'), { interval: 50 }).toBe('true');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(alice.id);
  });

  test('amounts are right-aligned in tabular figures', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    await openDashboard('marketplace');
    const { page } = browser!;
    const cellStyle = await page.locator('[data-collection="offers"] tbody tr').first().locator('td.num').first()
      .evaluate((td) => ({ align: getComputedStyle(td).textAlign, figures: getComputedStyle(td).fontVariantNumeric, text: td.textContent }));
    expect(cellStyle).toEqual({ align: 'right', figures: 'tabular-nums', text: expect.stringMatching(/^\d+\.\d+$/) });
  });

  test('the faucet form credits the chosen wallet, and the balance moves on screen', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    const world = (await ctx.api.call('GET', '/__sandbox/world')).body;
    const bobTron = world.wallets.find((w: any) => w.owner_email === 'bob@coinpool.test' && w.network === 'tron');
    const before = bobTron.balances.find((b: any) => b.currency === 'USDC')?.amount ?? '0';
    await openDashboard();
    const { page } = browser!;
    await page.selectOption('#faucet-wallet', bobTron.id);
    await page.selectOption('#faucet-asset', 'USDC');
    await page.fill('#faucet-amount', '42.5');
    await page.click('#faucet-form button[type="submit"]');
    await expect.poll(() => page.textContent('#status')).toMatch(/^credited 42\.5\d* USDC to bob@coinpool\.test · tron · /);
    const expected = (Number(before) + 42.5).toFixed(8);
    const after = (await ctx.api.call('GET', '/__sandbox/world')).body.wallets.find((w: any) => w.id === bobTron.id);
    expect(after.balances.find((b: any) => b.currency === 'USDC').amount).toBe(expected);
    await expect.poll(() => page.locator(`#wallets-body td[data-wallet="${bobTron.id}"]`).textContent()).toContain(`USDC ${expected}`);
    // The chosen wallet stays selected across the refresh; a bad amount is refused and reported, nothing credited.
    expect(await page.inputValue('#faucet-wallet')).toBe(bobTron.id);
    await page.fill('#faucet-amount', '1.123456789');
    await page.locator('#faucet-form').evaluate((f) => (f as HTMLFormElement).noValidate = true);
    await page.click('#faucet-form button[type="submit"]');
    await expect.poll(() => page.textContent('#status')).toMatch(/→ 400: .*amount/);
    const still = (await ctx.api.call('GET', '/__sandbox/world')).body.wallets.find((w: any) => w.id === bobTron.id);
    expect(still.balances.find((b: any) => b.currency === 'USDC').amount).toBe(expected);
    await screenshot('dashboard-faucet', t.annotate, false);
  });

  test('the request log shows each request with its contract violations', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    await ctx.api.call('DELETE', '/__sandbox/violations');
    const bad = await ctx.api.call('POST', '/api/v1/users/login-pin', { body: { email: 'alice@coinpool.test', pin: '123456', nickname: 'al' } });
    expect(bad.status).toBe(400);
    await openDashboard('requests');
    const { page } = browser!;
    const row = page.locator('#requests-body tr', { hasText: '/api/v1/users/login-pin' }).first();
    expect(await row.locator('td').nth(5).textContent()).toBe('400');
    // Folded to a count; a click unfolds the details, which stay open across the refresh.
    const violations = row.locator('details[data-violations]');
    expect(await violations.locator('summary').textContent()).toBe('1 violation');
    expect(await violations.locator('.violation').first().isVisible()).toBe(false);
    await violations.locator('summary').click();
    expect(await violations.locator('.violation').allTextContents()).toEqual([expect.stringMatching(/^request body \/nickname: .+/)]);
    expect(await violations.locator('.violation').first().isVisible()).toBe(true);
    await nextRefresh();
    expect(await row.locator('details[data-violations]').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await screenshot('dashboard-request-log', t.annotate, false);
    // The dashboard's own polling (one round on opening, one 2 s later) is not logged: the log stays about the app.
    await nextRefresh();
    expect(ctx.server.sandbox.log.all().map((e) => `${e.method} ${e.path}`)).toEqual(['DELETE /__sandbox/violations', 'POST /api/v1/users/login-pin']);
  });

  test('webhook deliveries show every attempt; a failed one is retried when the clock is advanced', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    // A receiver that fails its first delivery and accepts the retry.
    const receiver = await startWebhookReceiver(() => (receiver.received.length === 1 ? 503 : 200));
    const received = () => receiver.received.map((h) => String(h.headers['coinpool-event']));
    const url = `${receiver.base}/hooks`;
    const hook = await ctx.api.call('POST', '/__sandbox/webhooks', { body: { url, secret: 'whsec_dashboard', events: ['payment.*'] } });
    expect(hook.status).toBe(201);
    try {
      const push = stkPush('d002');
      await openDashboard('payments');
      const { page } = browser!;
      await page.locator(`tr[data-checkout="${push.checkout_request_id}"] button[data-outcome="cancelled"]`).click();
      await showTab('webhooks');
      const row = page.locator('#webhooks-body tbody tr', { hasText: url }).first();
      // The attempt runs after the click's own refresh: the page shows it on its next 2 s refresh.
      await expect.poll(() => row.textContent(), { timeout: 6_000 }).toMatch(/#1 2026-11-22T\d\d:\d\d:\d\dZ → 503 \(\d+ ms\)/);
      expect(await row.locator('td').first().textContent()).toBe('payment.status_changed');
      expect(await row.locator('td').nth(2).textContent()).toBe('pending');
      // The retry is due 10 s later on the sandbox clock.
      await page.fill('#clock-seconds', '10');
      await page.click('#clock-advance');
      await expect.poll(() => row.locator('td').nth(2).textContent(), { timeout: 6_000 }).toBe('delivered');
      expect(await row.locator('td').nth(3).locator('div').allTextContents()).toEqual([
        expect.stringMatching(/^#1 .+ → 503/), expect.stringMatching(/^#2 .+ → 200/)]);
      expect(received()).toEqual(['payment.status_changed', 'payment.status_changed']);
    } finally {
      await ctx.api.call('DELETE', `/__sandbox/webhooks/${hook.body.id}`);
      await receiver.close();
    }
  });

  test('a pending STK prompt is resolved by clicking its outcome button', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    const push = stkPush('d001');
    await openDashboard('payments');
    const { page } = browser!;
    const row = page.locator(`tr[data-checkout="${push.checkout_request_id}"]`);
    expect(await row.locator('button[data-outcome]').allTextContents()).toEqual(['cancelled', 'timeout', 'insufficient funds', 'wrong PIN', 'expired', 'success']);
    await row.locator('button[data-outcome="wrong_pin"]').click();
    await expect.poll(() => page.textContent('#status')).toBe(`resolved ${push.checkout_request_id} as wrong_pin`);
    await expect.poll(() => row.textContent()).toContain('2001 The initiator information is invalid');
    expect(await row.locator('button:not(.copy)').count()).toBe(0);
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
    // Earlier tests moved the clock: expect one hour after wherever it is.
    const before = (await ctx.api.call('GET', '/__sandbox/clock')).body.now as string;
    const later = new Date(Date.parse(before) + 3600_000).toISOString().replace('.000Z', 'Z');
    await page.fill('#clock-seconds', '3600');
    await page.click('#clock-advance');
    await expect.poll(() => page.textContent('#clock-now')).toBe(later);
    expect((await ctx.api.call('GET', '/__sandbox/clock')).body).toEqual({ now: later, frozen: true });
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

    await openDashboard('payments');
    const { page } = browser!;
    const orderRow = page.locator(`[data-collection="orders"] tr[data-id="${order.body.id}"]`);
    await expect.poll(() => orderRow.textContent()).toContain('pending');
    const success = page.locator(`tr[data-checkout="${pay.body.checkout_request_id}"] button[data-outcome="success"]`);
    // The top of the page, with the prompt's outcome buttons, before the click.
    await screenshot('dashboard-stk-pending', t.annotate, false);
    await success.click();
    await expect.poll(() => orderRow.textContent()).toContain('processing');
    // Sending and confirming the stablecoin take 5 s and 60 s of sandbox time.
    await page.fill('#clock-seconds', '120');
    await page.click('#clock-advance');
    await expect.poll(() => orderRow.locator('td').nth(1).textContent()).toBe('completed');
    const details = await ctx.api.call('GET', `/api/v1/auth/order/id/${order.body.id}/details`, { token });
    expect(details.body.status).toBe('completed');
    const tron = page.locator(`#wallets-body tr[data-id="${wallet.id}"]`);
    const expected = (Number(usdtBefore) + 10).toFixed(8);
    await expect.poll(() => tron.textContent()).toContain(`USDT ${expected}`);
    await showTab('marketplace');
    await screenshot('dashboard-order-completed', t.annotate, false);
    expect(browser!.offHost).toEqual([]);
  });

  test('an off-ramp order whose B2C payout waits fails when "recipient not registered" is clicked', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    const token = await ctx.api.login('alice@coinpool.test');
    const fx = (await ctx.api.call('GET', '/__sandbox/fixtures')).body;
    const alice = fx.users.find((u: any) => u.email === 'alice@coinpool.test');
    const tron = alice.wallets.find((w: any) => w.network === 'tron');
    const offer = fx.offers.find((o: any) => o.key === 'vendor_buy_usdt_tron');
    // Paid out to a number ending 9999: the payout never reports by itself, so it waits for the dashboard.
    const order = await ctx.api.call('POST', '/api/v1/auth/orders', { token, body: {
      customer_id: alice.id, vendor_id: offer.vendor_id, offer_id: offer.id, crypto_amount: '10', fiat_amount: '1293.50', fiat_currency: 'KES',
      wallet_address: tron.address, payment_method: 'mpesa', order_type: 'OFF_RAMP_SELL', payout_phone: '254711009999' } });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    const sent = await ctx.api.call('POST', `/api/v1/auth/orders/${order.body.id}/send-payment`, { token, body: { wallet_id: tron.id, confirm: true } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    // The deposit confirms after 60 s of sandbox time and the payout starts 5 s later.
    await advance(60);
    await advance(5);
    const payout = (await ctx.api.call('GET', '/__sandbox/mpesa/b2c')).body.find((p: any) => p.reference_id === order.body.id);
    expect(payout).toMatchObject({ status: 'processing', resolves_at: null });

    await openDashboard('payments');
    const { page } = browser!;
    const orderRow = page.locator(`[data-collection="orders"] tr[data-id="${order.body.id}"]`);
    await expect.poll(() => orderRow.locator('td').nth(1).textContent()).toBe('processing');
    const row = page.locator(`tr[data-payout="${payout.payout_id}"]`);
    expect(await row.locator('button[data-outcome]').allTextContents()).toEqual(
      ['recipient not registered (2040)', 'insufficient funds (1)', 'invalid initiator (2001)', 'success']);
    expect(await row.textContent()).toContain('never (waits for a button)');
    await row.locator('button[data-outcome="recipient_not_registered"]').click();
    await expect.poll(() => page.textContent('#status')).toBe(`resolved payout ${payout.payout_id} as recipient_not_registered`);
    await expect.poll(() => orderRow.locator('td').nth(1).textContent()).toBe('failed');
    expect(await row.locator('td').nth(1).textContent()).toBe('failed');
    expect(await row.textContent()).toContain('2040 Credit Party customer type');
    expect(await row.locator('button:not(.copy)').count()).toBe(0);
    const details = await ctx.api.call('GET', `/api/v1/auth/order/id/${order.body.id}/details`, { token });
    expect(details.body.status).toBe('failed');
    await row.scrollIntoViewIfNeeded();
    await screenshot('dashboard-b2c-failed', t.annotate, false);
    expect(browser!.offHost).toEqual([]);
  });

  test('a pending external transfer fails when its on-chain send\'s "fail" button is clicked', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    const token = await ctx.api.login('alice@coinpool.test');
    const transfer = await ctx.api.call('POST', '/api/v1/auth/transfers/p2p/external', { token,
      body: { to_address: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', asset: 'USDT', amount: '7.5', network: 'tron' } });
    expect(transfer.status, JSON.stringify(transfer.body)).toBe(200);
    const { id, tx_hash: hash } = transfer.body.transfer;

    await openDashboard('payments');
    const { page } = browser!;
    const row = page.locator(`tr[data-tx="${hash}"]`);
    expect(await row.locator('td').nth(6).textContent()).toBe('pending');
    expect(await row.locator(`[data-reference="transfer ${id}"]`).count()).toBe(1);
    const transferRow = page.locator(`[data-collection="transfers"] tr[data-id="${id}"]`);
    expect(await transferRow.locator('td').nth(1).textContent()).toBe('pending');
    await row.locator('button[data-action="fail"]').click();
    await expect.poll(() => page.textContent('#status')).toBe(`failed ${hash}`);
    await expect.poll(() => transferRow.locator('td').nth(1).textContent()).toBe('failed');
    expect(await row.locator('td').nth(6).textContent()).toBe('failed');
    expect(await row.locator('td').nth(8).textContent()).toBe('failed from the dashboard');
    expect(await row.locator('button:not(.copy)').count()).toBe(0);
    expect((await ctx.api.call('GET', `/api/v1/auth/transfers/${id}`, { token })).body.status).toBe('failed');
    await row.scrollIntoViewIfNeeded();
    await screenshot('dashboard-chain-failed', t.annotate, false);
    expect(browser!.offHost).toEqual([]);
  });

  test('everything the page requested, in every test above, was its own files or the /__sandbox API', (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    expect(pageFailures).toEqual([]);
    expect(pageRequests.some((r) => r.endsWith('/__sandbox/ui/assets/favicon.svg'))).toBe(true);
    const paths = pageRequests.map((r) => { const [method, url] = r.split(' '); return `${method} ${new URL(url!).origin === ctx.server.url ? new URL(url!).pathname : url}`; });
    expect(paths.length).toBeGreaterThan(50);
    expect(paths.filter((p) => !/^(GET|POST|DELETE) \/__sandbox\//.test(p))).toEqual([]);
    // It did act: resolves, clock moves and a reset went through the control API.
    expect(paths).toContain('POST /__sandbox/reset');
    expect(paths.some((p) => /^POST \/__sandbox\/mpesa\/stk\/[^/]+\/resolve$/.test(p))).toBe(true);
    expect(paths).toContain('POST /__sandbox/clock/advance');
    expect(paths.some((p) => /^POST \/__sandbox\/mpesa\/b2c\/[^/]+\/resolve$/.test(p))).toBe(true);
    expect(paths.some((p) => /^POST \/__sandbox\/chain\/transactions\/[^/]+\/fail$/.test(p))).toBe(true);
  });
});
