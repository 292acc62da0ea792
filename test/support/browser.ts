// Debian's chromium-headless-shell driven by playwright-core, kept offline: every request that does
// not go to the test server is aborted and recorded, so a test can prove the page needs no CDN.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const KNOWN_PATHS = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium-headless-shell'];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Files the Debian package installed, for a layout other than the usual two paths. */
function packagedPaths(): string[] {
  try {
    return execFileSync('dpkg', ['-L', 'chromium-headless-shell'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')
      .filter((line) => line.endsWith('/chromium-headless-shell'));
  } catch {
    return [];
  }
}

/** CHROMIUM_PATH when set (and it must then exist), else the Debian package's binary; null when absent. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const override = env.CHROMIUM_PATH?.trim();
  if (override) return isExecutable(override) ? override : null;
  return [...KNOWN_PATHS, ...packagedPaths()].find(isExecutable) ?? null;
}

export const MISSING_CHROMIUM =
  "chromium-headless-shell not found (set CHROMIUM_PATH, or: apt-get install --no-install-recommends chromium-headless-shell; .ci/run does this)";

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    // No sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

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
