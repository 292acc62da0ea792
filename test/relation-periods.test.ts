// Relations in time: the period the text gives a relation (read from the curated files, spanned over
// several articles), exposed as Relation.period, filtered by periodFrom/periodTo like claims, and
// contradictory functional relations (two largest trading partners of one country at once) reported
// as Relation.conflicts.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorpusError, planCorpus } from '../src/ingest/corpus.ts';
import { FUNCTIONAL_RELATION_KINDS } from '../src/domain/vocabulary.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { entityId } from './support/citing.ts';
import { corpusFile, relation } from './support/corpus-fixture.ts';

describe('relation periods in the curated files', () => {
  const periodOf = (files: Parameters<typeof planCorpus>[0]) => {
    const [planned] = planCorpus(files).relations;
    return { start: planned!.periodStart, end: planned!.periodEnd, text: planned!.periodText };
  };

  it('a relation without a period has none; one with a period keeps it', () => {
    expect(periodOf([corpusFile('a', { relations: [relation()] })])).toEqual({ start: null, end: null, text: null });
    const in2019 = relation({ period: { start: '2019-01-01', end: '2019-12-31', text: 'in 2019' } });
    expect(periodOf([corpusFile('a', { relations: [in2019] })])).toEqual({ start: '2019-01-01', end: '2019-12-31', text: 'in 2019' });
  });

  it('stated by several articles, a relation spans their periods; the text stays only when they agree', () => {
    const stated = (start: string, end: string, text: string | null) => relation({ period: { start, end, text } });
    expect(periodOf([
      corpusFile('a', { relations: [stated('2022-10-31', '2022-10-31', null)] }),
      corpusFile('b', { relations: [relation()] }),
      corpusFile('c', { relations: [stated('2025-01-01', '2025-12-31', 'in 2025')] }),
    ])).toEqual({ start: '2022-10-31', end: '2025-12-31', text: null });
    expect(periodOf([
      corpusFile('a', { relations: [stated('2019-01-01', '2019-12-31', 'in 2019')] }),
      corpusFile('b', { relations: [stated('2019-01-01', '2019-12-31', 'in 2019')] }),
    ])).toEqual({ start: '2019-01-01', end: '2019-12-31', text: 'in 2019' });
  });

  it('refuses a period that ends before it starts, or a date that is none', () => {
    for (const period of [{ start: '2020-01-01', end: '2019-01-01' }, { start: '2019-02-30' }]) {
      let problems: string[] = [];
      try {
        planCorpus([corpusFile('a', { relations: [relation({ period })] })]);
      } catch (error) {
        problems = (error as CorpusError).problems;
      }
      expect(problems, JSON.stringify(period)).toHaveLength(1);
    }
  });
});

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ corpus: true });
});
afterAll(() => app?.close());

async function ok(query: string, variables?: Record<string, unknown>) {
  const result = await app.graphql(query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data;
}

const nodes = (connection: any) => connection.edges.map((e: any) => e.node);
const PARTNERS = `relations(kind: LARGEST_TRADING_PARTNER_OF, object: "kazakhstan") { edges { node {
  subject { slug } period { start end text resolved } functional conflicts { subject { slug } } } } }`;

describe('Relation.period', () => {
  it('says when each largest trading partner of Kazakhstan was stated to be one', async () => {
    const data = await ok(`{ ${PARTNERS} }`);
    const bySubject = Object.fromEntries(nodes(data.relations).map((r: any) => [r.subject.slug, r]));
    expect(bySubject.china.period).toEqual({ start: '2025-02-21', end: '2025-02-21', text: null, resolved: true });
    expect(bySubject.russia.period).toEqual({ start: '2022-10-31', end: '2022-10-31', text: null, resolved: true });
    // China (2025) and Russia (2022) do not overlap: no conflict.
    expect(nodes(data.relations).map((r: any) => [r.functional, r.conflicts])).toEqual([[true, []], [true, []]]);
  });

  it('keeps a time the text gives only in words, and has none for a lasting fact', async () => {
    const data = await ok(`{
      once: relations(kind: ON_ROUTE, subject: "khorgos") { edges { node { period { start end text resolved } } } }
      place: relations(kind: LOCATED_IN, subject: "xian", object: "shaanxi") { edges { node { period { start end text resolved } } } }
    }`);
    expect(nodes(data.once)[0].period).toEqual({ start: null, end: null, text: 'once', resolved: false });
    expect(nodes(data.place)[0].period).toEqual({ start: null, end: null, text: null, resolved: false });
  });

  it('spans what several articles say: the China-Kazakhstan partnership, 2022 (Seetao) to 2025 (TDI)', async () => {
    const data = await ok(`{ relations(kind: PARTNER_OF, subject: "china", object: "kazakhstan") { edges { node { period { start end text } citations { article { publisher } } } } } }`);
    const [partnership] = nodes(data.relations);
    expect(partnership.period).toEqual({ start: '2022-10-31', end: '2025-12-31', text: null });
    expect(partnership.citations).toHaveLength(3);
  });
});

describe('filtering relations by period', () => {
  it('Query.relations keeps those whose period overlaps [periodFrom, periodTo]; unresolved ones never match', async () => {
    const data = await ok(`{
      y2022: relations(kind: LARGEST_TRADING_PARTNER_OF, periodFrom: "2022-01-01", periodTo: "2022-12-31") { edges { node { subject { slug } } } }
      y2025: relations(kind: LARGEST_TRADING_PARTNER_OF, periodFrom: "2025-01-01") { edges { node { subject { slug } } } }
      before: relations(kind: LARGEST_TRADING_PARTNER_OF, periodTo: "2021-12-31") { totalCount }
      located: relations(kind: LOCATED_IN, periodFrom: "1900-01-01") { totalCount }
      all2024: relations(periodFrom: "2024-01-01", periodTo: "2024-12-31", first: 50) { edges { node { period { start end } } } }
    }`);
    expect(nodes(data.y2022).map((r: any) => r.subject.slug)).toEqual(['russia']);
    expect(nodes(data.y2025).map((r: any) => r.subject.slug)).toEqual(['china']);
    expect(data.before.totalCount).toBe(0);
    expect(data.located.totalCount).toBe(0);
    const periods = nodes(data.all2024).map((r: any) => r.period);
    expect(periods.length).toBeGreaterThan(3);
    for (const p of periods) expect(p.end >= '2024-01-01' && p.start <= '2024-12-31').toBe(true);
  });

  it('Entity.relations filters the same way, and a period that ends before it starts is a client error', async () => {
    const data = await ok(`{ entity(slug: "kazakhstan") {
      then: relations(kind: LARGEST_TRADING_PARTNER_OF, periodFrom: "2022-10-01", periodTo: "2022-11-30") { edges { neighbor { slug } } }
      all: relations(kind: LARGEST_TRADING_PARTNER_OF) { totalCount } } }`);
    expect(data.entity.then.edges.map((e: any) => e.neighbor.slug)).toEqual(['russia']);
    expect(data.entity.all.totalCount).toBe(2);
    for (const query of [
      `{ relations(periodFrom: "2025-01-01", periodTo: "2024-01-01") { totalCount } }`,
      `{ entity(slug: "kazakhstan") { relations(periodFrom: "2025-01-01", periodTo: "2024-01-01") { totalCount } } }`,
    ]) {
      const result = await app.graphql(query);
      expect(result.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
    }
  });
});

describe('Relation.conflicts', () => {
  /** A curated relation written straight to this test's database (no citation: hidden under asOf). */
  async function addRelation(kind: string, subject: string, object: string, period: [string | null, string | null]) {
    const row = await app.db
      .insertInto('relations')
      .values({
        kind, subject_id: await entityId(app, subject), object_id: await entityId(app, object), status: 'curated',
        period_start: period[0], period_end: period[1],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it('the functional kinds are the largest trading partner (one per country) and the branch (one company per branch)', () => {
    expect([...FUNCTIONAL_RELATION_KINDS]).toEqual([['largest_trading_partner_of', 'object'], ['branch_of', 'subject']]);
  });

  it('two largest trading partners of one country for overlapping periods conflict, both ways; the one of another time does not', async () => {
    const rival = await addRelation('largest_trading_partner_of', 'europe', 'kazakhstan', ['2025-01-01', '2025-12-31']);
    const data = await ok(`{ ${PARTNERS}
      asOf: relations(kind: LARGEST_TRADING_PARTNER_OF, object: "kazakhstan", asOf: "2025-06-01") { edges { node { subject { slug } conflicts { subject { slug } } } } } }`);
    const conflicts = Object.fromEntries(nodes(data.relations).map((r: any) => [r.subject.slug, r.conflicts.map((c: any) => c.subject.slug)]));
    expect(conflicts).toEqual({ china: ['europe'], europe: ['china'], russia: [] });
    // As of a date, only rivals known by then count (this one is cited by no article).
    expect(nodes(data.asOf).map((r: any) => [r.subject.slug, r.conflicts])).toEqual([['china', []], ['russia', []]]);
    await app.db.deleteFrom('relations').where('id', '=', rival).execute();
  });

  it('a branch of two companies conflicts when neither relation has a period; a non-functional kind never does', async () => {
    const rival = await addRelation('branch_of', 'xinjiang-ktz-international-logistics-xian-branch', 'nc-ktz-jsc', [null, null]);
    const other = await addRelation('located_in', 'xinjiang-ktz-international-logistics-xian-branch', 'shanghai', [null, null]);
    const data = await ok(`{ entity(slug: "xinjiang-ktz-international-logistics-xian-branch") {
      relations(direction: OUTGOING) { edges { node { kind object { slug } conflicts { object { slug } } } } } } }`);
    const byEdge = Object.fromEntries(nodes(data.entity.relations).map((r: any) => [`${r.kind} ${r.object.slug}`, r.conflicts.map((c: any) => c.object.slug)]));
    expect(byEdge['BRANCH_OF xinjiang-ktz-international-logistics']).toEqual(['nc-ktz-jsc']);
    expect(byEdge['BRANCH_OF nc-ktz-jsc']).toEqual(['xinjiang-ktz-international-logistics']);
    expect(byEdge['LOCATED_IN xian']).toEqual([]);
    expect(byEdge['LOCATED_IN shanghai']).toEqual([]);
    await sql`delete from relations where id in (${rival}, ${other})`.execute(app.db);
  });
});
