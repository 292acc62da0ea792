// asOf and undated articles: an article counts as published on its date, else on the day it was
// collected, the latest day it can have been published.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createTestApp, type TestApp } from './support/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ corpus: true });
});
afterAll(() => app?.close());

const CORPUS = new URL('../db/corpus/', import.meta.url);
const nodes = (connection: any) => connection.edges.map((e: any) => e.node);

async function ok(query: string, variables?: Record<string, unknown>) {
  const result = await app.graphql(query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data;
}

/** Claims citing each article, with the article's dates. */
async function articlesWithClaims() {
  const data = await ok(`{ articles(first: 50) { edges { node { sourceKey publishedAt collectedAt claims(first: 100) { edges { node { key } } } } } } }`);
  return nodes(data.articles) as Array<{ sourceKey: string; publishedAt: string | null; collectedAt: string; claims: any }>;
}

async function claimKeys(asOf: string | null): Promise<Set<string>> {
  const data = await ok(`query ($asOf: Date) { claims(asOf: $asOf, first: 100) { totalCount edges { node { key } } } }`, { asOf });
  expect(data.claims.totalCount).toBe(data.claims.edges.length);
  return new Set(nodes(data.claims).map((c: any) => c.key));
}

describe('collection dates of the bundled corpus', () => {
  it('every data file states the day its text was collected by, and the loader stores it', async () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.yaml')).sort();
    expect(files.length).toBe(5);
    const stated = new Map<string, string>();
    for (const file of files) {
      const data = parse(readFileSync(new URL(file, CORPUS), 'utf8'), { schema: 'core' });
      const collected = data.article.collected instanceof Date ? data.article.collected.toISOString().slice(0, 10) : data.article.collected;
      expect(collected, file).toBe('2026-11-25');
      stated.set(file.replace(/\.yaml$/, ''), collected);
    }
    for (const article of await articlesWithClaims()) {
      expect(article.collectedAt).toBe(`${stated.get(article.sourceKey)}T00:00:00.000Z`);
    }
  });
});

describe('asOf falls back to the collection date', () => {
  it('an undated article\'s claims appear on and after its collection date, not before', async () => {
    const undated = (await articlesWithClaims()).filter((a) => a.publishedAt === null);
    expect(undated.length).toBeGreaterThan(0);
    const before = await claimKeys('2026-11-24');
    const on = await claimKeys('2026-11-25');
    const later = await claimKeys('2030-01-01');
    for (const article of undated) {
      const keys = nodes(article.claims).map((c: any) => c.key);
      expect(keys.length, article.sourceKey).toBeGreaterThan(0);
      expect(keys.every((k: string) => on.has(k) && later.has(k)), article.sourceKey).toBe(true);
    }
    // Before the collection day only what dated articles state is known.
    const dated = (await articlesWithClaims()).filter((a) => a.publishedAt !== null);
    const datedKeys = new Set(dated.flatMap((a) => nodes(a.claims).map((c: any) => c.key as string)));
    expect([...before].every((k) => datedKeys.has(k))).toBe(true);
    expect(before.size).toBeLessThan(on.size);
  });

  it('asOf "2030-01-01" shows every curated claim', async () => {
    expect([...(await claimKeys('2030-01-01'))].sort()).toEqual([...(await claimKeys(null))].sort());
  });

  it('dated articles still count from their publication date', async () => {
    const data = await ok(`{ then: claims(asOf: "2023-01-01", first: 100) { edges { node { citations { article { publishedAt } } } } } }`);
    const dates = nodes(data.then).flatMap((c: any) => c.citations.map((x: any) => x.article.publishedAt));
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.every((d: string | null) => d !== null && d <= '2023-01-01')).toBe(true);
  });

  it('relations, citations, entities and articles of an undated article follow the same rule', async () => {
    const data = await ok(`{
      before: relations(kind: SISTER_CITY_OF, asOf: "2026-11-24") { totalCount }
      on: relations(kind: SISTER_CITY_OF, asOf: "2026-11-25") { totalCount edges { node { citations { article { publishedAt collectedAt } } } } }
      now: relations(kind: SISTER_CITY_OF) { totalCount }
    }`);
    expect(data.before.totalCount).toBe(0);
    expect(data.on.totalCount).toBe(data.now.totalCount);
    expect(data.now.totalCount).toBeGreaterThan(0);
    const cited = nodes(data.on).flatMap((r: any) => r.citations.map((c: any) => c.article));
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.every((a: any) => a.publishedAt === null && a.collectedAt <= '2026-11-25T23:59:59Z')).toBe(true);
  });
});
