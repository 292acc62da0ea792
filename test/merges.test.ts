// Merging entities through the API: what moves and folds, the redirects of old IDs and slugs, the
// audit trail, exact undoing, refusals, a failure halfway and concurrent merges.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { globalIdOf } from '../src/builder.ts';
import { createTestApp, type GraphQLResult, type TestApp } from './support/app.ts';
import { bearer, createToken } from './support/tokens.ts';

let app: TestApp;
let adminToken: string;
let editorToken: string;
const ids = new Map<string, number>();

beforeAll(async () => {
  app = await createTestApp({ corpus: true });
  adminToken = await createToken(app.db, 'merge-admin', 'admin');
  editorToken = await createToken(app.db, 'merge-editor', 'editor');
  for (const row of await app.db.selectFrom('entities').select(['id', 'slug']).execute()) ids.set(row.slug, row.id);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const idOf = (slug: string): number => {
  const id = ids.get(slug);
  if (id === undefined) throw new Error(`no entity ${slug} in the corpus`);
  return id;
};
const gid = (slug: string) => globalIdOf('Entity', idOf(slug));

async function as<T = any>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>> {
  const response = await app.post({ query, variables }, token ? bearer(token) : {});
  return response.json();
}

const MERGE = `mutation ($survivor: ID!, $merged: ID!, $reason: String!) {
  mergeEntities(input: { survivor: $survivor, merged: $merged, reason: $reason }) {
    __typename
    ... on MergeEntitiesPayload { survivor { id slug } mergedId }
    ... on Error { message }
    ... on ValidationError { field }
  }
}`;

const UNMERGE = `mutation ($merged: ID!, $reason: String!) {
  unmergeEntity(input: { merged: $merged, reason: $reason }) {
    __typename
    ... on UnmergeEntityPayload { entity { id slug } survivor { id slug } }
    ... on Error { message }
  }
}`;

async function merge(survivor: string, merged: string, token = adminToken) {
  return as(token, MERGE, { survivor: gid(survivor), merged: gid(merged), reason: 'Test: the same thing under two names.' });
}

async function unmerge(merged: string, token = adminToken) {
  return as(token, UNMERGE, { merged: gid(merged), reason: 'Test: they were two things after all.' });
}

/** Every row a merge can touch, in a stable order. */
async function snapshot() {
  const rows = (table: string, order: string) => sql.raw(`select * from ${table} order by ${order}`).execute(app.db).then((r) => r.rows);
  return {
    entities: await rows('entities', 'id'),
    entity_aliases: await rows('entity_aliases', 'id'),
    relations: await rows('relations', 'id'),
    claim_subjects: await rows('claim_subjects', 'claim_id, entity_id, role'),
    citations: await rows('citations', 'id'),
  };
}

async function countRows(table: 'audit_events' | 'entity_merges'): Promise<number> {
  const row = await app.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

const relationOf = (kind: string, subject: string, object: string) =>
  app.db
    .selectFrom('relations')
    .selectAll()
    .where('kind', '=', kind)
    .where('subject_id', '=', idOf(subject))
    .where('object_id', '=', idOf(object))
    .executeTakeFirst();

describe('mergeEntities', () => {
  test('moves aliases, relations and claim subjects to the survivor, folds duplicates, and unmergeEntity restores every row', async () => {
    const before = await snapshot();
    const [china, kazakhstan] = [idOf('china'), idOf('kazakhstan')];
    const khorgosToKazakhstan = (await relationOf('border_port_of', 'khorgos-port', 'kazakhstan'))!;
    const khorgosToChina = (await relationOf('border_port_of', 'khorgos-port', 'china'))!;
    const partners = (await relationOf('partner_of', 'china', 'kazakhstan'))!;
    const almatyInKazakhstan = (await relationOf('located_in', 'almaty', 'kazakhstan'))!;
    const kazakhstanRussia = (await relationOf('partner_of', 'kazakhstan', 'russia'))!;
    const thirdPortToKazakhstan = (await relationOf('border_port_of', 'china-kazakhstan-third-cross-border-railway-port', 'kazakhstan'))!;

    const result = await merge('china', 'kazakhstan');
    expect(result.errors).toBeUndefined();
    expect(result.data.mergeEntities).toEqual({
      __typename: 'MergeEntitiesPayload',
      survivor: { id: gid('china'), slug: 'china' },
      mergedId: gid('kazakhstan'),
    });

    // The merged row stays, with its status, pointing at the survivor; it has nothing left of its own.
    const mergedRow = await app.db.selectFrom('entities').selectAll().where('id', '=', kazakhstan).executeTakeFirstOrThrow();
    expect(mergedRow).toMatchObject({ merged_into: china, status: 'curated', slug: 'kazakhstan' });
    for (const table of ['entity_aliases', 'claim_subjects'] as const) {
      expect(await app.db.selectFrom(table).select('entity_id').where('entity_id', '=', kazakhstan).execute()).toEqual([]);
    }

    // A relation the survivor already had takes the merged one's citations; the folded relation goes.
    expect(await app.db.selectFrom('relations').select('id').where('id', '=', khorgosToKazakhstan.id).execute()).toEqual([]);
    const khorgosCitations = await app.db.selectFrom('citations').select('id').where('relation_id', '=', khorgosToChina.id).orderBy('id').execute();
    expect(khorgosCitations.length).toBe(2);
    // ...and a citation of a passage the kept relation already cites is dropped (kept in the merge record).
    expect(await app.db.selectFrom('relations').select('id').where('id', '=', thirdPortToKazakhstan.id).execute()).toEqual([]);
    // A relation between the two is retracted where it stands: it would relate China to itself.
    expect(await app.db.selectFrom('relations').selectAll().where('id', '=', partners.id).executeTakeFirst()).toMatchObject({
      subject_id: china, object_id: kazakhstan, status: 'retracted',
    });
    expect(await app.db.selectFrom('relations').selectAll().where('id', '=', almatyInKazakhstan.id).executeTakeFirst()).toMatchObject({
      subject_id: idOf('almaty'), object_id: china, status: 'curated',
    });
    // Symmetric: stored lower id first.
    expect(await app.db.selectFrom('relations').selectAll().where('id', '=', kazakhstanRussia.id).executeTakeFirst()).toMatchObject({
      subject_id: china, object_id: idOf('russia'),
    });
    // Claim 68 had both as subject: one subject row left; a claim with Kazakhstan as counterpart now has China so.
    const bothSubjects = before.claim_subjects.filter((row: any) => row.entity_id === kazakhstan && row.role === 'subject'
      && before.claim_subjects.some((other: any) => other.claim_id === row.claim_id && other.entity_id === china && other.role === 'subject'));
    expect(bothSubjects.length).toBeGreaterThan(0);
    for (const row of bothSubjects) {
      const subjects = await app.db.selectFrom('claim_subjects').selectAll().where('claim_id', '=', (row as any).claim_id).where('role', '=', 'subject').execute();
      expect(subjects.filter((s) => s.entity_id === china)).toHaveLength(1);
    }

    // The old ID and slug lead to the survivor, which lists the merged ID and its name as an alias.
    const read = await as(null, `query ($old: ID!, $none: ID!) {
      node(id: $old) { id ... on Entity { slug } }
      nodes(ids: [$none, $old]) { id }
      entity(slug: "kazakhstan") { id slug aliases mergedIds
        relations(first: 100) { totalCount edges { neighbor { slug } node { kind object { slug claims(first: 5) { totalCount } } } } }
        claims(first: 100) { totalCount }
      }
      search: entities(search: "Kazakhstan", first: 5) { edges { node { slug } } }
    }`, { old: gid('kazakhstan'), none: globalIdOf('Entity', 999999) });
    expect(read.errors).toBeUndefined();
    expect(read.data.node).toEqual({ id: gid('china'), slug: 'china' });
    expect(read.data.nodes).toEqual([null, { id: gid('china') }]);
    expect(read.data.entity).toMatchObject({ id: gid('china'), slug: 'china', mergedIds: [gid('kazakhstan')] });
    expect(read.data.entity.aliases).toContain('Kazakhstan');
    const neighbors = read.data.entity.relations.edges.map((edge: any) => edge.neighbor.slug);
    expect(neighbors).toEqual(expect.arrayContaining(['almaty', 'tokayev', 'russia', 'khorgos-port', 'belt-and-road-initiative']));
    expect(neighbors).not.toContain('kazakhstan');
    expect(read.data.search.edges[0].node.slug).toBe('china');
    expect(read.data.search.edges.map((edge: any) => edge.node.slug)).not.toContain('kazakhstan');
    const claimsBefore = new Set(before.claim_subjects.filter((r: any) => r.entity_id === china || r.entity_id === kazakhstan).map((r: any) => r.claim_id));
    expect(read.data.entity.claims.totalCount).toBeGreaterThan(0);
    expect(read.data.entity.claims.totalCount).toBeLessThanOrEqual(claimsBefore.size);

    // Walks from a neighbour reach the survivor and its claims; filters by the old slug mean the survivor.
    const walk = await as(null, `{
      entity(slug: "almaty") { relations(kind: LOCATED_IN, direction: OUTGOING) { edges { node { object { slug claims(first: 1) { totalCount } } } } } }
      asOf: entity(slug: "kazakhstan", asOf: "2030-01-01") { slug }
      relations(subject: "kazakhstan", first: 100) { totalCount edges { node { subject { slug } } } }
    }`);
    expect(walk.errors).toBeUndefined();
    expect(walk.data.entity.relations.edges).toEqual([
      { node: { object: { slug: 'china', claims: { totalCount: read.data.entity.claims.totalCount } } } },
    ]);
    expect(walk.data.asOf).toEqual({ slug: 'china' });
    expect(walk.data.relations.totalCount).toBeGreaterThan(0);
    expect(new Set(walk.data.relations.edges.map((edge: any) => edge.node.subject.slug))).toEqual(new Set(['china']));

    // Paths go through the survivor, from either ID.
    const path = await as(null, `query ($from: ID!, $to: ID!) { path(from: $from, to: $to) { length entities { slug } } }`, {
      from: gid('tokayev'), to: gid('kazakhstan'),
    });
    expect(path.errors).toBeUndefined();
    expect(path.data.path[0]).toEqual({ length: 1, entities: [{ slug: 'tokayev' }, { slug: 'china' }] });
    const longer = await as(null, `query ($from: ID!, $to: ID!) { path(from: $from, to: $to, maxDepth: 2) { length entities { slug } } }`, {
      from: gid('almaty'), to: gid('tokayev'),
    });
    expect(longer.data.path[0]).toEqual({ length: 2, entities: [{ slug: 'almaty' }, { slug: 'china' }, { slug: 'tokayev' }] });

    // The audit trail: both entities, every relation whose ends changed and every claim whose subjects did.
    const events = await app.db.selectFrom('audit_events').selectAll().where('action', '=', 'mergeEntities').execute();
    const entityEvents = events.filter((e) => e.target_type === 'Entity');
    expect(entityEvents.map((e) => e.target_id).sort()).toEqual([china, kazakhstan].sort());
    expect(entityEvents.every((e) => e.actor === 'merge-admin' && e.reason === 'Test: the same thing under two names.')).toBe(true);
    expect((entityEvents.find((e) => e.target_id === kazakhstan)!.after as any).merged_into).toBe(china);
    const touchedRelations = before.relations.filter((r: any) => r.subject_id === kazakhstan || r.object_id === kazakhstan).map((r: any) => r.id);
    const relationEvents = new Set(events.filter((e) => e.target_type === 'Relation').map((e) => e.target_id));
    for (const id of touchedRelations) expect(relationEvents).toContain(id);
    expect(relationEvents).toContain(khorgosToChina.id);
    const touchedClaims = new Set(before.claim_subjects.filter((r: any) => r.entity_id === kazakhstan).map((r: any) => r.claim_id));
    expect(new Set(events.filter((e) => e.target_type === 'Claim').map((e) => e.target_id))).toEqual(touchedClaims);
    // What Relation.history shows: the relation before and after, with its citations.
    const relationEvent = events.find((e) => e.target_type === 'Relation' && e.target_id === almatyInKazakhstan.id)!;
    expect(relationEvent.before).toMatchObject({ object_id: kazakhstan, citations: [expect.objectContaining({ quote: expect.any(String) })] });
    expect(relationEvent.after).toMatchObject({ object_id: china });
    const foldedEvent = events.find((e) => e.target_type === 'Relation' && e.target_id === khorgosToKazakhstan.id)!;
    expect(foldedEvent).toMatchObject({ before: { id: khorgosToKazakhstan.id }, after: null });

    // Undone, every row is as it was, and the redirect is gone.
    const undone = await unmerge('kazakhstan');
    expect(undone.errors).toBeUndefined();
    expect(undone.data.unmergeEntity).toEqual({
      __typename: 'UnmergeEntityPayload',
      entity: { id: gid('kazakhstan'), slug: 'kazakhstan' },
      survivor: { id: gid('china'), slug: 'china' },
    });
    expect(await snapshot()).toEqual(before);
    const after = await as(null, `query ($old: ID!) { node(id: $old) { id } entity(slug: "china") { mergedIds } }`, { old: gid('kazakhstan') });
    expect(after.data).toEqual({ node: { id: gid('kazakhstan') }, entity: { mergedIds: [] } });
    const unmergeEvents = await app.db.selectFrom('audit_events').select(['target_type', 'target_id']).where('action', '=', 'unmergeEntity').execute();
    expect(unmergeEvents.filter((e) => e.target_type === 'Entity').map((e) => e.target_id).sort()).toEqual([china, kazakhstan].sort());
    expect(unmergeEvents.filter((e) => e.target_type === 'Relation').length).toBeGreaterThanOrEqual(touchedRelations.length);
  });

  test('a symmetric relation whose order flips is stored lower id first, and comes back as it was', async () => {
    const before = await snapshot();
    const sisters = (await relationOf('sister_city_of', 'almaty', 'urumqi'))!;
    // Urumqi merged into Xi'an, whose id is below Almaty's: the pair must be stored (Xi'an, Almaty).
    expect(idOf('xian')).toBeLessThan(idOf('almaty'));
    expect((await merge('xian', 'urumqi')).data.mergeEntities.__typename).toBe('MergeEntitiesPayload');
    expect(await app.db.selectFrom('relations').selectAll().where('id', '=', sisters.id).executeTakeFirst()).toMatchObject({
      subject_id: idOf('xian'), object_id: idOf('almaty'),
    });
    const walk = await as(null, `{ entity(slug: "urumqi") { slug relations(kind: SISTER_CITY_OF) { edges { neighbor { slug } } } } }`);
    expect(walk.data.entity).toEqual({ slug: 'xian', relations: { edges: [{ neighbor: { slug: 'almaty' } }] } });
    expect((await unmerge('urumqi')).data.unmergeEntity.__typename).toBe('UnmergeEntityPayload');
    expect(await snapshot()).toEqual(before);
  });

  test('a chain of merges redirects to its end, and is undone from the end back', async () => {
    const before = await snapshot();
    // The bell tower into the city wall (both located in Xi'an: folded), then the wall into Xi'an itself
    // (its located-in relation would then relate Xi'an to itself: retracted).
    expect((await merge('xian-city-wall', 'xian-bell-tower')).data.mergeEntities.__typename).toBe('MergeEntitiesPayload');
    expect((await merge('xian', 'xian-city-wall')).data.mergeEntities.__typename).toBe('MergeEntitiesPayload');
    const read = await as(null, `query ($a: ID!) { node(id: $a) { id } entity(slug: "xian-bell-tower") { slug mergedIds } }`, { a: gid('xian-bell-tower') });
    expect(read.data.node).toEqual({ id: gid('xian') });
    expect(read.data.entity.slug).toBe('xian');
    expect([...read.data.entity.mergedIds].sort()).toEqual([gid('xian-bell-tower'), gid('xian-city-wall')].sort());

    // Merging into an entity merged away, or merging it again, is refused.
    expect((await merge('xian-city-wall', 'shaanxi')).data.mergeEntities).toMatchObject({ __typename: 'ConflictError' });
    expect((await merge('xian', 'xian-city-wall')).data.mergeEntities).toMatchObject({ __typename: 'ConflictError' });
    expect((await merge('shaanxi', 'xian-bell-tower')).data.mergeEntities).toMatchObject({ __typename: 'ConflictError' });

    // The first merge's rows moved on with the second: it cannot be undone before the second is.
    const blocked = await unmerge('xian-bell-tower');
    expect(blocked.data.unmergeEntity.__typename).toBe('ConflictError');
    expect(blocked.data.unmergeEntity.message).toMatch(/"xian-city-wall" has since been merged into "xian"/);
    expect((await unmerge('xian-city-wall')).data.unmergeEntity.__typename).toBe('UnmergeEntityPayload');
    expect((await unmerge('xian-bell-tower')).data.unmergeEntity.__typename).toBe('UnmergeEntityPayload');
    expect(await snapshot()).toEqual(before);
  });

  test('a later merge that folded into what an earlier one moved must be undone first', async () => {
    const before = await snapshot();
    // Khorgos Port's hub-of relations move to Urumqi; Alashankou Port's same relations then fold into them.
    expect((await merge('urumqi', 'khorgos-port')).data.mergeEntities.__typename).toBe('MergeEntitiesPayload');
    expect((await merge('urumqi', 'alashankou-port')).data.mergeEntities.__typename).toBe('MergeEntitiesPayload');
    const mid = await snapshot();
    const blocked = await unmerge('khorgos-port');
    expect(blocked.data.unmergeEntity.__typename).toBe('ConflictError');
    expect(blocked.data.unmergeEntity.message).toMatch(/unmerge "alashankou-port" first/);
    expect(await snapshot()).toEqual(mid);
    expect((await unmerge('alashankou-port')).data.unmergeEntity.__typename).toBe('UnmergeEntityPayload');
    expect((await unmerge('khorgos-port')).data.unmergeEntity.__typename).toBe('UnmergeEntityPayload');
    expect(await snapshot()).toEqual(before);
  });

  test('the merged entity\'s name becomes an alias of the survivor even when it had no alias of that spelling', async () => {
    const before = await snapshot();
    const nameAlias = await app.db.deleteFrom('entity_aliases').where('entity_id', '=', idOf('russia')).where('alias', '=', 'Russia').returningAll().execute();
    expect(nameAlias).toHaveLength(1);
    const withoutName = await snapshot();
    expect((await merge('kazakhstan', 'russia')).data.mergeEntities.__typename).toBe('MergeEntitiesPayload');
    const found = await as(null, `{ entities(search: "Russia", first: 3) { edges { node { slug aliases } } } }`);
    // (Kazakhstan's own alias is the Seetao article's typo "Kazakhsta".)
    expect(found.data.entities.edges[0].node).toEqual({ slug: 'kazakhstan', aliases: ['Kazakhsta', 'Russia'] });
    expect((await unmerge('russia')).data.unmergeEntity.__typename).toBe('UnmergeEntityPayload');
    expect(await snapshot()).toEqual(withoutName);
    await sql`insert into entity_aliases (id, entity_id, alias, normalized) overriding system value
      values (${nameAlias[0]!.id}, ${nameAlias[0]!.entity_id}, ${nameAlias[0]!.alias}, ${nameAlias[0]!.normalized})`.execute(app.db);
    expect(await snapshot()).toEqual(before);
  });

  test('an unmerge that a later change stands in the way of is refused, says why, and writes nothing', async () => {
    const before = await snapshot();
    expect((await merge('khorgos', 'khorgos-port')).data.mergeEntities.__typename).toBe('MergeEntitiesPayload');
    const removeAlias = `mutation ($entity: ID!) { removeAlias(input: { entity: $entity, alias: "Khorgos land port" }) { __typename } }`;
    expect((await as(editorToken, removeAlias, { entity: gid('khorgos') })).data.removeAlias.__typename).toBe('RemoveAliasPayload');
    const mid = await snapshot();
    const events = await countRows('audit_events');
    const refused = await unmerge('khorgos-port');
    expect(refused.data.unmergeEntity.__typename).toBe('ConflictError');
    expect(refused.data.unmergeEntity.message).toMatch(/"Khorgos land port".*removed from "khorgos" since; add it back first/);
    expect(await snapshot()).toEqual(mid);
    expect(await countRows('audit_events')).toBe(events);

    // Added back (a new row), it goes back with the rest; everything else is exactly as before the merge.
    const addAlias = `mutation ($entity: ID!) { addAlias(input: { entity: $entity, alias: "Khorgos land port" }) { __typename } }`;
    expect((await as(editorToken, addAlias, { entity: gid('khorgos') })).data.addAlias.__typename).toBe('AddAliasPayload');
    expect((await unmerge('khorgos-port')).data.unmergeEntity.__typename).toBe('UnmergeEntityPayload');
    const after = await snapshot();
    const newAlias = after.entity_aliases.find((row: any) => row.alias === 'Khorgos land port')!;
    expect(newAlias).toMatchObject({ entity_id: idOf('khorgos-port') });
    expect(after).toEqual({
      ...before,
      entity_aliases: before.entity_aliases
        .map((row: any) => (row.alias === 'Khorgos land port' ? newAlias : row))
        .sort((a: any, b: any) => a.id - b.id),
    });
  });

  test('refusals are typed and write nothing', async () => {
    const before = await snapshot();
    const events = await countRows('audit_events');
    const self = await merge('china', 'china');
    expect(self.data.mergeEntities).toMatchObject({ __typename: 'ValidationError', field: 'input.merged' });
    const missing = await as(adminToken, MERGE, { survivor: globalIdOf('Entity', 999999), merged: gid('china'), reason: 'x' });
    expect(missing.data.mergeEntities.__typename).toBe('NotFoundError');
    const wrongType = await as(adminToken, MERGE, { survivor: globalIdOf('Claim', 1), merged: gid('china'), reason: 'x' });
    expect(wrongType.data.mergeEntities.__typename).toBe('NotFoundError');
    const blank = await as(adminToken, MERGE, { survivor: gid('china'), merged: gid('russia'), reason: '  ' });
    expect(blank.data.mergeEntities).toMatchObject({ __typename: 'ValidationError', field: 'input.reason' });
    const notMerged = await unmerge('russia');
    expect(notMerged.data.unmergeEntity.__typename).toBe('ConflictError');

    const editor = await merge('china', 'russia', editorToken);
    expect(editor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(editor.data?.mergeEntities ?? null).toBeNull();
    const editorUnmerge = await unmerge('russia', editorToken);
    expect(editorUnmerge.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await as(null, MERGE, { survivor: gid('china'), merged: gid('russia'), reason: 'x' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    expect(await snapshot()).toEqual(before);
    expect(await countRows('audit_events')).toBe(events);
  });

  test('a failure in the middle of a merge leaves every row as it was', async () => {
    const before = await snapshot();
    const events = await countRows('audit_events');
    const merges = await countRows('entity_merges');
    // Claim subjects move after aliases and relations have: a failure there must undo those too.
    await sql`create function fail_claim_subject_update() returns trigger language plpgsql as $$
      begin raise exception 'forced failure in the middle of a merge'; end $$`.execute(app.db);
    await sql`create trigger fail_claim_subject_update before update on claim_subjects
      for each row execute function fail_claim_subject_update()`.execute(app.db);
    try {
      const result = await merge('china', 'kazakhstan');
      expect(result.errors?.[0]?.message).toBe('Unexpected error.');
      expect(JSON.stringify(result)).not.toMatch(/forced failure|claim_subjects/);
    } finally {
      await sql`drop trigger fail_claim_subject_update on claim_subjects`.execute(app.db);
      await sql`drop function fail_claim_subject_update()`.execute(app.db);
    }
    expect(await snapshot()).toEqual(before);
    expect(await countRows('audit_events')).toBe(events);
    expect(await countRows('entity_merges')).toBe(merges);
  });

  test('two concurrent merges of the same pair: one merges, the other is a ConflictError, the data is one merge', async () => {
    const before = await snapshot();
    const results = await Promise.all([merge('china', 'kazakhstan'), merge('china', 'kazakhstan')]);
    expect(results.map((r) => r.data.mergeEntities.__typename).sort()).toEqual(['ConflictError', 'MergeEntitiesPayload']);
    const concurrent = await snapshot();
    expect(await app.db.selectFrom('entity_merges').select('id').where('merged_id', '=', idOf('kazakhstan')).where('undone_at', 'is', null).execute()).toHaveLength(1);

    expect((await unmerge('kazakhstan')).data.unmergeEntity.__typename).toBe('UnmergeEntityPayload');
    expect(await snapshot()).toEqual(before);
    expect((await merge('china', 'kazakhstan')).data.mergeEntities.__typename).toBe('MergeEntitiesPayload');
    expect(await snapshot()).toEqual(concurrent);
    expect((await unmerge('kazakhstan')).data.unmergeEntity.__typename).toBe('UnmergeEntityPayload');
    expect(await snapshot()).toEqual(before);
  });

  test('A into B while B into A: one wins, the other is a ConflictError, the data is the winner\'s merge', async () => {
    const before = await snapshot();
    const results = await Promise.all([merge('almaty', 'urumqi'), merge('urumqi', 'almaty')]);
    const typenames = results.map((r) => r.data.mergeEntities.__typename);
    expect([...typenames].sort()).toEqual(['ConflictError', 'MergeEntitiesPayload']);
    const winner = results.find((r) => r.data.mergeEntities.__typename === 'MergeEntitiesPayload')!.data.mergeEntities;
    const [survivor, merged] = winner.survivor.slug === 'almaty' ? ['almaty', 'urumqi'] : ['urumqi', 'almaty'];
    const concurrent = await snapshot();
    const live = await app.db.selectFrom('entity_merges').select(['survivor_id', 'merged_id']).where('undone_at', 'is', null).execute();
    expect(live).toEqual([{ survivor_id: idOf(survivor), merged_id: idOf(merged) }]);

    expect((await unmerge(merged)).data.unmergeEntity.__typename).toBe('UnmergeEntityPayload');
    expect(await snapshot()).toEqual(before);
    expect((await merge(survivor, merged)).data.mergeEntities.__typename).toBe('MergeEntitiesPayload');
    expect(await snapshot()).toEqual(concurrent);
    expect((await unmerge(merged)).data.unmergeEntity.__typename).toBe('UnmergeEntityPayload');
    expect(await snapshot()).toEqual(before);
  });
});
