// A describe block for browser tests of the explorer: the bundle built once into a temporary folder,
// the real app serving it on a loopback port (on the run's test database), one browser per file, and
// per test a fresh offline context, a check that nothing left the server, a screenshot on failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExplorer } from '../../scripts/build-explorer.ts';
import { createTestApp, type TestApp } from './app.ts';
import { findChromium, launchChromium, MISSING_CHROMIUM, openOfflineContext, saveFailure } from './browser.ts';
import { listenOnLoopback, type Listening } from './listen.ts';

export interface ExplorerTestOptions {
  viewport?: { width: number; height: number };
  timeout?: number;
}

export interface Explorer {
  readonly app: TestApp;
  /** http://127.0.0.1:<port>, the only origin pages may reach. */
  readonly origin: string;
  /** The explorer at a hash route, e.g. url('#/entity/...'). */
  url(hash?: string): string;
  /** A query through the API, for the values a page should show; any GraphQL error throws. */
  api<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  test(name: string, body: (page: Page) => Promise<void>, options?: ExplorerTestOptions): void;
}

const chromiumPath = findChromium();
// Locally a missing browser skips (with a word why); in CI it fails, since .ci/run installs it.
const inCI = ['1', 'true', 'yes'].includes((process.env.CI ?? '').toLowerCase());
const skip = !chromiumPath && !inCI;

export function describeExplorer(
  name: string,
  options: { corpus?: boolean; env?: Record<string, string>; /** false: GraphiQL only, no explorer bundle */ bundle?: boolean },
  define: (explorer: Explorer) => void,
): void {
  if (skip) console.warn(`skipping "${name}": ${MISSING_CHROMIUM}`);
  describe.skipIf(skip)(name, () => {
    let bundleDir: string | undefined;
    let app: TestApp | undefined;
    let listening: Listening | undefined;
    let browser: Browser | undefined;

    beforeAll(async () => {
      if (!chromiumPath) throw new Error(MISSING_CHROMIUM);
      bundleDir = mkdtempSync(join(tmpdir(), 'corridor-explorer-'));
      if (options.bundle !== false) await buildExplorer(bundleDir);
      app = await createTestApp({ corpus: options.corpus ?? true, env: { ...options.env, EXPLORER_DIR: bundleDir } });
      listening = await listenOnLoopback(app.yoga);
      browser = await launchChromium(chromiumPath);
    });
    afterAll(async () => {
      await browser?.close();
      await listening?.close();
      await app?.close();
      if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
    });

    const origin = () => `http://127.0.0.1:${listening!.port}`;
    const explorer: Explorer = {
      get app() {
        return app!;
      },
      get origin() {
        return origin();
      },
      url: (hash = '#/') => `${origin()}/${hash}`,
      async api(query, variables) {
        const result = await app!.graphql(query, variables);
        if (result.errors) throw new Error(`API errors: ${JSON.stringify(result.errors)}`);
        return result.data;
      },
      test(testName, body, testOptions = {}) {
        it(
          testName,
          async () => {
            const { context, page, offsite, pageErrors } = await openOfflineContext(browser!, origin(), testOptions.viewport);
            // Fail on a missing element before vitest's own timeout, with playwright's message; generous,
            // since CI runs these beside every other test file on two cores.
            page.setDefaultTimeout(20_000);
            try {
              await body(page);
              expect(offsite, 'requests outside the test server').toEqual([]);
              expect(pageErrors.join('\n'), 'uncaught exceptions in the page').toBe('');
            } catch (error) {
              const shot = await saveFailure(page, `${name} ${testName}`, error);
              if (shot) console.error(`screenshot of the failed page: ${shot}`);
              throw error;
            } finally {
              await context.close();
            }
          },
          testOptions.timeout ?? 90_000,
        );
      },
    };
    define(explorer);
  });
}
