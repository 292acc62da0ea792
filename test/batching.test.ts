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
    // ...with the same, small number of statements: the top-level page (no count: totalCount is not
    // asked) with each company's relations, their other ends, those ends' claims, their citations and
    // articles; the claims' subjects; the subjects' entities.
    expect(large.count).toBe(small.count);
    expect(large.count).toBe(3);
  });

  it('the issue\'s walk query runs in a handful of statements', async () => {
    const { count } = await statementsFor(`{ entities(search: "KTZ", kind: COMPANY, first: 5) { edges { node { name relations(kind: OPERATES_TERMINAL) { edges { node { object { name claims(first: 20) { edges { node { metric value unit citations { quote article { title publishedAt } } } } } } } } } } } } }`);
    // One statement: the companies with their relations, the objects, the objects' claims, their
    // citations and articles, each level a JSON column of the one above.
    expect(count).toBe(1);
  });

  it('citations read with their page of claims equal those the batched loader reads, with and without asOf', async () => {
    const citations = 'citations { id quote startOffset endOffset fromCaption article { id title ... on Article { publishedAt url } collectedAt metadataFromText } }';
    // An asOf on the earliest article's date: some claims and citations are known by then, others not.
    const dated = await app.graphql('{ articles(first: 50) { edges { node { publishedAt } } } }');
    const earliest = dated.data.articles.edges.map((e: any) => e.node.publishedAt).filter(Boolean).sort()[0];
    for (const asOf of [null, earliest]) {
      const scope = asOf ? `, asOf: "${asOf}"` : '';
      const paged = await statementsFor(`{ entities(first: 60) { edges { node { claims(first: 10${scope}) { edges { node { id ${citations} } } } } } } }`);
      const claims = paged.data.entities.edges.flatMap((e: any) => e.node.claims.edges.map((c: any) => c.node));
      expect(claims.some((c: any) => c.citations.length > 0)).toBe(true);
      // node(id) reads each claim alone, and its citations through the batched loader.
      const ids = claims.map((c: any) => c.id);
      const byNode = await app.graphql(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Claim { id ${citations} } } }`, { ids });
      expect(byNode.errors).toBeUndefined();
      if (!asOf) expect(byNode.data.nodes).toEqual(claims);
      else {
        // node(id) knows no asOf; the top-level list with asOf reads citations through the loader.
        const known = await app.graphql(`{ claims(first: 100, asOf: "${asOf}") { edges { node { id ${citations} } } } }`);
        expect(known.errors).toBeUndefined();
        const byId = new Map(known.data.claims.edges.map((e: any) => [e.node.id, e.node]));
        for (const claim of claims) expect(claim).toEqual(byId.get(claim.id));
      }
    }
  });

  it('relations and claims read in the statement above them equal those read on their own: order, page, cursors, asOf', async () => {
    const dated = await app.graphql('{ articles(first: 50) { edges { node { publishedAt } } } }');
    const dates = dated.data.articles.edges.map((e: any) => e.node.publishedAt).filter(Boolean).sort();
    const variants = [
      'first: 2',
      'first: 3, orderBy: VALUE, direction: DESC',
      'first: 5, orderBy: PERIOD',
      `first: 4, asOf: "${dates[1]}"`,
      'first: 10, hedge: EXACT',
    ];
    for (const args of variants) {
      for (const relationArgs of ['first: 20', `first: 20, asOf: "${dates[2]}"`]) {
        // totalCount cannot be read from the statement above a list, so asking for it reads the list on its own.
        // Subjects' claims ask for no cursor (their key texts are not read), objects' claims do; relations
        // ask for cursors in the asOf variant.
        const query = (count: string, relationsCount = '') => `{ entities(first: 40) { edges { node { slug relations(${relationArgs}) { ${relationsCount} edges { ${relationArgs.includes('asOf') ? 'cursor' : ''} node { kind
          subject { slug claims(${args}) { ${count}
            edges { node { id metric value hedge ... on Claim { period { start end text resolved } qualifiers { product direction mode } } conversion { value unit hedge } status unitText key unit sourceCount citations { quote article { title } } } } } }
          object { slug claims(${args}) { ${count} pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges { cursor node { id metric value hedge ... on Claim { period { start end text resolved } qualifiers { product direction mode } } conversion { value unit hedge } status unitText key unit sourceCount citations { quote article { title } } } } } } } } } } } } }`;
        const joined = await statementsFor(query(''));
        const claimsAlone = await statementsFor(query('totalCount'));
        const allAlone = await statementsFor(query('totalCount', 'totalCount'));
        expect(joined.count).toBeLessThan(claimsAlone.count);
        expect(claimsAlone.count).toBeLessThan(allAlone.count);
        const withoutCounts = (data: unknown) => JSON.parse(JSON.stringify(data, (key, value) => (key === 'totalCount' ? undefined : value)));
        expect(joined.data).toEqual(withoutCounts(claimsAlone.data));
        expect(joined.data).toEqual(withoutCounts(allAlone.data));
        const claims = JSON.stringify(joined.data).match(/"metric"/g)?.length ?? 0;
        expect(claims, `${args} / ${relationArgs}`).toBeGreaterThan(0);
      }
    }
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
