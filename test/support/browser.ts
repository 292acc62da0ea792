// Browser pages for tests, kept offline: every request that does not go to the test server is
// aborted and recorded, so a test can prove the page needs no CDN; a screenshot when a test fails.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export { findChromium, launchChromium, MISSING_CHROMIUM } from '../../scripts/chromium.ts';

export interface OfflineContext {
  context: BrowserContext;
  page: Page;
  /** URLs the page tried to reach outside the test server (each aborted). */
  offsite: string[];
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
}

/** A fresh context (no shared storage between tests) whose page may reach `origin` only. */
export async function openOfflineContext(
  browser: Browser,
  origin: string,
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<OfflineContext> {
  const context = await browser.newContext({ viewport, serviceWorkers: 'block', locale: 'en-GB', timezoneId: 'UTC' });
  const offsite: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    offsite.push(url);
    return route.abort('blockedbyclient');
  });
  await context.routeWebSocket(
    (url) => url.origin !== origin.replace(/^http/, 'ws'),
    (socket) => {
      offsite.push(socket.url());
      return socket.close();
    },
  );
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { context, page, offsite, pageErrors };
}

/** test-results/screenshots/<test name>.png, the name made safe for a file system. */
export async function saveFailureScreenshot(page: Page, testName: string): Promise<string | null> {
  const dir = join(process.cwd(), 'test-results', 'screenshots');
  const file = join(dir, `${testName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120)}.png`);
  try {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: file, fullPage: true, timeout: 10_000 });
    return file;
  } catch {
    // A page that crashed cannot be photographed; the test's own error matters more.
    return null;
  }
}
