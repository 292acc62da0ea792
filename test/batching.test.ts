// No N+1: the number of SQL statements a request runs depends on the query's depth, not on page sizes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';

let app: TestApp;
beforeAll(async () => {
  // The large walk asks for 50 x 50 x 50 items on purpose, far over the default node budget: raise it here.
  app = await createTestApp({ corpus: true, env: { COST_LIMIT: '100000000' } });
});
afterAll(() => app?.close());

async function statementsFor(query: string): Promise<{ count: number; data: any }> {
  app.resetStatements();
  const result = await app.graphql(query);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return { count: app.statements.length, data: result.data };
}

const walk = (first: number) => `{
  entities(kind: COMPANY, first: ${first}) { edges { node { name
    relations(first: ${first}) { edges { neighbor { name } node { kind
      object { name
        claims(first: ${first}) { edges { node { metric value unit
          subjects { role entity { name } }
          citations { quote article { title publishedAt } } } } } } } } } } } } }`;

describe('statements per request', () => {
  it('the walk company -> terminals -> claims -> citations -> article costs the same at first: 2 and first: 50', async () => {
    const small = await statementsFor(walk(2));
    const large = await statementsFor(walk(50));
    // The larger page really reads more rows...
    const claimsIn = (data: any) =>
      data.entities.edges.flatMap((c: any) => c.node.relations.edges.flatMap((r: any) => r.node.object.claims.edges)).length;
    expect(claimsIn(large.data)).toBeGreaterThan(claimsIn(small.data));
    // ...with the same, small number of statements: a count and a page for the top-level list,
    // then one per nested level (relations, entities, claims, subjects, citations, articles).
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(9);
  });

  it('the issue\'s walk query runs in a handful of statements', async () => {
    const { count } = await statementsFor(`{ entities(search: "KTZ", kind: COMPANY, first: 5) { edges { node { name relations(kind: OPERATES_TERMINAL) { edges { node { object { name claims(first: 20) { edges { node { metric value unit citations { quote article { title publishedAt } } } } } } } } } } } } }`);
    expect(count).toBeLessThanOrEqual(7);
  });

  it('corroboration, conflicts and series stay batched across many claims', async () => {
    const query = (first: number) => `{ claims(first: ${first}) { edges { node { sourceCount sources { publisher } conflicts { key } subjects { entity { slug series(metric: "trade_volume") { value } } } } } } }`;
    const small = await statementsFor(query(3));
    const large = await statementsFor(query(60));
    expect(large.count).toBe(small.count);
  });

  it('entities with aliases, articles and claims of every article: same cost at any page size', async () => {
    const query = (first: number) => `{ articles(first: ${first}) { edges { node { title
      entities(first: ${first}) { edges { node { slug aliases articles(first: 3) { totalCount } } } }
      claims(first: ${first}) { totalCount edges { node { key } } } } } } }`;
    const small = await statementsFor(query(2));
    const large = await statementsFor(query(50));
    expect(large.count).toBe(small.count);
  });
});
