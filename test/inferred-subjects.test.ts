// Inferred claim subjects: when no quote of a claim names the entity it is attached to, the file
// marks the subject inferred with a note, the loader checks the marking, the database keeps it and
// the API shows it (ClaimSubject.inferred, ClaimSubject.note).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorpusError, planCorpus } from '../src/ingest/corpus.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { entityGlobalId, entityId, mutate } from './support/citing.ts';
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

/** "Exports rose 12 percent." names no city: Alpha City is the curator's reading. */
const growth = (subject: Record<string, unknown>) =>
  claim('alpha-export-growth', { metric: 'exports_growth_yoy', value: 12, unit: 'percent', hedge: 'exact', quote: 'Exports rose 12 percent.', subjects: [subject] });

describe('inferred subjects in the curated files', () => {
  it('carries the inference and its note into the plan', () => {
    const plan = planCorpus([corpusFile('a', { claims: [growth({ entity: 'alpha', role: 'origin', inferred: true, note: 'The article is about Alpha City.' })] })]);
    expect(plan.claims[0]!.subjects).toEqual([{ slug: 'alpha', role: 'origin', inferred: true, note: 'The article is about Alpha City.' }]);
  });

  it('refuses an inference without a note, and a note without an inference', () => {
    expect(problemsOf([corpusFile('a', { claims: [growth({ entity: 'alpha', role: 'origin', inferred: true })] })]))
      .toEqual([expect.stringMatching(/subjects\[0\]: an inferred subject needs a note saying why$/)]);
    expect(problemsOf([corpusFile('a', { claims: [claim('alpha-apples', { subjects: [{ entity: 'alpha', role: 'origin', note: 'Why?' }] })] })]))
      .toEqual([expect.stringMatching(/subjects\[0\]: a note is only for an inferred subject$/)]);
  });

  it('is no inference once another article states the claim naming the entity', () => {
    const named = { metric: 'exports_growth_yoy', value: 12, unit: 'percent', hedge: 'exact', subjects: [{ entity: 'alpha', role: 'origin' }] };
    const plan = planCorpus([
      corpusFile('a', { claims: [growth({ entity: 'alpha', role: 'origin', inferred: true, note: 'The article is about Alpha City.' })] }),
      corpusFile('b', { claims: [claim('alpha-export-growth', { ...named, quote: 'Alpha City exported apples' })] }),
    ]);
    expect(plan.claims[0]!.subjects).toEqual([{ slug: 'alpha', role: 'origin', inferred: false, note: null }]);
    expect(plan.claims[0]!.citations).toHaveLength(2);
  });
});

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ corpus: true });
});
afterAll(() => app?.close());

describe('inferred subjects in the API', () => {
  it('the 33-fold growth is attached to the Kazakhstan Xi\'an Terminal as an inference, and says why', async () => {
    const { data, errors } = await app.graphql(`{ claims(metric: "freight_volume_growth_multiple") { edges { node {
      citations { quote } subjects { role inferred note entity { slug } } } } } }`);
    expect(errors).toBeUndefined();
    const [growth] = data.claims.edges.map((e: any) => e.node);
    expect(growth.citations[0].quote).toContain('The joint cargo terminal in Xi’an');
    expect(growth.subjects).toEqual([{
      role: 'SUBJECT', inferred: true, entity: { slug: 'kazakhstan-xian-terminal' },
      note: expect.stringContaining('the joint cargo terminal in Xi’an'),
    }]);
  });

  it('a subject the quote names is not inferred and has no note', async () => {
    const { data } = await app.graphql(`{ claims(metric: "annual_handling_capacity") { edges { node { subjects { inferred note } } } } }`);
    expect(data.claims.edges[0].node.subjects).toEqual([{ inferred: false, note: null }]);
  });

  it('the corpus marks eleven subjects as inferred, each with a note', async () => {
    const rows = await app.db.selectFrom('claim_subjects').select(['inferred', 'note']).where('inferred', '=', true).execute();
    expect(rows).toHaveLength(11);
    expect(rows.every((row) => (row.note ?? '').trim().length > 20)).toBe(true);
  });

  it('the database refuses an inference without a note and a note without an inference', async () => {
    const [subject] = await sql<{ claim_id: number; entity_id: number; role: string }>`
      select claim_id, entity_id, role from claim_subjects where not inferred limit 1`.execute(app.db).then((r) => r.rows);
    const set = (inferred: boolean, note: string | null) =>
      app.db.updateTable('claim_subjects').set({ inferred, note })
        .where('claim_id', '=', subject!.claim_id).where('entity_id', '=', subject!.entity_id).where('role', '=', subject!.role).execute();
    await expect(set(true, null)).rejects.toThrow(/claim_subjects_inference_noted/);
    await expect(set(true, '  ')).rejects.toThrow(/claim_subjects_inference_noted/);
    await expect(set(false, 'A note.')).rejects.toThrow(/claim_subjects_inference_noted/);
  });
});

describe('inferred subjects through a merge', () => {
  it('a subject folded into the survivor by a merge comes back with its inference and note on unmerge', async () => {
    const admin = await createToken(app.db, 'inference-admin', 'admin');
    const [city, province] = [await entityId(app, 'lianyungang'), await entityId(app, 'jiangsu')];
    const { id } = await app.db.insertInto('claims')
      .values({ key: 'test-inferred-fold', metric: 'test_metric', value: 1, unit: 'times', status: 'curated', period_start: null, period_end: null, period_text: null })
      .returning('id').executeTakeFirstOrThrow();
    await app.db.insertInto('claim_subjects').values([
      { claim_id: id, entity_id: city, role: 'location', inferred: true, note: 'Read from the paragraph before.' },
      { claim_id: id, entity_id: province, role: 'location' },
    ]).execute();
    const subjects = () => app.db.selectFrom('claim_subjects').select(['entity_id', 'inferred', 'note']).where('claim_id', '=', id).orderBy('entity_id').execute();
    const before = await subjects();
    const merged = await mutate(app, admin, `mutation ($s: ID!, $m: ID!) { mergeEntities(input: { survivor: $s, merged: $m, reason: "test" }) { __typename } }`,
      { s: await entityGlobalId(app, 'jiangsu'), m: await entityGlobalId(app, 'lianyungang') });
    expect(merged.data.mergeEntities.__typename).toBe('MergeEntitiesPayload');
    expect(await subjects()).toEqual([{ entity_id: province, inferred: false, note: null }]);
    const unmerged = await mutate(app, admin, `mutation ($m: ID!) { unmergeEntity(input: { merged: $m, reason: "test" }) { __typename } }`,
      { m: await entityGlobalId(app, 'lianyungang') });
    expect(unmerged.data.unmergeEntity.__typename).toBe('UnmergeEntityPayload');
    expect(await subjects()).toEqual(before);
  });
});
