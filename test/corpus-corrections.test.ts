// Corrections to the curated corpus after an independent reading against the articles, each checked
// where a reader meets it: containment, conversions, joint projects, aliases, partnership quotes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorpusError, planCorpus, readCorpusFiles, type CorpusPlan } from '../src/ingest/corpus.ts';
import { CORPUS_DIR } from '../src/ingest/load-corpus.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { claim, corpusFile } from './support/corpus-fixture.ts';

let plan: CorpusPlan;
let app: TestApp;
beforeAll(async () => {
  plan = planCorpus(await readCorpusFiles(CORPUS_DIR));
  app = await createTestApp({ corpus: true });
});
afterAll(() => app?.close());

async function ok(query: string) {
  const result = await app.graphql(query);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data;
}

const nodes = (connection: any) => connection.edges.map((e: any) => e.node);
const hasRelation = (kind: string, subject: string, object: string) =>
  plan.relations.some((r) => r.kind === kind && r.subject === subject && r.object === object);

describe('containment', () => {
  it('Khorgos Port lies in Khorgos, so the figures about the port are figures about Khorgos, contained', async () => {
    expect(hasRelation('located_in', 'khorgos-port', 'khorgos')).toBe(true);
    const data = await ok(`{ own: claims(subject: "khorgos", first: 100) { edges { node { key } } }
      contained: claims(subject: "khorgos", includeContained: true, first: 100) { edges { node { key } } } }`);
    const contained = nodes(data.contained).map((c: any) => c.key);
    expect(nodes(data.own).map((c: any) => c.key)).not.toContain('ferryman-model-logistics-cost-savings-2024');
    expect(contained).toEqual(expect.arrayContaining([
      'ferryman-model-logistics-cost-savings-2024', 'ferrymen-income-2024', 'alashankou-khorgos-freight-train-trips-2024',
    ]));
  });

  it('Urumqi lies in Xinjiang, so the Urumqi-Almaty line\'s launch is a figure about Xinjiang, contained', async () => {
    expect(hasRelation('located_in', 'urumqi', 'xinjiang')).toBe(true);
    const data = await ok(`{ claims(subject: "xinjiang", includeContained: true, first: 100) { edges { node { key } } } }`);
    expect(nodes(data.claims).map((c: any) => c.key)).toContain('urumqi-almaty-line-launch');
  });

  it('the China-Europe Railway Express (Xi\'an) Assembly Center lies in Xi\'an', () => {
    expect(hasRelation('located_in', 'china-europe-railway-express-xian-assembly-center', 'xian')).toBe(true);
  });
});

describe('conversions', () => {
  it('every conversion is hedged as its figure is: "nearly 19.5 billion yuan ($2.77 billion)", "about 150 million yuan ($21.1 million)"', async () => {
    const converted = plan.claims.filter((c) => c.conversion !== null);
    expect(converted.length).toBeGreaterThanOrEqual(3);
    for (const c of converted) expect(c.conversion!.hedge, c.key).toBe(c.hedge);
    const data = await ok(`{ claims(unit: CNY, first: 100) { edges { node { key hedge conversion { hedge } } } } }`);
    const byKey = Object.fromEntries(nodes(data.claims).map((c: any) => [c.key, c]));
    expect(byKey['tianshan-freight-trains-cargo-value-first-11-months']).toMatchObject({ hedge: 'NEARLY', conversion: { hedge: 'NEARLY' } });
    expect(byKey['ferryman-model-logistics-cost-savings-2024']).toMatchObject({ hedge: 'ABOUT', conversion: { hedge: 'ABOUT' } });
  });

  it('the loader gives a conversion its figure\'s hedge, and refuses another unless the text hedges it separately', () => {
    const converted = (conversion: Record<string, unknown>) => [corpusFile('a', { claims: [claim('alpha-apples', { conversion })] })];
    expect(planCorpus(converted({ value: 5000000, unit: 'USD' })).claims[0]!.conversion).toEqual({ value: 5000000, unit: 'USD', hedge: 'about' });
    let problems: string[] = [];
    try {
      planCorpus(converted({ value: 5000000, unit: 'USD', hedge: 'exact' }));
    } catch (error) {
      problems = (error as CorpusError).problems;
    }
    expect(problems).toEqual([expect.stringMatching(/conversion: hedge "exact" differs from the figure's "about"/)]);
    expect(planCorpus(converted({ value: 5000000, unit: 'USD', hedge: 'exact', ownHedge: true })).claims[0]!.conversion!.hedge).toBe('exact');
  });
});

describe('joint projects and partnerships', () => {
  it('the Kazakhstan Xi\'an Terminal is a project of China and of Kazakhstan, "a joint project between the two countries"', async () => {
    const data = await ok(`{ entity(slug: "kazakhstan-xian-terminal") { relations(kind: PROJECT_OF) { edges { neighbor { slug } node { detail } } } } }`);
    const edges = data.entity.relations.edges;
    expect(edges.map((e: any) => e.neighbor.slug).sort()).toEqual(['china', 'kazakhstan']);
    for (const edge of edges) expect(edge.node.detail).toBe('a joint project between the two countries');
  });

  it('every PARTNER_OF citation quotes words that state a partnership, not a headline', () => {
    const partnerships = plan.relations.filter((r) => r.kind === 'partner_of');
    expect(partnerships.length).toBeGreaterThan(0);
    for (const relation of partnerships) {
      for (const citation of relation.citations) {
        expect(citation.quote, citation.quote).toMatch(/partner/i);
        expect(citation.quote).not.toBe('Kazakhstan-China Partnership');
        expect(citation.quote.split(/\s+/).length, citation.quote).toBeGreaterThan(4);
      }
    }
  });
});

describe('aliases', () => {
  it('the typo "Kazakhsta" is an alias of Kazakhstan, so a search for it finds the country', async () => {
    const data = await ok(`{ entity(slug: "kazakhstan") { aliases } entities(search: "Kazakhsta", first: 1) { edges { node { slug } } } }`);
    expect(data.entity.aliases).toContain('Kazakhsta');
    expect(nodes(data.entities)[0].slug).toBe('kazakhstan');
  });

  it('"the border city", "the highway port" and "Li" are no aliases: they stay contextual mentions of one statement', async () => {
    const data = await ok(`{ khorgos: entity(slug: "khorgos") { aliases } port: entity(slug: "khorgos-port") { aliases } li: entity(slug: "li-gang") { aliases } }`);
    expect(data.khorgos.aliases).not.toContain('the border city');
    expect(data.port.aliases).not.toContain('the highway port');
    expect(data.li.aliases).not.toContain('Li');
    const borderCity = plan.relations.find((r) => r.kind === 'located_in' && r.subject === 'khorgos-port' && r.object === 'khorgos')!;
    expect(borderCity.citations[0]!.refersTo).toMatchObject({ khorgos: 'the border city' });
  });
});
