// Debian's chromium driven by playwright-core (no browser download). Tests skip, with this reason, only when no
// chromium binary exists; .ci/run installs it with apt-get.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
export const chromiumPath = CANDIDATES.find((p) => existsSync(p)) ?? null;
export const noChromiumReason = `no chromium found (looked at ${CANDIDATES.join(', ')}); install it with apt-get install chromium or set CHROMIUM_PATH`;

// The flags of the machine notes: headless, and no background traffic to Google's hosts on this closed network.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

export interface Chromium { browser: Browser; context: BrowserContext; page: Page; offHost: string[]; close(): Promise<void> }

export interface LaunchOptions {
  /**
   * Extra host names that resolve to 127.0.0.1 and count as this machine. Some pages (Swagger UI) only reach out
   * to the internet when served under a name other than localhost/127.0.0.1, so a test serves them under one.
   */
  localHosts?: string[];
}

/**
 * A fresh browser with an empty profile. Every request to a host other than 127.0.0.1/localhost is aborted and
 * recorded in `offHost`, so a test can assert that the page never used the network beyond this machine.
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), 'coinpool-chromium-'));
  const localHosts = ['127.0.0.1', 'localhost', ...(options.localHosts ?? [])];
  const mapped = (options.localHosts ?? []).map((h) => `MAP ${h} 127.0.0.1`).join(', ');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath!, headless: true, args: [...FLAGS, ...(mapped ? [`--host-resolver-rules=${mapped}`] : [])],
    viewport: { width: 1400, height: 1000 }, serviceWorkers: 'allow',
  });
  const offHost: string[] = [];
  await context.route(/.*/, (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || localHosts.includes(url.hostname)) return route.continue();
    offHost.push(url.href);
    return route.abort();
  });
  const page = context.pages()[0] ?? await context.newPage();
  return {
    browser: context.browser()!, context, page, offHost,
    async close() { await context.close(); rmSync(profile, { recursive: true, force: true }); },
  };
}
