// The explorer's reading flows in a real browser, offline, on the bundled corpus: from a search to
// a figure's quote highlighted in its article, the search list's hits of every kind, and the asOf
// picker hiding later figures. What each page should show is asked of the API, never written down.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeExplorer, type Explorer } from './support/explorer.ts';
import { hashParam, inViewport, linkTo, settled } from './support/page-checks.ts';

interface Named {
  id: string;
  name: string;
}

/** A KTZ company that operates a terminal with cited figures: the walk a reader would take. */
async function companyWithTerminal(explorer: Explorer): Promise<{ company: Named; terminal: Named; claimIds: string[] }> {
  const data = await explorer.api(`{
    entities(search: "KTZ", kind: COMPANY, first: 5) { edges { node { id name
      relations(kind: OPERATES_TERMINAL) { edges { node { subject { id } object { id name
        claims(first: 100) { edges { node { id citations { id } } } }
      } } } }
    } } }
  }`);
  for (const { node: company } of data.entities.edges) {
    for (const { node: relation } of company.relations.edges) {
      const claims = relation.object.claims.edges.map((edge: any) => edge.node);
      if (relation.subject.id === company.id && claims.some((claim: any) => claim.citations.length > 0)) {
        return { company, terminal: relation.object, claimIds: claims.map((claim: any) => claim.id) };
      }
    }
  }
  throw new Error('corpus: no KTZ company operating a terminal with cited figures');
}

async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

describeExplorer('explorer reading flows', { corpus: true }, (explorer) => {
  explorer.test('search → company → operated terminal → figure → its quote highlighted in the article', async (page) => {
    const { company, terminal, claimIds } = await companyWithTerminal(explorer);

    await page.goto(explorer.url('#/'));
    await settled(page);
    // Typed key by key: the results come as you type, no Enter.
    await page.getByRole('searchbox', { name: 'Search the graph' }).pressSequentially('KTZ', { delay: 40 });
    const hit = page.getByTestId('search-results').locator('li[data-kind="Entity"]').locator(linkTo(`/entity/${company.id}`)).first();
    expect((await hit.innerText()).startsWith(company.name)).toBe(true);
    await hit.click();

    await heading(page, company.name);
    await settled(page);
    const terminalLink = page.getByTestId('relations').getByTestId('relation').locator(linkTo(`/entity/${terminal.id}`)).first();
    expect(await terminalLink.innerText()).toBe(terminal.name);
    await terminalLink.click();

    await heading(page, terminal.name);
    await settled(page);
    const rows = page.getByTestId('figures').getByTestId('figure-row');
    await rows.first().waitFor();
    const shownIds = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-claim-id')));
    expect(shownIds.length).toBeGreaterThan(0);
    for (const id of shownIds) expect(claimIds).toContain(id);

    const quoteLink = rows.getByRole('link', { name: 'quote', exact: true }).first();
    const href = (await quoteLink.getAttribute('href')) ?? '';
    const citationId = hashParam(href, 'citation');
    expect(citationId).toBeTruthy();
    const { node: citation } = await explorer.api(
      `query ($id: ID!) { node(id: $id) { ... on Citation { quote article { id title } } } }`,
      { id: citationId },
    );
    expect(href).toMatch(new RegExp(`^#/article/${citation.article.id}\\?`));
    await quoteLink.click();

    if (citation.article.title) await heading(page, citation.article.title);
    await settled(page);
    const current = page.getByTestId('article-body').locator('mark.current');
    await current.waitFor();
    expect(await current.count()).toBe(1);
    expect(await current.getAttribute('data-citation-id')).toBe(citationId);
    expect(await current.getAttribute('aria-current')).toBe('true');
    expect(await current.evaluate((mark) => mark.textContent)).toBe(citation.quote);
    await expect.poll(() => inViewport(current), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => current.evaluate((mark) => mark === document.activeElement || mark.contains(document.activeElement)), { timeout: 10_000 }).toBe(true);
  });

  explorer.test('search (typed, then Enter) lists entities, figures and articles as the API ranks them, each with a link', async (page) => {
    const query = 'Khorgos trade';
    const { search } = await explorer.api(`query ($query: String!) { search(query: $query, first: 20) { node { __typename } } }`, { query });
    const kinds: string[] = search.map((hit: { node: { __typename: string } }) => hit.node.__typename);
    expect(new Set(kinds).size, 'hits of more than one kind').toBeGreaterThan(1);

    await page.goto(explorer.url('#/'));
    await settled(page);
    const box = page.getByRole('searchbox', { name: 'Search the graph' });
    await box.fill(query);
    await box.press('Enter');
    const items = page.getByTestId('search-results').locator(':scope > li');
    await expect.poll(() => items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-kind'))), { timeout: 10_000 }).toEqual(kinds);
    for (const kind of new Set(kinds)) {
      const first = items.and(page.locator(`[data-kind="${kind}"]`)).first();
      expect(await first.locator('a').count(), `a ${kind} hit links somewhere`).toBeGreaterThan(0);
    }
  });

  explorer.test('search with asOf lists what the API finds as of that date, fewer than without it', async (page) => {
    const query = 'railway';
    const hitIds = async (asOf: string | null) =>
      (await explorer.api(`query ($query: String!, $asOf: Date) { search(query: $query, first: 20, asOf: $asOf) { node { ... on Node { id } } } }`, { query, asOf }))
        .search.map((hit: { node: { id: string } }) => hit.node.id) as string[];
    const { articles } = await explorer.api(`{ articles(first: 50) { edges { node { publishedAt } } } }`);
    const published = articles.edges.map(({ node }: any) => node.publishedAt).filter(Boolean).sort() as string[];
    // The day before the latest dated article: something is hidden, something is still found.
    const asOf = dayBefore(published.at(-1)!);
    const all = await hitIds(null);
    const early = await hitIds(asOf);
    expect(early.length).toBeGreaterThan(0);
    expect(early.length).toBeLessThan(all.length);

    await page.goto(explorer.url(`#/?asOf=${asOf}&q=${encodeURIComponent(query)}`));
    await settled(page);
    const items = page.getByTestId('search-results').locator(':scope > li');
    await expect.poll(() => items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id'))), { timeout: 10_000 }).toEqual(early);
  });

  explorer.test('asOf: a date before a later article hides its figures; clearing the date brings them back', async (page) => {
    const { entity } = await explorer.api(`{ entity(slug: "kazakhstan") { id name
      claims(first: 100) { edges { node { citations { article { publishedAt collectedAt } } } } } } }`);
    // The day each figure's first source counts as published (its date, else the day collected).
    const days = [...new Set(entity.claims.edges.map(({ node }: any) => firstSeen(node.citations)))].sort() as string[];
    expect(days.length, 'figures from articles of different dates').toBeGreaterThan(1);
    const asOf = dayBefore(days[1]!);
    const all = await figureIds(explorer, entity.id, null);
    const early = await figureIds(explorer, entity.id, asOf);
    expect(early.length).toBeGreaterThan(0);
    expect(early.length).toBeLessThan(all.length);

    await page.goto(explorer.url(`#/entity/${entity.id}`));
    await heading(page, entity.name);
    await settled(page);
    const rows = page.getByTestId('figures').getByTestId('figure-row');
    const shown = async () => (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-claim-id') ?? ''))).sort();
    expect(await shown()).toEqual(all);

    await page.getByLabel('As of', { exact: true }).fill(asOf);
    await expect.poll(() => page.evaluate(() => location.hash), { timeout: 10_000 }).toContain(`asOf=${asOf}`);
    await settled(page);
    await expect.poll(shown, { timeout: 20_000 }).toEqual(early);

    await page.getByRole('button', { name: 'Clear date' }).click();
    await expect.poll(() => page.evaluate(() => location.hash), { timeout: 10_000 }).not.toContain('asOf=');
    await settled(page);
    await expect.poll(shown, { timeout: 20_000 }).toEqual(all);
    expect(await page.getByLabel('As of', { exact: true }).inputValue()).toBe('');
  });
});

interface Dated {
  article: { publishedAt: string | null; collectedAt: string };
}

function firstSeen(citations: Dated[]): string {
  return citations.map(({ article }) => article.publishedAt ?? article.collectedAt.slice(0, 10)).sort()[0]!;
}

function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The figures the entity page lists (curated, then candidates), as the API gives them, sorted. */
async function figureIds(explorer: Explorer, id: string, asOf: string | null): Promise<string[]> {
  const { node } = await explorer.api(
    `query ($id: ID!, $asOf: Date) { node(id: $id) { ... on Entity {
      curated: claims(asOf: $asOf, first: 100) { edges { node { id } } }
      candidates: claims(asOf: $asOf, first: 50, status: CANDIDATE) { edges { node { id } } }
    } } }`,
    { id, asOf },
  );
  return [...node.curated.edges, ...node.candidates.edges].map((edge: any) => edge.node.id).sort();
}
