// Query power over figures: filters and order, containment, corroboration, conflicts, metrics,
// time series and "as of a date".
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ corpus: true });
});
afterAll(() => app?.close());

const nodes = (connection: any) => connection.edges.map((e: any) => e.node);

async function ok(query: string, variables?: Record<string, unknown>) {
  const result = await app.graphql(query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data;
}

async function fails(query: string, variables?: Record<string, unknown>) {
  const result = await app.graphql(query, variables);
  expect(result.errors?.length, 'expected an error').toBeGreaterThan(0);
  return result.errors![0]!;
}

describe('claim filters and order', () => {
  it('filters by metric and unit', async () => {
    const data = await ok(`{ claims(metric: "trade_volume", unit: USD, first: 100) { totalCount edges { node { metric unit } } } }`);
    expect(data.claims.totalCount).toBeGreaterThan(0);
    expect(nodes(data.claims).every((c: any) => c.metric === 'trade_volume' && c.unit === 'USD')).toBe(true);
  });

  it('filters by hedge', async () => {
    const data = await ok(`{ claims(hedge: NEARLY, first: 100) { edges { node { hedge } } } }`);
    expect(nodes(data.claims).length).toBeGreaterThan(0);
    expect(nodes(data.claims).every((c: any) => c.hedge === 'NEARLY')).toBe(true);
  });

  it('filters by period overlap and leaves out unresolved periods', async () => {
    const data = await ok(`{ claims(periodFrom: "2024-01-01", periodTo: "2024-12-31", first: 100) {
      edges { node { period { start end resolved } } } } }`);
    const periods = nodes(data.claims).map((c: any) => c.period);
    expect(periods.length).toBeGreaterThan(3);
    for (const p of periods) {
      expect(p.resolved).toBe(true);
      expect(p.end >= '2024-01-01' && p.start <= '2024-12-31').toBe(true);
    }
  });

  it('orders by value, descending', async () => {
    const data = await ok(`{ claims(unit: USD, orderBy: VALUE, direction: DESC, first: 100) { edges { node { value } } } }`);
    const values = nodes(data.claims).map((c: any) => c.value);
    expect(values.length).toBeGreaterThan(2);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
  });

  it('orders by the date of the first article stating the figure', async () => {
    const data = await ok(`{ claims(orderBy: ARTICLE_DATE, first: 100) { edges { node { sources { publishedAt } } } } }`);
    const firstDates = nodes(data.claims).map((c: any) =>
      c.sources.map((s: any) => s.publishedAt).filter(Boolean).sort()[0] ?? null,
    );
    const dated = firstDates.filter((d: string | null) => d !== null);
    expect(dated).toEqual([...dated].sort());
    // Figures only undated articles state come last.
    expect(firstDates.slice(firstDates.indexOf(null)).every((d: string | null) => d === null)).toBe(true);
  });

  it('filters by the article that states the figure', async () => {
    const { articles } = await ok(`{ articles(publisher: "Seetao") { edges { node { id } } } }`);
    const id = articles.edges[0].node.id;
    const data = await ok(`query($id: ID!) { claims(article: $id, first: 100) { totalCount edges { node { citations { article { id } } } } } }`, { id });
    expect(data.claims.totalCount).toBeGreaterThan(5);
    for (const claim of nodes(data.claims)) expect(claim.citations.map((c: any) => c.article.id)).toContain(id);
  });

  it('rejects a period that ends before it starts, an unknown metric and a non-Article ID', async () => {
    expect((await fails(`{ claims(periodFrom: "2025-01-01", periodTo: "2024-01-01") { totalCount } }`)).message).toMatch(/periodFrom/);
    const metric = await fails(`{ claims(metric: "banana_count") { totalCount } }`);
    expect(metric.extensions?.code).toBe('BAD_USER_INPUT');
    expect(metric.message).toMatch(/Query\.metrics/);
    const { entity } = await ok(`{ entity(slug: "china") { id } }`);
    expect((await fails(`query($id: ID!) { claims(article: $id) { totalCount } }`, { id: entity.id })).extensions?.code).toBe('INVALID_ID');
    expect((await fails(`{ claims(subject: "atlantis") { totalCount } }`)).message).toMatch(/atlantis/);
  });
});

describe('claims about a place and what is located in it', () => {
  it('includeContained adds figures about entities located in the subject, transitively', async () => {
    const data = await ok(`{
      own: claims(subject: "xinjiang", first: 100) { totalCount }
      all: claims(subject: "xinjiang", includeContained: true, first: 100) { totalCount edges { node { subjects { entity { slug } } } } }
    }`);
    expect(data.all.totalCount).toBeGreaterThan(data.own.totalCount);
    const slugs = new Set(nodes(data.all).flatMap((c: any) => c.subjects.map((s: any) => s.entity.slug)));
    expect(slugs.has('khorgos-port')).toBe(true);
  });

  it('works on an entity\'s own claims too, batched per entity', async () => {
    const data = await ok(`{ entity(slug: "xian") { own: claims { totalCount } all: claims(includeContained: true, first: 100) {
      totalCount edges { node { metric subjects { entity { slug } } } } } } }`);
    expect(data.entity.all.totalCount).toBeGreaterThan(data.entity.own.totalCount);
    expect(nodes(data.entity.all).some((c: any) => c.metric === 'annual_handling_capacity')).toBe(true);
  });
});

describe('corroboration', () => {
  it('a figure stated by two articles has two sources', async () => {
    const data = await ok(`{ entity(slug: "china") { claims(metric: "trade_volume", first: 50) { edges { node {
      period { text } unit sourceCount sources { publisher } } } } } }`);
    const trade2024 = nodes(data.entity.claims).find((c: any) => c.period.text === '2024' && c.unit === 'USD');
    expect(trade2024.sourceCount).toBe(2);
    expect(trade2024.sources.map((s: any) => s.publisher).sort()).toEqual(['The Diplomatic Insight', 'Xinhua']);
  });

  it('Query.metrics lists the metrics in use with counts and units', async () => {
    const data = await ok(`{ metrics { metric claimCount units subjectCount } }`);
    const trade = data.metrics.find((m: any) => m.metric === 'trade_volume');
    expect(trade.claimCount).toBeGreaterThanOrEqual(2);
    expect(trade.units).toContain('USD');
    expect(data.metrics.map((m: any) => m.metric)).toEqual([...data.metrics.map((m: any) => m.metric)].sort());
  });
});

describe('conflicts', () => {
  // Extra curated figures about the 2024 China–Kazakhstan trade, written straight to this test's database
  // (conflicts are only looked for among curated figures), qualified as the corpus figure is: two-way trade.
  async function addTradeFigure(key: string, value: number, hedge: string, period = ['2024-01-01', '2024-12-31']) {
    const ids = await sql<{ id: number; slug: string }>`select id, slug from entities where slug in ('china', 'kazakhstan')`.execute(app.db);
    const bySlug = Object.fromEntries(ids.rows.map((r) => [r.slug, r.id]));
    const claim = await app.db
      .insertInto('claims')
      .values({ key, metric: 'trade_volume', value, unit: 'USD', hedge, period_start: period[0], period_end: period[1], period_text: '2024', status: 'curated', direction: 'both' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await app.db.insertInto('claim_subjects').values([
      { claim_id: claim.id, entity_id: bySlug.china!, role: 'subject' },
      { claim_id: claim.id, entity_id: bySlug.kazakhstan!, role: 'counterpart' },
    ]).execute();
  }

  it('hedges decide: "more than 43.8 billion" conflicts with 40 billion but not with 43.9 billion; "about 44 billion" allows both', async () => {
    await addTradeFigure('test-trade-40bn', 40e9, 'exact');
    await addTradeFigure('test-trade-43-9bn', 43.9e9, 'exact');
    await addTradeFigure('test-trade-about-44bn', 44e9, 'about');
    await addTradeFigure('test-trade-2023', 30e9, 'exact', ['2023-01-01', '2023-12-31']);
    const data = await ok(`{ claims(metric: "trade_volume", unit: USD, first: 50) { edges { node { key conflicts { key } } } } }`);
    const byKey = Object.fromEntries(nodes(data.claims).map((c: any) => [c.key, c.conflicts.map((x: any) => x.key).sort()]));
    expect(byKey['china-kazakhstan-trade-2024']).toEqual(['test-trade-40bn']);
    expect(byKey['test-trade-40bn']).toEqual(['china-kazakhstan-trade-2024', 'test-trade-43-9bn']);
    expect(byKey['test-trade-43-9bn']).toEqual(['test-trade-40bn']);
    // "About 44 billion" reaches down to 39.6 billion: compatible with every figure here.
    expect(byKey['test-trade-about-44bn']).toEqual([]);
    // A different year is not a conflict, whatever the value.
    expect(byKey['test-trade-2023']).toEqual([]);
  });
});

describe('time series', () => {
  it('Entity.series returns a metric\'s points in time order with their citations', async () => {
    const data = await ok(`{ entity(slug: "china") { series(metric: "trade_volume") { value unit hedge start end periodText claim { key status } citations { quote } } } }`);
    const points = data.entity.series;
    expect(points.length).toBeGreaterThan(0);
    const starts = points.map((p: any) => p.start).filter(Boolean);
    expect(starts).toEqual([...starts].sort());
    // A series shows curated figures only; those of the corpus come with their quotes (the conflict
    // tests above add uncited ones).
    expect(points.every((p: any) => p.claim.status === 'CURATED')).toBe(true);
    const fromCorpus = points.filter((p: any) => !p.claim.key.startsWith('test-'));
    expect(fromCorpus.length).toBeGreaterThan(0);
    expect(fromCorpus.every((p: any) => p.citations.length > 0)).toBe(true);
  });

  it('Query.series is the same by slug, and an unknown metric is a clear error', async () => {
    const data = await ok(`{ series(metric: "trade_volume", subject: "china") { value start } entity(slug: "china") { series(metric: "trade_volume") { value start } } }`);
    expect(data.series).toEqual(data.entity.series);
    expect((await fails(`{ series(metric: "nope", subject: "china") { value } }`)).extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('as of a date', () => {
  it('an entity first written about later is not known earlier', async () => {
    const data = await ok(`{ before: entity(slug: "kazakhstan-xian-terminal", asOf: "2023-01-01") { name }
                             after: entity(slug: "kazakhstan-xian-terminal", asOf: "2025-03-01") { name } }`);
    expect(data.before).toBeNull();
    expect(data.after.name).toBe("Kazakhstan Xi'an Terminal");
  });

  it('hides figures and relations published after the date, down the whole walk', async () => {
    const data = await ok(`{
      then: entity(slug: "kazakhstan", asOf: "2023-01-01") {
        claims(first: 100) { edges { node { citations { article { publishedAt } } } } }
        relations(kind: LARGEST_TRADING_PARTNER_OF, first: 20) { edges { neighbor { slug } node { citations { article { publishedAt } } } } }
      }
      now: entity(slug: "kazakhstan") {
        relations(kind: LARGEST_TRADING_PARTNER_OF, first: 20) { edges { neighbor { slug } } }
      }
    }`);
    const dates = [
      ...nodes(data.then.claims).flatMap((c: any) => c.citations.map((x: any) => x.article.publishedAt)),
      ...nodes(data.then.relations).flatMap((r: any) => r.citations.map((x: any) => x.article.publishedAt)),
    ];
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.every((d: string) => d !== null && d <= '2023-01-01')).toBe(true);
    expect(data.then.relations.edges.map((e: any) => e.neighbor.slug)).toEqual(['russia']);
    expect(data.now.relations.edges.map((e: any) => e.neighbor.slug).sort()).toEqual(['china', 'russia']);
  });

  it('a figure known from one article by then shows one source and one citation', async () => {
    const data = await ok(`{ claims(metric: "trade_volume", unit: USD, asOf: "2025-03-01", periodFrom: "2024-01-01", periodTo: "2024-12-31") {
      edges { node { key sourceCount citations { article { publisher } } } } } }`);
    const trade = nodes(data.claims).find((c: any) => c.key === 'china-kazakhstan-trade-2024');
    expect(trade.sourceCount).toBe(1);
    expect(trade.citations.map((c: any) => c.article.publisher)).toEqual(['Xinhua']);
  });

  it('an entity seen as of a date lists only the articles published by then', async () => {
    const data = await ok(`{ then: entity(slug: "kazakhstan", asOf: "2023-01-01") { articles { edges { node { publishedAt } } } }
                             now: entity(slug: "kazakhstan") { articles { totalCount } } }`);
    const dates = nodes(data.then.articles).map((a: any) => a.publishedAt);
    expect(dates).toEqual(['2022-10-31']);
    expect(data.now.articles.totalCount).toBeGreaterThan(1);
  });

  it('series and relations accept asOf too', async () => {
    const data = await ok(`{ series(metric: "trade_volume", subject: "china", asOf: "2023-01-01") { value }
                             relations(kind: SISTER_CITY_OF, asOf: "2030-01-01") { totalCount } }`);
    expect(data.series).toEqual([]);
    // The sister-city articles are undated: they count from the day they were collected.
    expect(data.relations.totalCount).toBeGreaterThan(0);
  });
});
