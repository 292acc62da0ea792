// Walks through the GraphQL API over the loaded corpus (db/corpus): each test follows links the
// articles state and checks it arrives at what the text says, quotes included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows } from '../src/db/seed.ts';
import { createTestApp, type TestApp } from './support/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ corpus: true });
});
afterAll(() => app?.close());

const XINHUA_TITLE = 'Expats start new careers in NW China as trade with Kazakhstan grows';
const TDI = 'The Diplomatic Insight';

/** Runs a query that must succeed and returns its data. */
async function query(text: string, variables?: Record<string, unknown>): Promise<any> {
  const result = await app.graphql(text, variables);
  expect(result.errors).toBeUndefined();
  return result.data;
}

/** The body text between two offsets counted in Unicode code points, as the database counts them. */
const slice = (body: string, start: number, end: number) => Array.from(body).slice(start, end).join('');

const nodes = (connection: { edges: Array<{ node: any }> }) => connection.edges.map((edge) => edge.node);

describe('walks over the curated corpus', () => {
  it('company -> terminal it operates -> its figures -> the articles that state them', async () => {
    const data = await query(`{
      entity(slug: "xinjiang-ktz-international-logistics") {
        name kind
        relations(kind: OPERATES_TERMINAL) { edges { direction neighbor {
          slug name kind
          claims(first: 50) { edges { node {
            key metric value unit hedge
            period { start end text resolved }
            conversion { value unit hedge }
            citations { quote article { title publisher publishedAt } }
          } } }
        } } }
      }
    }`);
    const company = data.entity;
    expect(company).toMatchObject({ name: 'Xinjiang KTZ International Logistics Co., Ltd.', kind: 'COMPANY' });
    expect(company.relations.edges).toHaveLength(1);
    const [edge] = company.relations.edges;
    expect(edge.direction).toBe('OUTGOING');
    const terminal = edge.neighbor;
    expect(terminal).toMatchObject({ slug: 'kazakhstan-xian-terminal', name: "Kazakhstan Xi'an Terminal", kind: 'TERMINAL' });

    const claims = nodes(terminal.claims);
    const byMetric = (metric: string) => {
      const found = claims.filter((claim: any) => claim.metric === metric);
      expect(found, metric).toHaveLength(1);
      return found[0];
    };
    const xinhua = { title: XINHUA_TITLE, publisher: 'Xinhua', publishedAt: '2025-02-21' };

    const capacity = byMetric('annual_handling_capacity');
    expect(capacity).toMatchObject({ value: 655000, unit: 'TEU', hedge: 'EXACT', conversion: null });
    expect(capacity.citations).toHaveLength(1);
    expect(capacity.citations[0].quote).toContain('655,000 TEUs');
    expect(capacity.citations[0].article).toEqual(xinhua);

    const area = byMetric('area');
    expect(area).toMatchObject({ value: 100, unit: 'MU', hedge: 'ABOUT', conversion: { value: 6.67, unit: 'HECTARE', hedge: 'ABOUT' } });
    expect(area.citations[0].quote).toContain('approximately 100 mu (about 6.67 hectares)');
    expect(area.citations[0].article).toEqual(xinhua);

    const opening = byMetric('launch_date');
    expect(opening).toMatchObject({
      value: null, unit: 'DATE',
      period: { start: '2024-02-01', end: '2024-02-29', text: 'February 2024', resolved: true },
    });
    expect(opening.citations[0].quote).toContain('officially began operations in February 2024');
    expect(opening.citations[0].article).toEqual(xinhua);

    // The 33-fold figure comes from the undated TDI report: "last year" cannot be resolved.
    const growth = byMetric('freight_volume_growth_multiple');
    expect(growth).toMatchObject({
      value: 33, unit: 'TIMES', hedge: 'EXACT',
      period: { start: null, end: null, text: 'last year', resolved: false },
    });
    expect(growth.citations).toHaveLength(1);
    expect(growth.citations[0].quote).toBe(
      'The joint cargo terminal in Xi’an, a key hub on the Trans-Caspian International Transport Route (TITR), saw a 33-fold increase in freight volume last year.',
    );
    expect(growth.citations[0].article).toEqual({ title: null, publisher: TDI, publishedAt: null });
  });

  it('sister cities are reached from both sides through the same relation', async () => {
    const side = `relations(kind: SISTER_CITY_OF) { edges { direction neighbor { slug name }
      node { id kind symmetric detail citations { quote article { title } } } } }`;
    const data = await query(`{ urumqi: entity(slug: "urumqi") { ${side} } almaty: entity(slug: "almaty") { ${side} } }`);
    const [fromUrumqi] = data.urumqi.relations.edges;
    const [fromAlmaty] = data.almaty.relations.edges;
    expect(data.urumqi.relations.edges).toHaveLength(1);
    expect(data.almaty.relations.edges).toHaveLength(1);
    expect(fromUrumqi.neighbor).toEqual({ slug: 'almaty', name: 'Almaty' });
    expect(fromAlmaty.neighbor).toEqual({ slug: 'urumqi', name: 'Urumqi' });
    expect(fromUrumqi.node.id).toBe(fromAlmaty.node.id);
    expect(fromUrumqi.node).toMatchObject({ kind: 'SISTER_CITY_OF', symmetric: true });
    expect(fromUrumqi.node.citations.length).toBeGreaterThan(0);
    for (const citation of fromUrumqi.node.citations) {
      expect(citation.quote).toMatch(/sister cities/);
      expect(citation.article.title).toBe('Notes of accord echo through time');
    }
  });

  it('a border port reaches the countries whose border it serves, and its place up to China', async () => {
    const located = (depth: number): string =>
      depth === 0 ? 'slug' : `slug relations(kind: LOCATED_IN, direction: OUTGOING, first: 5) { edges { neighbor { ${located(depth - 1)} } } }`;
    const port = `name
      borders: relations(kind: BORDER_PORT_OF, direction: OUTGOING) { edges { neighbor { slug } node { citations { quote } } } }
      ${located(4)}`;
    const data = await query(`{ khorgos: entity(slug: "khorgos-port") { ${port} } baktu: entity(slug: "baktu-port") { ${port} } }`);

    /** Every path of LOCATED_IN links from the entity, as lists of slugs. */
    const paths = (entity: any): string[][] => {
      const next = entity.relations?.edges ?? [];
      if (next.length === 0) return [[entity.slug]];
      return next.flatMap((e: any) => paths(e.neighbor).map((path) => [entity.slug, ...path]));
    };

    for (const [key, slug] of [['khorgos', 'khorgos-port'], ['baktu', 'baktu-port']] as const) {
      const entity = data[key];
      const countries = entity.borders.edges.map((e: any) => e.neighbor.slug).sort();
      expect(countries, slug).toEqual(['china', 'kazakhstan']);
      for (const e of entity.borders.edges) expect(e.node.citations.length).toBeGreaterThan(0);
      expect(paths(entity).some((path) => path.includes('xinjiang') && path.at(-1) === 'china'), slug).toBe(true);
    }
    expect(data.khorgos.name).toBe('Khorgos Port');
    expect(paths(data.khorgos)).toContainEqual(['khorgos-port', 'xinjiang', 'china']);
    expect(paths(data.baktu)).toContainEqual(['baktu-port', 'tacheng', 'xinjiang', 'china']);
  });

  it('a figure two articles state is one claim with a citation from each, at the right offsets', async () => {
    const data = await query(`{ claims(metric: "trade_volume", first: 100) { edges { node {
      key value unit hedge period { start end text }
      citations { quote startOffset endOffset article { id title publisher publishedAt body } }
    } } } }`);
    const trade = nodes(data.claims).find((claim: any) => claim.key === 'china-kazakhstan-trade-2024');
    expect(trade).toMatchObject({
      value: 43800000000, unit: 'USD', hedge: 'MORE_THAN',
      period: { start: '2024-01-01', end: '2024-12-31', text: '2024' },
    });
    expect(trade.citations).toHaveLength(2);
    const articles = trade.citations.map((c: any) => c.article);
    expect(new Set(articles.map((a: any) => a.id)).size).toBe(2);
    expect(articles.map((a: any) => a.publisher).sort()).toEqual([TDI, 'Xinhua']);
    expect(articles.find((a: any) => a.publisher === 'Xinhua')).toMatchObject({ title: XINHUA_TITLE, publishedAt: '2025-02-21' });
    expect(articles.find((a: any) => a.publisher === TDI)).toMatchObject({ title: null, publishedAt: null });
    for (const citation of trade.citations) {
      expect(citation.quote).toContain('43.8 billion');
      expect(citation.endOffset - citation.startOffset).toBe(Array.from(citation.quote).length);
      expect(slice(citation.article.body, citation.startOffset, citation.endOffset)).toBe(citation.quote);
    }
  });

  it.each([
    ['Nuyshev', 'nureshev', 'Nureshev'],
    ['Bhaktu', 'baktu-port', 'Baktu Port'],
    ['Xi’an', 'xian', "Xi'an"],
  ])('the spelling variant %s finds its entity first', async (search, slug, name) => {
    const data = await query(`query($search: String) { entities(search: $search, first: 5) { edges { node { slug name aliases } } } }`, { search });
    const [first] = nodes(data.entities);
    expect(first).toBeDefined();
    expect(first).toMatchObject({ slug, name });
  });

  it('both largest-trading-partner claims are kept, each with its own citations', async () => {
    const data = await query(`{ entity(slug: "kazakhstan") {
      relations(kind: LARGEST_TRADING_PARTNER_OF, direction: INCOMING) { edges { direction neighbor { slug }
        node { subject { slug } object { slug } citations { quote article { publisher } } } } }
    } }`);
    const edges = data.entity.relations.edges;
    expect(edges.map((e: any) => e.neighbor.slug).sort()).toEqual(['china', 'russia']);
    for (const e of edges) {
      expect(e.direction).toBe('INCOMING');
      expect(e.node.object.slug).toBe('kazakhstan');
      expect(e.node.subject.slug).toBe(e.neighbor.slug);
    }
    const citationsOf = (slug: string) => edges.find((e: any) => e.neighbor.slug === slug).node.citations;
    const china = citationsOf('china');
    expect(china.map((c: any) => c.article.publisher).sort()).toEqual([TDI, 'Xinhua']);
    expect(china.map((c: any) => c.quote)).toContain("China is Kazakhstan's largest trading partner.");
    expect(china.map((c: any) => c.quote)).toContain('China remains Kazakhstan’s largest trading partner');
    const russia = citationsOf('russia');
    expect(russia).toEqual([{ quote: "Russia is Kazakhstan's largest trading partner", article: { publisher: 'Seetao' } }]);
  });

  it('every citation in the database is the article body at its offsets', async () => {
    const articleData = await query(`{ articles(first: 20) { edges { node { id body } } } }`);
    const bodies = new Map<string, string>(nodes(articleData.articles).map((a: any) => [a.id, a.body]));
    expect(bodies.size).toBe(5);

    const citations: Array<{ quote: string; startOffset: number; endOffset: number; article: { id: string }; owner: string }> = [];
    for (const root of ['claims', 'relations']) {
      let after: string | null = null;
      for (let pages = 0; ; pages++) {
        expect(pages).toBeLessThan(50);
        const data: any = await query(
          `query($after: String) { ${root}(first: 100, after: $after) {
            pageInfo { hasNextPage endCursor }
            edges { node { id citations { quote startOffset endOffset article { id } } } }
          } }`,
          { after },
        );
        for (const node of nodes(data[root])) {
          expect(node.citations.length, `${root} ${node.id} has no citation`).toBeGreaterThan(0);
          for (const citation of node.citations) citations.push({ ...citation, owner: `${root} ${node.id}` });
        }
        if (!data[root].pageInfo.hasNextPage) break;
        after = data[root].pageInfo.endCursor;
      }
    }

    expect(citations.length).toBe((await countRows(app.db)).citations);
    for (const citation of citations) {
      const body = bodies.get(citation.article.id);
      expect(body, citation.owner).toBeDefined();
      expect(slice(body!, citation.startOffset, citation.endOffset), citation.owner).toBe(citation.quote);
    }
  });

  it('what the text does not give stays null', async () => {
    const data = await query(`{ articles(first: 20) { edges { node { sourceKey title byline publisher publishedAt publishedText url } } } }`);
    const bySource = new Map(nodes(data.articles).map((a: any) => [a.sourceKey, a]));
    expect(bySource.get('002_081deae5d0113174')).toEqual({
      sourceKey: '002_081deae5d0113174', title: null, byline: null, publisher: TDI, publishedAt: null, publishedText: null, url: null,
    });
    expect(bySource.get('003_95f827acbc5a8e97')).toMatchObject({
      title: 'Notes of accord echo through time', publisher: 'China Daily', publishedAt: null,
    });
  });
});
