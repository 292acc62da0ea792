// Search: typo-tolerant entity names, full-text article search with snippets, and Query.search's
// ranked mix of entities, claims and articles; the search queries use their indexes.
import { readdirSync, readFileSync } from 'node:fs';
import { sql, type Expression } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { entityMatches } from '../src/db/search.ts';
import { createTestApp, type TestApp } from './support/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ corpus: true });
});
afterAll(() => app?.close());

/** The ambassador's slug as the curated data has it today (it has been renamed before). */
function ambassadorSlug(): string {
  const corpus = new URL('../db/corpus/', import.meta.url);
  const file = readdirSync(corpus).find((name) => name.startsWith('004_') && name.endsWith('.yaml'))!;
  const data = parse(readFileSync(new URL(file, corpus), 'utf8')) as { entities: Array<{ slug: string; aliases?: string[] }> };
  return data.entities.find((entity) => entity.aliases?.includes('Nuyshev'))!.slug;
}

interface EntityEdge {
  score: number | null;
  node: { slug: string; name: string; kind: string };
}

async function searchEntities(search: string, extra = ''): Promise<EntityEdge[]> {
  const result = await app.graphql(
    `query ($search: String) { entities(search: $search, first: 20 ${extra}) { edges { score node { slug name kind } } } }`,
    { search },
  );
  expect(result.errors).toBeUndefined();
  return result.data.entities.edges;
}

function expectDescending(scores: number[]) {
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
}

describe('entities(search:) tolerates typos and spelling variants', () => {
  const slug = ambassadorSlug();
  it.each([
    ['Horgos', 'khorgos'],
    ['Nuyshev', slug],
    ['Nureshev', slug],
    ['Nurishev', slug],
    ['Bakhtu', 'baktu-port'],
    ['Almati', 'almaty'],
    ['Urumchi', 'urumqi'],
    ['Xian', 'xian'],
    ['Xi’an', 'xian'],
    ['almaty', 'almaty'],
    // Other scripts, compared through their Latin transliteration.
    ['Алматы', 'almaty'],
    ['Хоргос', 'khorgos'],
    ['Урумчи', 'urumqi'],
  ])('"%s" finds %s first', async (search, expected) => {
    const edges = await searchEntities(search);
    expect(edges[0]?.node.slug).toBe(expected);
    expectDescending(edges.map((edge) => edge.score!));
    for (const edge of edges) expect(edge.score).toBeGreaterThan(0);
  });

  it('ranks an exact name 1 and the Khorgos entities ("Horgos") before anything else', async () => {
    expect((await searchEntities('Khorgos'))[0]).toMatchObject({ score: 1, node: { slug: 'khorgos' } });
    const edges = await searchEntities('Horgos');
    expect(edges.length).toBeGreaterThanOrEqual(5);
    expect(edges.slice(0, 5).every((edge) => edge.node.slug.includes('khorgos'))).toBe(true);
    expect(edges[1]!.node.slug).toBe('khorgos-port');
  });

  it('"KTZ" finds both KTZ companies first', async () => {
    const edges = await searchEntities('KTZ');
    expect(edges.slice(0, 2).map((edge) => edge.node.slug).sort()).toEqual(['nc-ktz-jsc', 'xinjiang-ktz-international-logistics']);
  });

  it('still applies the kind filter', async () => {
    const companies = await searchEntities('KTZ', ', kind: COMPANY');
    expect(companies.map((edge) => edge.node.slug).sort()).toEqual(['nc-ktz-jsc', 'xinjiang-ktz-international-logistics']);
    const ports = await searchEntities('Horgos', ', kind: PORT');
    expect(ports[0]!.node.slug).toBe('khorgos-port');
    expect(ports.every((edge) => edge.node.kind === 'PORT')).toBe(true);
  });

  it('finds names that contain the search as words', async () => {
    const slugs = (await searchEntities('media workstation')).map((edge) => edge.node.slug);
    expect(slugs).toEqual(expect.arrayContaining(['china-khorgos-central-asia-joint-media-workstation', 'khorgos-china-kazakhstan-joint-media-workstation']));
  });

  it('matches nothing for a search with no letter or digit, and everything for a blank one', async () => {
    expect(await searchEntities('!!!')).toEqual([]);
    const blank = await app.graphql(`{ entities(search: "  ", first: 1) { totalCount edges { score } } }`);
    const all = await app.graphql(`{ entities(first: 1) { totalCount } }`);
    expect(blank.data.entities.totalCount).toBe(all.data.entities.totalCount);
    expect(blank.data.entities.edges[0].score).toBeNull();
  });

  it('without a search orders by name, with no score', async () => {
    const { data } = await app.graphql(`{ entities(first: 10) { edges { score node { name } } } }`);
    const names = data.entities.edges.map((edge: any) => edge.node.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(data.entities.edges.every((edge: any) => edge.score === null)).toBe(true);
  });

  it('pages through search results without losing or repeating any', async () => {
    const all = (await searchEntities('Khorgos')).map((edge) => edge.node.slug);
    const first = await app.graphql(`{ entities(search: "Khorgos", first: 3) { totalCount edges { node { slug } } pageInfo { endCursor hasNextPage } } }`);
    const rest = await app.graphql(
      `query ($after: String) { entities(search: "Khorgos", first: 20, after: $after) { edges { node { slug } } } }`,
      { after: first.data.entities.pageInfo.endCursor },
    );
    expect(first.data.entities.totalCount).toBe(all.length);
    expect(first.data.entities.pageInfo.hasNextPage).toBe(true);
    expect([...first.data.entities.edges, ...rest.data.entities.edges].map((edge: any) => edge.node.slug)).toEqual(all);
  });
});

describe('articles(search:)', () => {
  const ARTICLES = `query ($search: String, $publisher: String, $from: Date) {
    articles(search: $search, publisher: $publisher, publishedFrom: $from) {
      totalCount edges { score snippet node { sourceKey title publisher publishedAt } }
    }
  }`;
  const searchArticles = async (variables: Record<string, unknown>) => {
    const result = await app.graphql(ARTICLES, variables);
    expect(result.errors).toBeUndefined();
    return result.data.articles as { totalCount: number; edges: Array<{ score: number | null; snippet: string | null; node: any }> };
  };

  it('"ferryman" finds the Khorgos article, with the matched passage highlighted', async () => {
    const { edges } = await searchArticles({ search: 'ferryman' });
    expect(edges.map((edge) => edge.node.title)).toEqual(['Khorgos expands role as major trade hub']);
    expect(edges[0]!.snippet).toContain('<mark>ferryman</mark>');
    expect(edges[0]!.score).toBeGreaterThan(0);
    expect(edges[0]!.score).toBeLessThan(1);
  });

  it('"sister cities" finds the 003 article (stemmed: "sister city" would too)', async () => {
    const { edges } = await searchArticles({ search: 'sister cities' });
    expect(edges[0]!.node.sourceKey).toMatch(/^003_/);
    expect(edges[0]!.snippet).toMatch(/<mark>sister<\/mark> <mark>cit(y|ies)<\/mark>/i);
  });

  it('ranks by score when searching', async () => {
    const { edges } = await searchArticles({ search: 'Kazakhstan' });
    expect(edges.length).toBeGreaterThan(1);
    expectDescending(edges.map((edge) => edge.score!));
  });

  it('returns an empty connection for a search with no lexemes', async () => {
    for (const search of ['the', '!!!', 'and or the']) {
      expect(await searchArticles({ search })).toEqual({ totalCount: 0, edges: [] });
    }
  });

  it('combines search with the publisher and date filters', async () => {
    const all = await searchArticles({ search: 'Kazakhstan' });
    const chinaDaily = await searchArticles({ search: 'Kazakhstan', publisher: 'China Daily' });
    expect(chinaDaily.totalCount).toBeGreaterThan(0);
    expect(chinaDaily.totalCount).toBeLessThan(all.totalCount);
    expect(chinaDaily.edges.every((edge) => edge.node.publisher === 'China Daily')).toBe(true);
    const recent = await searchArticles({ search: 'Kazakhstan', from: '2025-01-01' });
    expect(recent.edges.every((edge) => edge.node.publishedAt >= '2025-01-01')).toBe(true);
    expect(recent.totalCount).toBeLessThan(all.totalCount);
  });

  it('without a search keeps newest-first order and gives no score or snippet', async () => {
    const { edges } = await searchArticles({});
    const dates = edges.map((edge) => edge.node.publishedAt).filter((date) => date !== null);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(edges.every((edge) => edge.score === null && edge.snippet === null)).toBe(true);
  });
});

describe('Query.search', () => {
  const SEARCH = `query ($query: String!, $first: Int, $kinds: [SearchResultKind!]) {
    search(query: $query, first: $first, kinds: $kinds) {
      score snippet node { __typename ... on Node { id } ... on Entity { slug } ... on Claim { metric } ... on Article { title } }
    }
  }`;
  const search = async (variables: Record<string, unknown>) => {
    const result = await app.graphql(SEARCH, variables);
    expect(result.errors).toBeUndefined();
    return result.data.search as Array<{ score: number; snippet: string | null; node: any }>;
  };

  it('"Khorgos" returns entities, claims and articles in one list, best first', async () => {
    const hits = await search({ query: 'Khorgos', first: 50 });
    expect(hits[0]).toMatchObject({ score: 1, snippet: '<mark>Khorgos</mark>', node: { __typename: 'Entity', slug: 'khorgos' } });
    expect(new Set(hits.map((hit) => hit.node.__typename))).toEqual(new Set(['Entity', 'Claim', 'Article']));
    expectDescending(hits.map((hit) => hit.score));
    for (const hit of hits) {
      expect(hit.score).toBeGreaterThan(0);
      expect(hit.score).toBeLessThanOrEqual(1);
      expect(hit.node.id).toEqual(expect.any(String));
    }
    const article = hits.find((hit) => hit.node.__typename === 'Article')!;
    expect(article.node.title).toBe('Khorgos expands role as major trade hub');
    expect(article.snippet).toContain('<mark>Khorgos</mark>');
    expect(hits.find((hit) => hit.node.__typename === 'Claim' && hit.snippet?.includes('<mark>'))).toBeDefined();
  });

  it('finds claims by the words of their metric', async () => {
    const hits = await search({ query: 'handling capacity', kinds: ['CLAIM'] });
    expect(hits.map((hit) => hit.node.metric)).toContain('annual_handling_capacity');
  });

  it('tolerates a misspelt entity name', async () => {
    const [hit] = await search({ query: 'Urumchi', kinds: ['ENTITY'] });
    expect(hit!.node.slug).toBe('urumqi');
  });

  it('returns only the kinds asked for, at most `first` hits (10 by default)', async () => {
    const articles = await search({ query: 'Khorgos', kinds: ['ARTICLE'] });
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.every((hit) => hit.node.__typename === 'Article')).toBe(true);
    const noArticles = await search({ query: 'Khorgos', first: 50, kinds: ['ENTITY', 'CLAIM'] });
    expect(noArticles.some((hit) => hit.node.__typename === 'Article')).toBe(false);
    expect(await search({ query: 'Khorgos' })).toHaveLength(10);
    expect(await search({ query: 'Khorgos', first: 3 })).toHaveLength(3);
    expect(await search({ query: 'Khorgos', first: 0 })).toEqual([]);
    expect(await search({ query: 'Khorgos', kinds: [] })).toEqual([]);
  });

  it('finds nothing, without error, for a query with nothing to match', async () => {
    expect(await search({ query: '!!!' })).toEqual([]);
  });

  it('answers when the same entity is also fetched by node(id) in the request (its loaded row is shared)', async () => {
    const id = (await app.graphql(`{ entity(slug: "khorgos") { id } }`)).data.entity.id;
    for (const query of [
      `query ($id: ID!) { node(id: $id) { id } search(query: "Khorgos", first: 5) { node { ... on Entity { id } } } }`,
      `query ($id: ID!) { search(query: "Khorgos", first: 5) { node { ... on Entity { id } } } node(id: $id) { id } }`,
    ]) {
      const result = await app.graphql(query, { id });
      expect(result.errors).toBeUndefined();
      expect(result.data.search.map((hit: { node: { id?: string } }) => hit.node.id)).toContain(id);
    }
  });

  it('with asOf finds only what was known by then: the same hits as without, less the later ones', async () => {
    const SCOPED = `query ($query: String!, $asOf: Date) {
      search(query: $query, first: 50, asOf: $asOf) {
        score node { __typename ... on Node { id } ... on Entity { slug }
          ... on Claim { citations { article { publishedAt collectedAt } } } ... on Article { publishedAt collectedAt } }
      }
    }`;
    type Dated = { publishedAt: string | null; collectedAt: string };
    const knownOn = (article: Dated) => article.publishedAt ?? article.collectedAt.slice(0, 10);
    const run = async (query: string, asOf: string | null) => {
      const result = await app.graphql(SCOPED, { query, asOf });
      expect(result.errors).toBeUndefined();
      return result.data.search as Array<{ score: number; node: any }>;
    };
    const articles = (await app.graphql(`{ articles(first: 50) { edges { node { publishedAt collectedAt } } } }`)).data.articles.edges;
    const dates = [...new Set(articles.map((edge: { node: Dated }) => knownOn(edge.node)))].sort() as string[];
    // The day before the first article, each publication day, and today.
    const earliest = new Date(Date.parse(dates[0]!) - 86_400_000).toISOString().slice(0, 10);
    for (const query of ['Khorgos', 'terminal']) {
      const all = await run(query, null);
      expect(all.length).toBeLessThan(50); // not cut by first, so filtering it is the whole answer
      for (const asOf of [earliest, ...dates]) {
        const scoped = await run(query, asOf);
        const expected: typeof all = [];
        for (const hit of all) {
          const node = hit.node;
          const known =
            node.__typename === 'Article' ? knownOn(node) <= asOf
            : node.__typename === 'Claim' ? node.citations.some((c: { article: Dated }) => knownOn(c.article) <= asOf)
            : (await app.graphql(`query ($slug: String!, $asOf: Date) { entity(slug: $slug, asOf: $asOf) { id } }`, { slug: node.slug, asOf })).data.entity !== null;
          if (known) expected.push(hit);
        }
        // A claim's score counts only the quotes known by then, so the order may differ: compare as sets.
        expect(scoped.map((hit) => hit.node.id).sort(), `${query} as of ${asOf}`).toEqual(expected.map((hit) => hit.node.id).sort());
        expectDescending(scoped.map((hit) => hit.score));
        if (asOf === earliest) expect(scoped).toEqual([]);
      }
      expect((await run(query, dates.at(-1)!)).length).toBe(all.length);
    }
  });

  it.each([
    ['an empty query', { query: '' }],
    ['a blank query', { query: '   ' }],
    ['a query over 200 characters', { query: 'x'.repeat(201) }],
    ['first over 50', { query: 'Khorgos', first: 51 }],
    ['a negative first', { query: 'Khorgos', first: -1 }],
  ])('rejects %s with BAD_USER_INPUT', async (_case, variables) => {
    const result = await app.graphql(SEARCH, variables);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('search queries use their indexes', () => {
  /**
   * The plan of `query` with sequential and plain index scans discouraged: on a table this small the
   * planner would rather read everything, and the entity_id index would do for DISTINCT ON's order.
   */
  async function plan(query: (db: TestApp['db']) => Expression<unknown>): Promise<string> {
    return app.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local enable_indexscan = off`.execute(trx);
      const result = await sql<{ 'QUERY PLAN': string }>`explain ${query(trx)}`.execute(trx);
      return result.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
  }

  it('entity names: the trigram indexes', async () => {
    const text = await plan((db) => entityMatches(db, 'horgos'));
    expect(text).toContain('entity_aliases_normalized_trgm_idx');
    expect(text).toContain('entity_aliases_folded_trgm_idx');
    // The folded spelling is read from its stored column, not computed per candidate row.
    expect(text).not.toContain('search_fold(');
  });

  it('every GIN index updates at once (no pending list that each search would scan until a vacuum)', async () => {
    const { rows } = await sql<{ name: string; options: string[] | null }>`
      select c.relname as name, c.reloptions as options
      from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
      where am.amname = 'gin' and c.relnamespace = 'public'::regnamespace order by 1`.execute(app.db);
    expect(rows.map((row) => row.name)).toContain('entity_aliases_folded_trgm_idx');
    for (const row of rows) expect(row.options ?? [], row.name).toContain('fastupdate=off');
  });

  it('articles, quotes and metrics: the full-text indexes', async () => {
    const articles = await plan((db) =>
      db.selectFrom('articles').select('id').where(sql<boolean>`search_vector @@ websearch_to_tsquery('english', ${'ferryman'})`),
    );
    expect(articles).toContain('articles_search_vector_idx');
    const quotes = await plan((db) =>
      db.selectFrom('citations').select('id').where(sql<boolean>`to_tsvector('english', quote) @@ websearch_to_tsquery('english', ${'ferryman'})`),
    );
    expect(quotes).toContain('citations_quote_fts_idx');
  });
});
