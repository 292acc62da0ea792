// Article.citations: every quote of an article, what each supports, batched, curated-only by default
// and scoped by asOf.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ corpus: true });
});
afterAll(() => app?.close());

async function data(query: string, variables?: Record<string, unknown>): Promise<any> {
  const result = await app.graphql(query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data;
}

const ARTICLES = `{ articles(first: 20) { edges { node { id body publishedAt
  citations { id quote startOffset endOffset claim { id metric } relation { id kind } } } } } }`;

/** Curated claim and relation citations per article id, counted in SQL. */
async function curatedCitationCounts(): Promise<Map<number, number>> {
  const rows = await sql<{ article_id: number; n: number }>`
    select c.article_id, count(*)::int as n from citations c
    left join claims on claims.id = c.claim_id left join relations on relations.id = c.relation_id
    where claims.status = 'curated' or relations.status = 'curated' group by c.article_id`.execute(app.db);
  return new Map(rows.rows.map((row) => [Number(row.article_id), Number(row.n)]));
}

const numericId = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);

describe('Article.citations', () => {
  it('gives every curated quote of each article in body order, each at its offsets, with what it supports', async () => {
    const articles = (await data(ARTICLES)).articles.edges.map((edge: any) => edge.node);
    const expected = await curatedCitationCounts();
    expect(articles.length).toBeGreaterThan(0);
    for (const article of articles) {
      const body = [...article.body];
      expect(article.citations).toHaveLength(expected.get(numericId(article.id)) ?? 0);
      let previous = -1;
      for (const citation of article.citations) {
        expect(body.slice(citation.startOffset, citation.endOffset).join('')).toBe(citation.quote);
        expect(citation.startOffset).toBeGreaterThanOrEqual(previous);
        previous = citation.startOffset;
        // Exactly one of the two.
        expect(Boolean(citation.claim) !== Boolean(citation.relation)).toBe(true);
      }
    }
    expect(articles.some((a: any) => a.citations.some((c: any) => c.claim))).toBe(true);
    expect(articles.some((a: any) => a.citations.some((c: any) => c.relation))).toBe(true);
  });

  it('runs the same number of statements for one article as for all of them', async () => {
    const query = (first: number) => `{ articles(first: ${first}) { edges { node { title
      citations { quote claim { metric subjects { entity { name } } } relation { kind subject { name } object { name } } } } } } }`;
    const statements = async (first: number) => {
      app.resetStatements();
      await data(query(first));
      return app.statements.length;
    };
    const one = await statements(1);
    const all = await statements(20);
    expect(all).toBe(one);
    // Articles, citations, claims, relations, subjects, entities: one statement per level at most.
    expect(all).toBeLessThanOrEqual(7);
  });

  it('hides candidate claims unless asked for, and shows them with status: CANDIDATE', async () => {
    const articles = (await data(ARTICLES)).articles.edges.map((edge: any) => edge.node);
    const article = articles.find((a: any) => a.citations.some((c: any) => c.claim))!;
    const cited = article.citations.find((c: any) => c.claim);
    const claimId = numericId(cited.claim.id);
    await app.db.updateTable('claims').set({ status: 'candidate' }).where('id', '=', claimId).execute();
    try {
      const query = `query ($id: ID!) { node(id: $id) { ... on Article {
        curated: citations { id } candidate: citations(status: CANDIDATE) { id claim { id status } } } } }`;
      const { node } = await data(query, { id: article.id });
      expect(node.curated.map((c: any) => c.id)).not.toContain(cited.id);
      expect(node.candidate.map((c: any) => c.id)).toContain(cited.id);
      expect(node.candidate.every((c: any) => c.claim?.status === 'CANDIDATE')).toBe(true);
    } finally {
      await app.db.updateTable('claims').set({ status: 'curated' }).where('id', '=', claimId).execute();
    }
  });

  it('with asOf, gives none before the article was published and all from that day on', async () => {
    const articles = (await data(ARTICLES)).articles.edges.map((edge: any) => edge.node);
    const article = articles.find((a: any) => a.publishedAt && a.citations.length > 0)!;
    const query = `query ($id: ID!, $day: Date!, $before: Date!) { node(id: $id) { ... on Article {
      before: citations(asOf: $before) { id } onTheDay: citations(asOf: $day) { id claim { citations { id } } } } } }`;
    const day = article.publishedAt as string;
    const before = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const { node } = await data(query, { id: article.id, day, before });
    expect(node.before).toEqual([]);
    expect(node.onTheDay.map((c: any) => c.id)).toEqual(article.citations.map((c: any) => c.id));
    // The claim is seen through the same date: none of its citations comes from a later article.
    const later = articles.filter((a: any) => (a.publishedAt ?? '9999') > day).flatMap((a: any) => a.citations.map((c: any) => c.id));
    for (const citation of node.onTheDay) {
      for (const own of citation.claim?.citations ?? []) expect(later).not.toContain(own.id);
    }
  });

  it('takes the asOf of the entity it was reached from', async () => {
    const query = `{ entity(slug: "kazakhstan") {
      early: articles(asOf: "2023-01-01") { edges { node { publishedAt citations { id } } } }
      all: articles { edges { node { publishedAt citations { id } } } } } }`;
    const { entity } = await data(query);
    expect(entity.early.edges.length).toBeGreaterThan(0);
    for (const edge of entity.early.edges) expect(edge.node.citations.length).toBeGreaterThan(0);
    expect(entity.all.edges.length).toBeGreaterThan(entity.early.edges.length);
  });

  it('costs an article\'s quotes as a page of 50', async () => {
    const cost = async (query: string) => {
      const result = await app.graphql(query);
      expect(result.errors).toBeUndefined();
      return result.extensions!.cost!.requested;
    };
    const quotes = await cost(`{ articles(first: 1) { edges { node { citations { quote } } } } }`);
    // A claim below each quote counts 50 times.
    const withClaims = await cost(`{ articles(first: 1) { edges { node { citations { quote claim { metric } } } } } }`);
    expect(withClaims - quotes).toBe(50);
  });
});
