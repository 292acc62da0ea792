// The explorer on a phone and from the keyboard, in a real browser, offline: at 360 px no page
// (home, entity, article, path finder, review) scrolls sideways as a whole, Tab reaches visible
// controls that show a focus ring, and a search can be run and followed without a mouse.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeExplorer, type Explorer } from './support/explorer.ts';
import { focusedElement, scrollsSideways, settled } from './support/page-checks.ts';

const PHONE = { width: 360, height: 740 };
const TAB_STOPS = 25;

/** Tabs through the first stops of the page: each one visible, with a visible focus ring. */
async function expectVisibleFocusRings(page: Page): Promise<void> {
  const seen: string[] = [];
  for (let stop = 0; stop < TAB_STOPS; stop++) {
    await page.keyboard.press('Tab');
    const focused = await focusedElement(page);
    if (!focused) continue; // focus left the page's content (wrapped around to the browser)
    const where = `${focused.tag} "${focused.text}" (tab stop ${stop + 1})`;
    expect(focused.visible, `${where} is visible`).toBe(true);
    expect(focused.ring, `${where} shows a focus ring`).toBe(true);
    seen.push(where);
  }
  expect(seen.length).toBeGreaterThan(5);
}

/** An entity with relations and figures, and a cited quote in an article, all from the API. */
async function pagesToVisit(explorer: Explorer): Promise<{ entity: string; article: string }> {
  const { entity } = await explorer.api(`{ entity(slug: "kazakhstan") { id claims(first: 1) { edges { node { citations { id article { id } } } } } } }`);
  const citation = entity.claims.edges[0].node.citations[0];
  return { entity: `#/entity/${entity.id}`, article: `#/article/${citation.article.id}?citation=${citation.id}` };
}

describeExplorer('explorer on a phone and from the keyboard', { corpus: true }, (explorer) => {
  for (const [name, route] of [
    ['home', async () => '#/'],
    ['entity', async () => (await pagesToVisit(explorer)).entity],
    ['article', async () => (await pagesToVisit(explorer)).article],
    ['path finder', async () => '#/path?from=xian&to=kazakhstan'],
    ['review', async () => '#/review'],
  ] as const) {
    explorer.test(
      `${name} page at 360 px: no sideways scroll, Tab shows where focus is`,
      async (page) => {
        await page.goto(explorer.url(await route()));
        await settled(page);
        await page.locator('main h1').first().waitFor();
        expect(await scrollsSideways(page)).toBe(false);
        // Tab from where the page puts focus when it opens (the search box on home, the top elsewhere).
        await expectVisibleFocusRings(page);
        expect(await scrollsSideways(page)).toBe(false);
      },
      { viewport: PHONE },
    );
  }

  explorer.test('the path finder from the keyboard: a suggestion picked with the arrow keys and Enter, Enter to find', async (page) => {
    const { entities } = await explorer.api(`{ entities(search: "Xi'an", first: 8) { edges { node { name } } } }`);
    const firstSuggestion: string = entities.edges[0].node.name;

    await page.goto(explorer.url('#/path'));
    await settled(page);
    await page.getByLabel('From', { exact: true }).focus();
    await page.keyboard.type("Xi'an", { delay: 30 });
    await page.getByRole('listbox', { name: 'From suggestions' }).getByRole('option').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe(firstSuggestion);
    await page.keyboard.press('Tab');
    expect((await focusedElement(page))?.text).toBe('To');
    await page.keyboard.type('kazakhstan');
    await page.keyboard.press('Enter');
    await page.getByTestId('path').first().waitFor();
  });

  explorer.test('a search is typed, its first result reached with Tab and opened with Enter', async (page) => {
    const { search } = await explorer.api(`{ search(query: "Khorgos", first: 20) { node { __typename ... on Entity { name } } } }`);
    const first = search.find((hit: any) => hit.node.__typename === 'Entity');
    expect(first).toBeDefined();

    await page.goto(explorer.url('#/'));
    await settled(page);
    // The box has focus when the page opens: typing starts the search.
    await page.keyboard.type('Khorgos', { delay: 30 });
    await page.getByTestId('search-results').locator('li a').first().waitFor();
    await settled(page);
    let focused = await focusedElement(page);
    for (let stop = 0; stop < 10 && focused?.text !== first.node.name; stop++) {
      await page.keyboard.press('Tab');
      focused = await focusedElement(page);
    }
    expect(focused?.text).toBe(first.node.name);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: first.node.name, exact: true }).waitFor();
  });
});
