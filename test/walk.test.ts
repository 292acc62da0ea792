// The walk query: company -> terminals it operates -> figures -> citing articles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ corpus: true });
});
afterAll(() => app?.close());

const WALK = `{ entities(search: "KTZ", kind: COMPANY, first: 5) { edges { node { name relations(kind: OPERATES_TERMINAL) { edges { node { object { name claims(first: 20) { edges { node { metric value unit citations { quote article { title publishedAt } } } } } } } } } } } } }`;

describe('walk from a company to the articles behind its terminals\' figures', () => {
  it('returns the Kazakhstan Xi\'an Terminal figures with their quotes', async () => {
    const result = await app.graphql(WALK);
    expect(result.errors).toBeUndefined();
    const companies = result.data.entities.edges.map((e: any) => e.node);
    const operator = companies.find((c: any) => c.name.startsWith('Xinjiang KTZ International Logistics'));
    expect(operator).toBeDefined();
    const terminal = operator.relations.edges[0].node.object;
    expect(terminal.name).toBe("Kazakhstan Xi'an Terminal");
    const capacity = terminal.claims.edges.map((e: any) => e.node).find((c: any) => c.metric === 'annual_handling_capacity');
    expect(capacity).toMatchObject({ value: 655000, unit: 'TEU' });
    expect(capacity.citations[0].quote).toContain('655,000 TEUs');
    expect(capacity.citations[0].article).toEqual({
      title: 'Expats start new careers in NW China as trade with Kazakhstan grows',
      publishedAt: '2025-02-21',
    });
  });
});
