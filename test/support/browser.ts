// Browser pages for tests, kept offline: every request that does not go to the test server is
// aborted and recorded, so a test can prove the page needs no CDN; a screenshot when a test fails.
import { mkdirSync, writeFileSync } from 'node:fs';
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
  page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
  return { context, page, offsite, pageErrors };
}

/**
 * test-results/screenshots/<test name>.png, the name made safe for a file system, and beside it
 * <test name>.txt with the error and the page's address: a run that others started still leaves why.
 */
export async function saveFailure(page: Page, testName: string, error: unknown): Promise<string | null> {
  const dir = join(process.cwd(), 'test-results', 'screenshots');
  const base = join(dir, testName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120));
  try {
    mkdirSync(dir, { recursive: true });
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    writeFileSync(`${base}.txt`, `${new Date().toISOString()}\n${page.url()}\n\n${stack}\n`);
    await page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 10_000 });
    return `${base}.png`;
  } catch {
    // A page that crashed cannot be photographed; the test's own error matters more.
    return null;
  }
}
