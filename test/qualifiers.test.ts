// Claim qualifiers (product, trade direction, transport mode): read from the curated files in one
// form, part of a figure's identity for conflicts and series, filterable, and written by the curation
// mutations with their checks.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorpusError, planCorpus } from '../src/ingest/corpus.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { article, entityGlobalId, entityId, expectNothingWritten, mutate } from './support/citing.ts';
import { claim, corpusFile } from './support/corpus-fixture.ts';
import { createToken } from './support/tokens.ts';

function problemsOf(files: Parameters<typeof planCorpus>[0]): string[] {
  try {
    planCorpus(files);
  } catch (error) {
    expect(error).toBeInstanceOf(CorpusError);
    return (error as CorpusError).problems;
  }
  throw new Error('expected planCorpus to throw a CorpusError');
}

describe('qualifiers in the curated files', () => {
  it('are read into one form: the product lowercase with single spaces', () => {
    const plan = planCorpus([
      corpusFile('a', { claims: [claim('alpha-apples', { qualifiers: { product: '  Apples \t AND  Pears ', direction: 'export', mode: 'rail' } })] }),
    ]);
    expect(plan.claims[0]!.qualifiers).toEqual({ product: 'apples and pears', direction: 'export', mode: 'rail' });
  });

  it('are all null when omitted', () => {
    expect(planCorpus([corpusFile('a', { claims: [claim('alpha-apples')] })]).claims[0]!.qualifiers)
      .toEqual({ product: null, direction: null, mode: null });
  });

  it('refuses an unknown direction, an unknown mode and an unknown qualifier', () => {
    const problems = problemsOf([
      corpusFile('a', { claims: [claim('alpha-apples', { qualifiers: { direction: 'outbound', mode: 'pipeline', colour: 'red' } })] }),
    ]);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/unknown direction "outbound"/);
    expect(problems.join('\n')).toMatch(/unknown mode "pipeline"/);
    expect(problems.join('\n')).toMatch(/unknown qualifier "colour"/);
  });

  it('are part of a figure: the same key stated with another product in a second file is refused', () => {
    const problems = problemsOf([
      corpusFile('a', { claims: [claim('alpha-apples', { qualifiers: { product: 'apples' } })] }),
      corpusFile('b', { claims: [claim('alpha-apples', { qualifiers: { product: 'pears' } })] }),
    ]);
    expect(problems).toEqual([expect.stringMatching(/^b\.yaml claim "alpha-apples": differs from the claim with the same key in a\.yaml/)]);
    // Written differently but the same once normalised: one claim, two citations.
    const plan = planCorpus([
      corpusFile('a', { claims: [claim('alpha-apples', { qualifiers: { product: 'Apples' } })] }),
      corpusFile('b', { claims: [claim('alpha-apples', { qualifiers: { product: 'apples ' } })] }),
    ]);
    expect(plan.claims[0]!.citations).toHaveLength(2);
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
const NEV = 'xinjiang-nev-large-equipment-exports-2025-jan-may-yoy-growth';
const AGRICULTURE = 'xinjiang-agricultural-exports-2025-jan-may-yoy-growth';

/** A curated figure like the corpus's export growth figures (Xinjiang to Central Asia, Jan-May 2025), with the given qualifiers. */
async function addExportGrowth(key: string, value: number, qualifiers: { product?: string; direction?: string; mode?: string }) {
  const row = await app.db
    .insertInto('claims')
    .values({
      key, metric: 'exports_growth_yoy', value, unit: 'percent', hedge: 'exact', status: 'curated',
      period_start: '2025-01-01', period_end: '2025-05-31', period_text: 'In the first five months of this year', ...qualifiers,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await app.db.insertInto('claim_subjects').values([
    { claim_id: row.id, entity_id: await entityId(app, 'xinjiang'), role: 'origin' },
    { claim_id: row.id, entity_id: await entityId(app, 'central-asia'), role: 'destination' },
  ]).execute();
}

describe('qualifiers in the API', () => {
  it('tell the NEV export growth from the agricultural one, which therefore no longer conflict', async () => {
    const data = await ok(`{ claims(metric: "exports_growth_yoy", first: 10) { edges { node {
      key value qualifiers { product direction mode } conflicts { key } } } } }`);
    const byKey = Object.fromEntries(nodes(data.claims).map((c: any) => [c.key, c]));
    expect(byKey[NEV]).toEqual({
      key: NEV, value: 102.4, conflicts: [],
      qualifiers: { product: 'new energy vehicles and large-scale equipment', direction: 'EXPORT', mode: null },
    });
    expect(byKey[AGRICULTURE]).toEqual({
      key: AGRICULTURE, value: 100.1, conflicts: [],
      qualifiers: { product: 'agricultural products', direction: 'EXPORT', mode: null },
    });
  });

  it('a figure conflicts only with figures of the same qualifiers', async () => {
    await addExportGrowth('test-agriculture-50', 50, { product: 'agricultural products', direction: 'export' });
    await addExportGrowth('test-textiles-50', 50, { product: 'textiles', direction: 'export' });
    await addExportGrowth('test-unqualified-50', 50, {});
    const data = await ok(`{ claims(metric: "exports_growth_yoy", first: 10) { edges { node { key conflicts { key } } } } }`);
    const conflicts = Object.fromEntries(nodes(data.claims).map((c: any) => [c.key, c.conflicts.map((x: any) => x.key)]));
    expect(conflicts[AGRICULTURE]).toEqual(['test-agriculture-50']);
    expect(conflicts['test-agriculture-50']).toEqual([AGRICULTURE]);
    expect(conflicts[NEV]).toEqual([]);
    expect(conflicts['test-textiles-50']).toEqual([]);
    // An unqualified figure is compared with unqualified ones only.
    expect(conflicts['test-unqualified-50']).toEqual([]);
    await sql`delete from claims where key like 'test-%'`.execute(app.db);
  });

  it('claim lists filter by product (case and spaces folded), trade direction and transport mode', async () => {
    const data = await ok(`{
      product: claims(product: "  Agricultural   PRODUCTS ", first: 50) { edges { node { key } } }
      exports: claims(tradeDirection: EXPORT, first: 50) { edges { node { key qualifiers { direction } } } }
      rail: claims(transportMode: RAIL, first: 50) { edges { node { key qualifiers { mode } } } }
      road: entity(slug: "ferryman-self-driven-delivery-model") { claims(transportMode: ROAD, tradeDirection: EXPORT, product: "vehicles") { totalCount } }
      none: claims(product: "caviar") { totalCount }
    }`);
    expect(nodes(data.product).map((c: any) => c.key)).toEqual([AGRICULTURE]);
    const exports = nodes(data.exports);
    expect(exports.every((c: any) => c.qualifiers.direction === 'EXPORT')).toBe(true);
    expect(exports.map((c: any) => c.key)).toEqual(expect.arrayContaining([NEV, AGRICULTURE]));
    const rail = nodes(data.rail);
    expect(rail.every((c: any) => c.qualifiers.mode === 'RAIL')).toBe(true);
    expect(rail.map((c: any) => c.key)).toEqual(expect.arrayContaining(['tianshan-freight-trains-trips-first-11-months', 'china-kazakhstan-rail-freight-2024']));
    expect(data.road.claims.totalCount).toBe(4);
    expect(data.none.totalCount).toBe(0);
    const blank = await app.graphql(`{ claims(product: "   ") { totalCount } }`);
    expect(blank.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('series points carry their qualifiers as the label of their line, and the arguments keep one line', async () => {
    const data = await ok(`{
      both: series(metric: "exports_growth_yoy", subject: "xinjiang") { value start end qualifiers { product direction } }
      one: series(metric: "exports_growth_yoy", subject: "xinjiang", product: "agricultural products") { value }
      nested: entity(slug: "xinjiang") { series(metric: "exports_growth_yoy", product: "new energy vehicles and large-scale equipment") { value } }
    }`);
    // Same period, two lines: each point says which.
    expect(data.both).toHaveLength(2);
    expect(new Set(data.both.map((p: any) => `${p.start}..${p.end}`)).size).toBe(1);
    expect(data.both.map((p: any) => p.qualifiers.product).sort()).toEqual(['agricultural products', 'new energy vehicles and large-scale equipment']);
    expect(data.one).toEqual([{ value: 100.1 }]);
    expect(data.nested.series).toEqual([{ value: 102.4 }]);
  });
});

describe('qualifiers in createClaim and updateClaim', () => {
  const FIELDS = 'key qualifiers { product direction mode } conversion { value unit hedge } hedge';
  const CREATE = `mutation($input: CreateClaimInput!) { createClaim(input: $input) { __typename
    ... on CreateClaimPayload { claim { id ${FIELDS} } } ... on ValidationError { field message } } }`;
  const UPDATE = `mutation($input: UpdateClaimInput!) { updateClaim(input: $input) { __typename
    ... on UpdateClaimPayload { claim { ${FIELDS} } } ... on ValidationError { field message } } }`;
  let editor: string;
  let input: Record<string, unknown>;

  beforeAll(async () => {
    editor = await createToken(app.db, 'qualifier-editor', 'editor');
    const tdi = await article(app, '002_081deae5d0113174');
    input = {
      metric: 'trade_volume', value: 43.8e9, unit: 'USD', hedge: 'MORE_THAN',
      period: { start: '2024-01-01', end: '2024-12-31', text: '2024' },
      subjects: [{ entity: await entityGlobalId(app, 'china') }, { entity: await entityGlobalId(app, 'kazakhstan'), role: 'COUNTERPART' }],
      citation: { article: tdi.globalId, quote: 'with bilateral trade exceeding $43.8 billion in 2024' },
    };
  });

  it('createClaim stores the qualifiers in their one form; updateClaim replaces or clears them', async () => {
    const created = await mutate(app, editor, CREATE, { input: { ...input, qualifiers: { product: ' All  Goods ', direction: 'BOTH' } } });
    expect(created.errors).toBeUndefined();
    const claim = created.data.createClaim.claim;
    expect(claim.qualifiers).toEqual({ product: 'all goods', direction: 'BOTH', mode: null });
    const replaced = await mutate(app, editor, UPDATE, { input: { id: claim.id, qualifiers: { mode: 'RAIL' } } });
    expect(replaced.data.updateClaim.claim.qualifiers).toEqual({ product: null, direction: null, mode: 'RAIL' });
    const kept = await mutate(app, editor, UPDATE, { input: { id: claim.id, value: 43.9e9 } });
    expect(kept.data.updateClaim.claim.qualifiers).toEqual({ product: null, direction: null, mode: 'RAIL' });
    const cleared = await mutate(app, editor, UPDATE, { input: { id: claim.id, qualifiers: null } });
    expect(cleared.data.updateClaim.claim.qualifiers).toEqual({ product: null, direction: null, mode: null });
  });

  it('a conversion without a hedge of its own takes the figure\'s', async () => {
    const created = await mutate(app, editor, CREATE, { input: { ...input, conversion: { value: 310e9, unit: 'CNY' } } });
    expect(created.data.createClaim.claim.conversion).toEqual({ value: 310e9, unit: 'CNY', hedge: 'MORE_THAN' });
  });

  it('a blank or overlong product is a ValidationError on input.qualifiers.product and writes nothing', async () => {
    for (const product of ['   ', 'x'.repeat(101)]) {
      const body = await expectNothingWritten(app, () => mutate(app, editor, CREATE, { input: { ...input, qualifiers: { product } } }));
      expect(body.data.createClaim).toMatchObject({ __typename: 'ValidationError', field: 'input.qualifiers.product' });
    }
  });
});
