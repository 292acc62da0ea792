// GraphiQL at /graphql in a real browser, offline: its editor comes up with the walk in the first
// tab, and running it shows the API's own answer in the response pane.
import { expect } from 'vitest';
import { EXAMPLE_QUERY } from '../src/app.ts';
import { describeExplorer } from './support/explorer.ts';
import { squash } from './support/page-checks.ts';

describeExplorer('GraphiQL in the browser', { corpus: true, bundle: false }, (explorer) => {
  explorer.test('renders its editor and runs the walk of its first tab', async (page) => {
    const expected = await explorer.api(EXAMPLE_QUERY);
    const companies: string[] = expected.entities.edges.map((edge: { node: { name: string } }) => edge.node.name);
    expect(companies.length).toBeGreaterThan(0);

    await page.goto(`${explorer.origin}/graphql`);
    const editor = page.getByRole('region', { name: 'Operation Editor' });
    await editor.locator('.view-lines').getByText('OPERATES_TERMINAL').first().waitFor();

    const walkAnswer = page.waitForResponse(
      (response) => response.url().endsWith('/graphql') && (response.request().postData() ?? '').includes('OPERATES_TERMINAL'),
    );
    await page.getByRole('button', { name: /^Execute query/ }).click();
    const answer = await (await walkAnswer).json();
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual(expected);

    // The pane is an editor that draws only the lines in view: the top of the answer is enough.
    const pane = page.locator('.graphiql-response .view-lines');
    await pane.getByText(companies[0]!).first().waitFor();
    expect(squash(await pane.innerText())).toMatch(/^\{ "data": \{ "entities": \{/);
  });
});
