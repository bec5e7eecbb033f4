// The dashboard's Faults tab in chromium: a fault added from the form is listed and acts on the next request (its
// firing shows in the panel), removed by its button, and the product answers normally again; "Remove all" clears the
// list. A screenshot of the tab with a fired fault goes to test-output/browser/dashboard-faults.png.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { useServer } from '../support/server.ts';
import { chromiumPath, noChromiumReason, launchChromium, type Chromium } from './support/chromium.ts';

const ctx = useServer();
let browser: Chromium | undefined;
beforeAll(async () => { if (chromiumPath) browser = await launchChromium(); }, 30_000);
afterAll(async () => { await browser?.close(); });

describe('the faults panel', () => {
  test('add a fault from the form, see it fire, remove it', async (t) => {
    t.skip(!chromiumPath, noChromiumReason);
    const { page } = browser!;
    await page.goto(`${ctx.server.url}/__sandbox/ui#faults`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
    expect(await page.getAttribute('body', 'data-tab')).toBe('faults');
    await page.fill('#faults-form input[name=target]', 'POST /api/v1/users/login');
    await page.selectOption('#faults-form select[name=kind]', 'status');
    await page.fill('#faults-form input[name=status]', '503');
    await page.fill('#faults-form input[name=times]', '1');
    await page.click('#faults-form button[type=submit]');
    const row = page.locator('#faults-list tr[data-fault]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('POST /api/v1/users/login');
    await expect.poll(() => page.textContent('#status')).toMatch(/^added fault flt_\d+: POST \/api\/v1\/users\/login → status 503, times 1$/);
    const [fault] = (await ctx.api.call('GET', '/__sandbox/faults')).body;
    expect(fault).toMatchObject({ match: { method: 'POST', path: '/api/v1/users/login' }, kind: 'status', status: 503, times: 1 });

    const login = () => ctx.api.call('POST', '/api/v1/users/login', { body: { email: 'alice@coinpool.test', password: 'sandbox-password' } });
    expect((await login()).status).toBe(503);
    await expect.poll(() => page.locator('#faults-affected').textContent(), { timeout: 5000 }).toContain(`${fault.id} status`);
    await expect.poll(() => row.locator('td').nth(4).textContent(), { timeout: 5000 }).toBe('1');
    mkdirSync('test-output/browser', { recursive: true });
    const shot = 'test-output/browser/dashboard-faults.png';
    rmSync(shot, { force: true });
    await page.screenshot({ path: shot });
    expect(readFileSync(shot).subarray(1, 4).toString('latin1')).toBe('PNG');

    await row.locator('button', { hasText: 'Remove' }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect((await ctx.api.call('GET', '/__sandbox/faults')).body).toEqual([]);
    expect((await login()).status).toBe(200);

    // "Remove all" (shown only while there are faults) clears every fault.
    for (const operation_id of ['createOrder', 'listEscrowWallets']) {
      expect((await ctx.api.call('POST', '/__sandbox/faults', { body: { match: { operation_id }, kind: 'timeout' } })).status).toBe(201);
    }
    await expect.poll(() => row.count(), { timeout: 5000 }).toBe(2);
    await page.click('#faults button:text-is("Remove all")');
    await expect.poll(() => row.count()).toBe(0);
    expect(await page.textContent('#status')).toBe('removed every fault');
    expect((await ctx.api.call('GET', '/__sandbox/faults')).body).toEqual([]);
    expect(await page.isVisible('#faults button:text-is("Remove all")')).toBe(false);
  });
});
