// npm run explorer:screenshots: refreshes the README's pictures of the explorer (docs/explorer-*.png)
// from a fresh build served on a loopback port over an in-memory copy of the bundled corpus, so they
// show what a fresh clone shows. Needs Debian's chromium-headless-shell (or CHROMIUM_PATH).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { projectRoot } from '../src/http/explorer.ts';
import { loadCorpus } from '../src/ingest/load-corpus.ts';
import { buildExplorer } from './build-explorer.ts';
import { findChromium, launchChromium, MISSING_CHROMIUM } from './chromium.ts';

// A laptop window's width; the entity page taller, down to its figures. Each PNG stays under 300 KB.
const WIDTH = 1100;
const ENTITY_SLUG = 'kazakhstan-xian-terminal';

async function until(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-busy') !== 'true');
}

const chromiumPath = findChromium();
if (!chromiumPath) {
  console.error(MISSING_CHROMIUM);
  process.exit(1);
}

const bundleDir = mkdtempSync(join(tmpdir(), 'corridor-explorer-shots-'));
await buildExplorer(bundleDir);
const app = await createApp(loadConfig({ PGLITE_DIR: 'memory', LOG_LEVEL: 'silent', EXPLORER_DIR: bundleDir }));
const server = createServer(app.yoga);
const browser = await launchChromium(chromiumPath);
try {
  await loadCorpus(app.db);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const page = await browser.newPage({ viewport: { width: WIDTH, height: 760 }, deviceScaleFactor: 1, locale: 'en-GB', timezoneId: 'UTC' });

  const entity = await app.yoga.fetch('http://local/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `query ($slug: String!) { entity(slug: $slug) { id claims(first: 1) { edges { node { citations { id article { id } } } } } } }`,
      variables: { slug: ENTITY_SLUG },
    }),
  });
  const { data } = (await entity.json()) as { data: { entity: { id: string; claims: { edges: Array<{ node: { citations: Array<{ id: string; article: { id: string } }> } }> } } } };
  const citation = data.entity.claims.edges[0]!.node.citations[0]!;

  const shots: Array<[file: string, hash: string, ready: string, height: number]> = [
    ['explorer-entity.png', `#/entity/${data.entity.id}`, '[data-testid="figures"]', 1250],
    ['explorer-article.png', `#/article/${citation.article.id}?citation=${citation.id}`, 'mark.current', 760],
  ];
  for (const [file, hash, ready, height] of shots) {
    await page.setViewportSize({ width: WIDTH, height });
    await page.goto(`${origin}/${hash}`);
    await until(page, ready);
    // Let the chart and the neighbourhood graph finish drawing, and the quote scroll into view.
    await page.waitForTimeout(800);
    const path = join(projectRoot(), 'docs', file);
    await page.screenshot({ path });
    console.log(`${path}: ${(statSync(path).size / 1024).toFixed(0)} KB`);
  }
} finally {
  await browser.close();
  server.close();
  await app.close();
  rmSync(bundleDir, { recursive: true, force: true });
}
