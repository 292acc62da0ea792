// Page metadata the cleaner takes out of the bodies (date lines, contact and editor credits) is no
// longer found by full-text search; the article text around it still is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ corpus: true });
});
afterAll(() => app?.close());

async function hits(search: string): Promise<string[]> {
  const result = await app.graphql(`query ($search: String) { articles(search: $search, first: 20) { edges { node { sourceKey body } } } }`, { search });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return (result.data as any).articles.edges.map((e: any) => e.node.sourceKey);
}

describe('search after cleaning', () => {
  it.each(['Seetao', 'Shengpeng', 'wanghaoran', 'Updated', '"10:23"'])('%s is page metadata and no longer hit', async (search) => {
    expect(await hits(search)).toEqual([]);
  });

  it('still finds the text beside the removed lines', async () => {
    expect((await hits('"given high priority"')).length).toBe(1);
    expect((await hits('"contributed to this story"')).length).toBe(1);
    expect((await hits('"Ren Qi"')).length).toBe(1);
  });
});
