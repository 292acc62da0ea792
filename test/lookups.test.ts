// Lookups forgive how people type: slugs in any case or with spaces, names in other scripts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalSlug } from '../src/db/entities.ts';
import { createTestApp, type TestApp } from './support/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ corpus: true });
});
afterAll(() => app?.close());

describe('slugs as typed', () => {
  it('canonicalSlug lowercases and joins words with hyphens', () => {
    expect(canonicalSlug(' Khorgos Port ')).toBe('khorgos-port');
    expect(canonicalSlug('KHORGOS_port')).toBe('khorgos-port');
    expect(canonicalSlug('khorgos')).toBe('khorgos');
  });

  it('entity(slug:), claims(subject:), relations(subject:) and series(subject:) take any case', async () => {
    const exact = await app.graphql(`{
      entity(slug: "khorgos-port") { id }
      claims(subject: "khorgos-port") { totalCount }
      relations(subject: "khorgos-port") { totalCount }
    }`);
    const typed = await app.graphql(`{
      entity(slug: "Khorgos Port") { id }
      claims(subject: "KHORGOS-PORT") { totalCount }
      relations(subject: "Khorgos_Port") { totalCount }
    }`);
    expect(typed.errors).toBeUndefined();
    expect(typed.data).toEqual(exact.data);
    expect(exact.data.claims.totalCount).toBeGreaterThan(0);
    const series = await app.graphql(`{ series(metric: "trade_volume", subject: "China") { value } }`);
    expect(series.errors).toBeUndefined();
    expect(series.data.series.length).toBeGreaterThan(0);
  });

  it('a slug that names nothing is still a clear error', async () => {
    const result = await app.graphql(`{ claims(subject: "No Such Place") { totalCount } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('No Such Place');
  });
});

describe('publishers as typed', () => {
  it('articles(publisher:) ignores case, accents and punctuation', async () => {
    const exact = await app.graphql(`{ articles(publisher: "Xinhua") { totalCount } }`);
    expect(exact.data.articles.totalCount).toBeGreaterThan(0);
    for (const typed of ['xinhua', 'XINHUA', 'Xinhuá', ' Xinhua. ']) {
      const result = await app.graphql(`query ($p: String) { articles(publisher: $p) { totalCount } }`, { p: typed });
      expect(result.data.articles.totalCount, typed).toBe(exact.data.articles.totalCount);
    }
    const none = await app.graphql(`{ articles(publisher: "Xinhua Daily") { totalCount } }`);
    expect(none.data.articles.totalCount).toBe(0);
  });
});

describe('path ends', () => {
  const PATH = `query ($from: ID!, $to: ID!) { path(from: $from, to: $to, maxDepth: 3) { length entities { slug } } }`;
  it('take slugs as well as IDs, with the same answer', async () => {
    const ids = await app.graphql(`{ a: entity(slug: "xian") { id } b: entity(slug: "kazakhstan") { id } }`);
    const byId = await app.graphql(PATH, { from: ids.data.a.id, to: ids.data.b.id });
    const bySlug = await app.graphql(PATH, { from: 'Xian', to: 'kazakhstan' });
    expect(bySlug.errors).toBeUndefined();
    expect(bySlug.data).toEqual(byId.data);
    expect(byId.data.path.length).toBeGreaterThan(0);
  });

  it('say which end names nothing', async () => {
    const result = await app.graphql(PATH, { from: 'xian', to: 'atlantis' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('"to" names no entity');
  });
});
