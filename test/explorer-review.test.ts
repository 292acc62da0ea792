// The editors' review queue in a real browser, offline: an article ingested through the API gives
// candidate figures; with an editor token typed into the page one is accepted and one rejected, as
// the API then confirms; a wrong token gets an alert.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeExplorer, type Explorer } from './support/explorer.ts';
import { settled } from './support/page-checks.ts';
import { bearer, createToken } from './support/tokens.ts';

// Written for this test: real corridor places, a made-up operator and made-up figures.
const ARTICLE = `Steppe Gate Freight opens a rail yard at Khorgos

KHORGOS, June 3 (Corridor Wire) -- Steppe Gate Freight on Tuesday opened a rail yard at Khorgos, the company said.

The yard can handle up to 80,000 TEU a year, according to the company.

Trains between Urumqi and Almaty carried nearly 9,000 TEU in the first five months of this year, the operator said.

Freight volumes through Khorgos rose 14 percent from a year earlier, customs officials said.`;

const INGEST = `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) {
  __typename ... on IngestArticlePayload { counts { candidateClaims } } ... on Error { message }
} }`;
const QUEUE = `{ reviewQueue(kind: CLAIM, first: 100) { edges { node { ... on Claim { id } } } } }`;
const STATUS = `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Claim { id status history { action actor reason } } } }`;
const REASON = 'Checked against the quote: the metric is misread.';

async function asEditor(explorer: Explorer, token: string, query: string, variables?: Record<string, unknown>): Promise<any> {
  const result = await (await explorer.app.post({ query, variables }, bearer(token))).json();
  if (result.errors) throw new Error(`API errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

async function loadQueue(page: Page, token: string): Promise<void> {
  await page.getByLabel('Editor token').fill(token);
  await page.getByRole('button', { name: 'Load queue' }).click();
}

describeExplorer('explorer review queue', { corpus: true }, (explorer) => {
  explorer.test('an editor loads the queue with a token, accepts one candidate figure and rejects another', async (page) => {
    const token = await createToken(explorer.app.db, 'explorer-editor', 'editor');
    const ingested = await asEditor(explorer, token, INGEST, {
      input: { text: ARTICLE, publishedAt: '2025-06-03', url: 'https://corridor-wire.example/2025/06/03/steppe-gate' },
    });
    expect(ingested.ingestArticle.counts.candidateClaims).toBeGreaterThanOrEqual(2);
    const queued: string[] = (await asEditor(explorer, token, QUEUE)).reviewQueue.edges.map((edge: any) => edge.node.id);

    await page.goto(explorer.url('#/review'));
    await settled(page);
    await loadQueue(page, token);
    const items = page.getByTestId('review-item');
    await items.first().waitFor();
    await settled(page);
    expect(await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-claim-id')))).toEqual(queued);

    const [accepted, rejected] = queued as [string, string];
    for (const [id, button] of [
      [accepted, 'Accept'],
      [rejected, 'Reject'],
    ] as const) {
      const item = page.locator(`li[data-testid="review-item"][data-claim-id="${id}"]`);
      if (button === 'Reject') await item.getByLabel('Reason (optional)').fill(REASON);
      await item.getByRole('button', { name: button, exact: true }).click();
      await item.waitFor({ state: 'detached' });
      await page.getByRole('status').filter({ hasText: `${button}ed` }).first().waitFor();
    }
    expect(await items.count()).toBe(queued.length - 2);

    const { nodes } = await explorer.api(STATUS, { ids: [accepted, rejected] });
    expect(nodes.map((node: any) => [node.id, node.status])).toEqual([
      [accepted, 'CURATED'],
      [rejected, 'REJECTED'],
    ]);
    // Audited as the token's editor, with the reason typed into the page.
    for (const node of nodes) expect(node.history.at(-1)).toMatchObject({ action: 'reviewClaim', actor: 'explorer-editor' });
    expect(nodes[1].history.at(-1).reason).toBe(REASON);
    // The token stays in the page: nothing of it is kept in the browser's storage.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
    expect(stored).not.toContain(token);
  });

  explorer.test('a wrong token gets an alert and no queue', async (page) => {
    await page.goto(explorer.url('#/review'));
    await settled(page);
    await loadQueue(page, 'not-a-real-token-0123456789');
    await page.getByRole('alert').first().waitFor();
    expect(await page.getByTestId('review-item').count()).toBe(0);
  });
});
