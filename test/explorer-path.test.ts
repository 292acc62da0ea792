// The path finder in a real browser, offline, on the bundled corpus: two linked entities give the
// API's shortest chains, each step with its quote; an unlinked pair gives "No path".
import { expect } from 'vitest';
import { describeExplorer, type Explorer } from './support/explorer.ts';
import { settled, squash } from './support/page-checks.ts';

describeExplorer('explorer path finder', { corpus: true }, (explorer) => {
  explorer.test('path finder: the chains between two linked entities, each step quoted; none for an unlinked pair', async (page) => {
    const ends = await explorer.api(`{ from: entity(slug: "xian") { id name } to: entity(slug: "kazakhstan") { id name } }`);
    const { path: paths } = await explorer.api(
      `query ($from: ID!, $to: ID!) { path(from: $from, to: $to) { length steps { relation { citations { quote } } } } }`,
      { from: ends.from.id, to: ends.to.id },
    );
    expect(paths.length).toBeGreaterThan(0);

    await page.goto(explorer.url('#/path'));
    await settled(page);
    // One end picked from the suggestions by its name, the other typed as a slug.
    await page.getByLabel('From', { exact: true }).pressSequentially(ends.from.name, { delay: 30 });
    await page
      .getByRole('listbox', { name: 'From suggestions' })
      .getByRole('option', { name: new RegExp(`^${escapeRegExp(ends.from.name)} [a-z ]+$`) })
      .click();
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe(ends.from.name);
    await page.getByLabel('To', { exact: true }).fill('kazakhstan');
    await page.getByRole('button', { name: 'Find paths' }).click();

    const shown = page.getByTestId('path');
    await shown.first().waitFor();
    await settled(page);
    expect(await shown.count()).toBe(paths.length);
    for (const [index, path] of paths.entries()) {
      const steps = shown.nth(index).getByTestId('path-step');
      expect(await steps.count()).toBe(path.length);
      for (const [at, step] of path.steps.entries()) {
        const item = steps.nth(at);
        expect(await item.getByRole('link', { name: 'quote', exact: true }).count()).toBeGreaterThan(0);
        const quote = step.relation.citations[0]?.quote;
        if (quote) expect(squash(await item.innerText())).toContain(squash(quote));
      }
    }

    // An entity no curated relation touches cannot be reached from anywhere.
    const alone = await isolatedEntity(explorer, ends.to.id);
    await page.getByLabel('From', { exact: true }).fill(alone);
    await page.getByRole('button', { name: 'Find paths' }).click();
    await page.getByText(/No path within \d+ steps?/).waitFor();
    expect(await shown.count()).toBe(0);
  });
});

/** The slug of an entity without relations, checked to have no path to `to`. */
async function isolatedEntity(explorer: Explorer, to: string): Promise<string> {
  const { entities } = await explorer.api(`{ entities(first: 100) { edges { node { id slug relations(first: 1) { totalCount } } } } }`);
  for (const { node } of entities.edges) {
    if (node.relations.totalCount > 0) continue;
    const { path } = await explorer.api(`query ($from: ID!, $to: ID!) { path(from: $from, to: $to) { length } }`, { from: node.id, to });
    if (path.length === 0) return node.slug;
  }
  throw new Error('corpus: every entity has a relation');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
