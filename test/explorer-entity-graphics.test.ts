// The entity page's two drawings in a real browser, offline: the chart of a metric over time (shown
// only where a metric has two dated figures or more on one line) and the neighbourhood graph, where a
// click on a node walks to that entity.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeExplorer, type Explorer } from './support/explorer.ts';
import { settled } from './support/page-checks.ts';

interface Figure {
  metric: string;
  unit: string;
  value: number | null;
  period: { resolved: boolean };
  qualifiers: { product: string | null; direction: string | null; mode: string | null };
}

const FIGURES = `query ($slug: String!) { entity(slug: $slug) { id name
  claims(first: 100) { edges { node { metric unit value period { resolved } qualifiers { product direction mode } } } }
  relations(first: 100) { edges { neighbor { id name } } }
} }`;

/** Metrics with two figures or more that have a value and a resolved period on one line (same unit and qualifiers). */
function chartable(figures: Figure[]): string[] {
  const counts = new Map<string, number>();
  for (const figure of figures) {
    if (figure.value === null || !figure.period.resolved) continue;
    const line = JSON.stringify([figure.metric, figure.unit, figure.qualifiers.product, figure.qualifiers.direction, figure.qualifiers.mode]);
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  const metrics = [...counts].filter(([, count]) => count >= 2).map(([line]) => JSON.parse(line)[0] as string);
  return [...new Set(metrics)].sort();
}

async function entityPage(explorer: Explorer, page: Page, slug: string) {
  const { entity } = await explorer.api(FIGURES, { slug });
  await page.goto(explorer.url(`#/entity/${entity.id}`));
  await page.getByRole('heading', { level: 1, name: entity.name, exact: true }).waitFor();
  await settled(page);
  return entity;
}

/** Where a neighbour's node (drawn in the graph's node colour) is, in page coordinates; null until drawn. */
function findNodeDot(page: Page): Promise<{ x: number; y: number } | null> {
  return page.getByTestId('neighbourhood').evaluate((box) => {
    const blue = [11, 92, 173]; // #0b5cad, a neighbour's fill (the entity itself is orange)
    for (const canvas of Array.from(box.querySelectorAll('canvas'))) {
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0 || canvas.height === 0) continue;
      const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
      const hits: Array<[number, number]> = [];
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const at = (y * width + x) * 4;
          const distance = Math.abs(data[at]! - blue[0]!) + Math.abs(data[at + 1]! - blue[1]!) + Math.abs(data[at + 2]! - blue[2]!);
          if (distance < 12 && data[at + 3]! > 250) hits.push([x, y]);
        }
      }
      if (hits.length === 0) continue;
      // The middle of the first dot: the pixels of that colour near the first one found.
      const [x0, y0] = hits[0]!;
      const dot = hits.filter(([x, y]) => Math.abs(x - x0) < 20 && Math.abs(y - y0) < 20);
      const x = dot.reduce((sum, [px]) => sum + px, 0) / dot.length;
      const y = dot.reduce((sum, [, py]) => sum + py, 0) / dot.length;
      const rect = canvas.getBoundingClientRect();
      return { x: rect.left + (x * rect.width) / width, y: rect.top + (y * rect.height) / height };
    }
    return null;
  });
}

describeExplorer('explorer entity page drawings', { corpus: true }, (explorer) => {
  explorer.test('a metric with two dated figures or more is charted; the metric picker lists exactly those', async (page) => {
    let found: { slug: string; metrics: string[] } | null = null;
    for (const slug of ['china', 'kazakhstan', 'khorgos', 'xinjiang']) {
      const { entity } = await explorer.api(FIGURES, { slug });
      const metrics = entity ? chartable(entity.claims.edges.map((edge: { node: Figure }) => edge.node)) : [];
      if (metrics.length > 0) {
        found = { slug, metrics };
        break;
      }
    }
    if (!found) throw new Error('corpus: no entity with a metric of two dated figures');

    await entityPage(explorer, page, found.slug);
    const picker = page.getByTestId('series').getByRole('combobox', { name: 'Metric' });
    expect(await picker.locator('option').allTextContents()).toEqual(found.metrics);
    const metric = found.metrics.at(-1)!;
    await picker.selectOption(metric);
    await settled(page);
    await page.getByTestId('series-chart').locator('canvas').first().waitFor();
    // The points also come as a table, folded away under the chart (so not in the accessibility tree until opened).
    const points = page.getByTestId('series').locator('[aria-label="Series points"] tbody tr');
    await expect.poll(() => points.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  });

  explorer.test('an entity without such a metric has no chart', async (page) => {
    const { entity } = await explorer.api(FIGURES, { slug: 'kazakhstan-xian-terminal' });
    expect(chartable(entity.claims.edges.map((edge: { node: Figure }) => edge.node))).toEqual([]);
    await entityPage(explorer, page, 'kazakhstan-xian-terminal');
    await page.getByTestId('figures').waitFor();
    expect(await page.getByTestId('series').count()).toBe(0);
  });

  explorer.test('leaving an entity page in the frame it appeared draws nothing into the gone page and raises no error', async (page) => {
    const { entity } = await explorer.api(FIGURES, { slug: 'kazakhstan-xian-terminal' });
    await page.goto(explorer.url('#/'));
    await settled(page);
    // The reader leaves as soon as the graph's box is in the page: before the next frame, when
    // effects that run after paint would start drawing.
    const left = await page.evaluate(
      (hash) =>
        new Promise<boolean>((resolve) => {
          const observer = new MutationObserver(() => {
            if (!document.querySelector('[data-testid="neighbourhood"]')) return;
            observer.disconnect();
            location.hash = '#/';
            resolve(true);
          });
          observer.observe(document.body, { childList: true, subtree: true });
          location.hash = hash;
        }),
      `#/entity/${entity.id}`,
    );
    expect(left).toBe(true);
    await page.getByRole('searchbox', { name: 'Search the graph' }).waitFor();
    // Time for the graph library to load and a late drawing to fail; the harness then checks for page errors.
    await page.waitForTimeout(1_500);
  });

  explorer.test('a graph redrawn in place (another As of date) keeps its drawing and raises no error', async (page) => {
    const entity = await entityPage(explorer, page, 'kazakhstan-xian-terminal');
    expect(entity.relations.edges.length).toBeGreaterThan(0);
    await page.getByTestId('neighbourhood').scrollIntoViewIfNeeded();
    await expect.poll(() => findNodeDot(page), { timeout: 10_000 }).not.toBeNull();
    // Today's date scopes nothing away, so the page keeps its graph container and draws the graph anew in it.
    await page.getByLabel('As of', { exact: true }).fill(new Date().toISOString().slice(0, 10));
    await expect.poll(() => page.evaluate(() => location.hash), { timeout: 10_000 }).toContain('asOf=');
    await settled(page);
    await page.waitForTimeout(300);
    expect(await page.getByTestId('neighbourhood').locator('canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => findNodeDot(page), { timeout: 10_000 }).not.toBeNull();
  });

  explorer.test('a click on a node of the neighbourhood graph walks to that neighbour', async (page) => {
    const entity = await entityPage(explorer, page, 'kazakhstan-xian-terminal');
    const neighbours = new Map<string, string>(entity.relations.edges.map((edge: any) => [edge.neighbor.id, edge.neighbor.name]));
    const listed = await page.getByTestId('neighbour-list').locator('a').allTextContents();
    expect(listed.sort()).toEqual([...new Set(neighbours.values())].sort());

    await page.getByTestId('neighbourhood').scrollIntoViewIfNeeded();
    await expect.poll(() => findNodeDot(page), { timeout: 10_000 }).not.toBeNull();
    const dot = (await findNodeDot(page))!;
    await page.mouse.click(dot.x, dot.y);
    const shownId = async () => decodeURIComponent((await page.evaluate(() => location.hash)).replace(/^#\/entity\//, '').split('?')[0]!);
    await expect.poll(shownId, { timeout: 10_000 }).not.toBe(entity.id);
    const walkedTo = await shownId();
    expect(neighbours.has(walkedTo)).toBe(true);
    await page.getByRole('heading', { level: 1, name: neighbours.get(walkedTo)!, exact: true }).waitFor();
    // The neighbour's own graph is drawn in the same container, and stays drawn: the graph left
    // behind must not take the container's canvases with it when it is destroyed.
    await expect.poll(() => findNodeDot(page), { timeout: 10_000 }).not.toBeNull();
    await page.waitForTimeout(300);
    expect(await page.getByTestId('neighbourhood').locator('canvas').count()).toBeGreaterThan(0);
    expect(await findNodeDot(page)).not.toBeNull();
  });
});
