// What reads show: curated claims, relations and entities by default; a retracted claim or relation
// leaves every list, walk, series, conflict, path, search, mention and count, and a `status:`
// argument shows it again, as node(id) always does.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalIdOf } from '../src/builder.ts';
import { createTestApp, type TestApp } from './support/app.ts';

let app: TestApp;

const nodes = (connection: any) => connection.edges.map((e: any) => e.node);
const keysOf = (connection: any) => nodes(connection).map((c: any) => c.key).sort();

async function ok(query: string, variables?: Record<string, unknown>) {
  const result = await app.graphql(query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data;
}

// A small world of its own beside the corpus: a port in a city, two rival figures about the port,
// and an article that states all three. Its metric word is unique, so search finds only these.
const METRIC = 'visibilityprobe_throughput';
const fixture = {} as {
  articleId: number;
  portId: number;
  cityId: number;
  rivalClaimId: number;
  retractedClaimId: number;
  relationId: number;
};

async function insertEntity(slug: string, name: string, kind: string, status = 'curated', mergedInto: number | null = null) {
  const entity = await app.db
    .insertInto('entities')
    .values({ slug, name, kind, status, merged_into: mergedInto })
    .returning('id')
    .executeTakeFirstOrThrow();
  await app.db.insertInto('entity_aliases').values({ entity_id: entity.id, alias: name, normalized: name.toLowerCase() }).execute();
  return entity.id;
}

/** A citation in the fixture article: its first `length` characters, as the trigger checks them. */
async function cite(target: { claim_id: number } | { relation_id: number }, length: number) {
  await sql`insert into citations (claim_id, relation_id, article_id, quote, start_offset, end_offset)
            select ${'claim_id' in target ? target.claim_id : null}::int, ${'relation_id' in target ? target.relation_id : null}::int,
                   id, substr(body, 1, ${length}::int), 0, ${length}::int
            from articles where id = ${fixture.articleId}`.execute(app.db);
}

async function insertClaim(key: string, value: number, subjectId: number) {
  const claim = await app.db
    .insertInto('claims')
    .values({ key, metric: METRIC, value, unit: 'TEU', hedge: 'exact', period_start: '2024-01-01', period_end: '2024-12-31', period_text: '2024' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await app.db.insertInto('claim_subjects').values({ claim_id: claim.id, entity_id: subjectId, role: 'subject' }).execute();
  await cite({ claim_id: claim.id }, 40);
  return claim.id;
}

beforeAll(async () => {
  app = await createTestApp({ corpus: true });
  const article = await app.db.selectFrom('articles').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
  fixture.articleId = article.id;
  fixture.portId = await insertEntity('visibility-probe-port', 'Visibility Probe Port', 'port');
  fixture.cityId = await insertEntity('visibility-probe-city', 'Visibility Probe City', 'city');
  // 100 and 200 TEU for the same year, both exact: each conflicts with the other.
  fixture.retractedClaimId = await insertClaim('visibility-probe-100', 100, fixture.portId);
  fixture.rivalClaimId = await insertClaim('visibility-probe-200', 200, fixture.portId);
  const relation = await app.db
    .insertInto('relations')
    .values({ kind: 'located_in', subject_id: fixture.portId, object_id: fixture.cityId })
    .returning('id')
    .executeTakeFirstOrThrow();
  fixture.relationId = relation.id;
  await cite({ relation_id: relation.id }, 50);
});
afterAll(() => app?.close());

const articleGlobalId = () => globalIdOf('Article', fixture.articleId);

/** Everything that can show the fixture's claims, in one request. */
async function readClaims(status?: string) {
  const filter = status ? `, status: ${status}` : '';
  return ok(
    `query($article: ID!) {
      port: entity(slug: "visibility-probe-port") {
        claims(first: 50${filter}) { totalCount edges { node { key status } } }
        series(metric: "${METRIC}") { claim { key } }
      }
      city: entity(slug: "visibility-probe-city") { claims(includeContained: true, first: 50${filter}) { totalCount edges { node { key } } } }
      claims(metric: "${METRIC}", first: 50${filter}) { totalCount edges { node { key status conflicts { key } } } }
      metrics { metric claimCount }
      search(query: "visibilityprobe", kinds: [CLAIM], first: 50) { node { ... on Claim { key } } }
      article: node(id: $article) { ... on Article { claims(metric: "${METRIC}", first: 50${filter}) { totalCount edges { node { key } } } } }
    }`,
    { article: articleGlobalId() },
  );
}

/** Everything that can show the fixture's relation, in one request. */
async function readRelations(status?: string) {
  const filter = status ? `, status: ${status}` : '';
  return ok(
    `query($from: ID!, $to: ID!, $article: ID!) {
      port: entity(slug: "visibility-probe-port") {
        relations(first: 50${filter}) { totalCount edges { neighbor { slug } node { status } } }
        articles(first: 50) { edges { node { id } } }
      }
      city: entity(slug: "visibility-probe-city") { articles(first: 50) { totalCount edges { node { id } } } }
      relations(subject: "visibility-probe-port", first: 50${filter}) { totalCount edges { node { kind status } } }
      path(from: $from, to: $to) { length }
      article: node(id: $article) { ... on Article { entities(first: 100) { edges { node { slug } } } } }
    }`,
    { from: globalIdOf('Entity', fixture.portId), to: globalIdOf('Entity', fixture.cityId), article: articleGlobalId() },
  );
}

describe('a retracted claim', () => {
  it('is listed, counted, charted, compared and found while curated', async () => {
    const data = await readClaims();
    expect(keysOf(data.port.claims)).toEqual(['visibility-probe-100', 'visibility-probe-200']);
    expect(data.port.claims.totalCount).toBe(2);
    expect(data.port.series.map((p: any) => p.claim.key).sort()).toEqual(['visibility-probe-100', 'visibility-probe-200']);
    expect(data.city.claims.totalCount).toBe(2);
    expect(data.claims.totalCount).toBe(2);
    const rival = nodes(data.claims).find((c: any) => c.key === 'visibility-probe-200');
    expect(rival.conflicts.map((c: any) => c.key)).toEqual(['visibility-probe-100']);
    expect(data.metrics.find((m: any) => m.metric === METRIC).claimCount).toBe(2);
    expect(data.search.map((hit: any) => hit.node.key).sort()).toEqual(['visibility-probe-100', 'visibility-probe-200']);
    expect(data.article.claims.totalCount).toBe(2);
  });

  it('disappears from every list, walk, series, conflict, search and count', async () => {
    await app.db.updateTable('claims').set({ status: 'retracted' }).where('id', '=', fixture.retractedClaimId).execute();
    const data = await readClaims();
    expect(keysOf(data.port.claims)).toEqual(['visibility-probe-200']);
    expect(data.port.claims.totalCount).toBe(1);
    expect(data.port.series.map((p: any) => p.claim.key)).toEqual(['visibility-probe-200']);
    expect(keysOf(data.city.claims)).toEqual(['visibility-probe-200']);
    expect(data.city.claims.totalCount).toBe(1);
    expect(keysOf(data.claims)).toEqual(['visibility-probe-200']);
    expect(data.claims.totalCount).toBe(1);
    expect(nodes(data.claims)[0].conflicts).toEqual([]);
    expect(data.metrics.find((m: any) => m.metric === METRIC).claimCount).toBe(1);
    expect(data.search.map((hit: any) => hit.node.key)).toEqual(['visibility-probe-200']);
    expect(keysOf(data.article.claims)).toEqual(['visibility-probe-200']);
    expect(data.article.claims.totalCount).toBe(1);
  });

  it('shows again, with its state, when asked for with status: RETRACTED', async () => {
    const data = await readClaims('RETRACTED');
    expect(nodes(data.port.claims)).toEqual([{ key: 'visibility-probe-100', status: 'RETRACTED' }]);
    expect(data.port.claims.totalCount).toBe(1);
    expect(keysOf(data.city.claims)).toEqual(['visibility-probe-100']);
    expect(keysOf(data.claims)).toEqual(['visibility-probe-100']);
    expect(data.claims.totalCount).toBe(1);
    expect(keysOf(data.article.claims)).toEqual(['visibility-probe-100']);
    // The curated figure is not among the retracted ones.
    expect((await readClaims('CANDIDATE')).claims.totalCount).toBe(0);
  });

  it('still resolves by its ID, telling its state', async () => {
    const data = await ok(`query($id: ID!) { node(id: $id) { ... on Claim { key status citations { quote } } } }`, {
      id: globalIdOf('Claim', fixture.retractedClaimId),
    });
    expect(data.node).toMatchObject({ key: 'visibility-probe-100', status: 'RETRACTED' });
    expect(data.node.citations).toHaveLength(1);
  });
});

describe('a retracted relation', () => {
  it('is walked, listed, found on a path and makes a mention while curated', async () => {
    const data = await readRelations();
    expect(data.port.relations.edges.map((e: any) => e.neighbor.slug)).toEqual(['visibility-probe-city']);
    expect(data.relations.totalCount).toBe(1);
    expect(data.path.map((p: any) => p.length)).toEqual([1]);
    expect(data.article.entities.edges.map((e: any) => e.node.slug)).toContain('visibility-probe-city');
    expect(data.city.articles.totalCount).toBe(1);
  });

  it('disappears from walks, lists, paths, mentions and counts', async () => {
    await app.db.updateTable('relations').set({ status: 'retracted' }).where('id', '=', fixture.relationId).execute();
    const data = await readRelations();
    expect(data.port.relations).toEqual({ totalCount: 0, edges: [] });
    expect(data.relations).toEqual({ totalCount: 0, edges: [] });
    expect(data.path).toEqual([]);
    // The city was mentioned only through the relation; the port still is, through its curated figure.
    const mentioned = data.article.entities.edges.map((e: any) => e.node.slug);
    expect(mentioned).not.toContain('visibility-probe-city');
    expect(mentioned).toContain('visibility-probe-port');
    expect(data.city.articles.totalCount).toBe(0);
    // Containment went with it: the city no longer holds the port's figures.
    const contained = await ok(`{ entity(slug: "visibility-probe-city") { claims(includeContained: true) { totalCount } } }`);
    expect(contained.entity.claims.totalCount).toBe(0);
  });

  it('shows again, with its state, when asked for with status: RETRACTED', async () => {
    const data = await readRelations('RETRACTED');
    expect(data.port.relations.edges).toEqual([{ neighbor: { slug: 'visibility-probe-city' }, node: { status: 'RETRACTED' } }]);
    expect(data.port.relations.totalCount).toBe(1);
    expect(data.relations.edges).toEqual([{ node: { kind: 'LOCATED_IN', status: 'RETRACTED' } }]);
    const byId = await ok(`query($id: ID!) { node(id: $id) { ... on Relation { status subject { slug } } } }`, {
      id: globalIdOf('Relation', fixture.relationId),
    });
    expect(byId.node).toEqual({ status: 'RETRACTED', subject: { slug: 'visibility-probe-port' } });
  });
});

describe('entities in lists', () => {
  let candidateId: number;
  beforeAll(async () => {
    candidateId = await insertEntity('visibility-probe-candidate', 'Visibility Probe Candidate', 'port', 'candidate');
    await insertEntity('visibility-probe-merged', 'Visibility Probe Merged', 'port', 'curated', fixture.portId);
  });

  const listed = async (args: string) =>
    nodes((await ok(`{ entities(search: "visibility probe", first: 50${args}) { edges { node { slug status } } } }`)).entities);

  it('hides candidates and merged-away entities by default, from lists and from search', async () => {
    const slugs = (await listed('')).map((e: any) => e.slug);
    expect(slugs).toContain('visibility-probe-port');
    expect(slugs).not.toContain('visibility-probe-candidate');
    expect(slugs).not.toContain('visibility-probe-merged');
    // Every port but those two is counted.
    const ports = await app.db.selectFrom('entities').select((eb) => eb.fn.countAll<number>().as('count')).where('kind', '=', 'port').executeTakeFirstOrThrow();
    const byKind = await ok(`{ entities(kind: PORT) { totalCount } }`);
    expect(byKind.entities.totalCount).toBe(Number(ports.count) - 2);
    const search = await ok(`{ search(query: "Visibility Probe", kinds: [ENTITY], first: 50) { node { ... on Entity { slug } } } }`);
    const found = search.search.map((hit: any) => hit.node.slug);
    expect(found).toContain('visibility-probe-port');
    expect(found).not.toContain('visibility-probe-candidate');
    expect(found).not.toContain('visibility-probe-merged');
  });

  it('shows candidates with status: CANDIDATE, each telling its state', async () => {
    expect(await listed(', status: CANDIDATE')).toEqual([{ slug: 'visibility-probe-candidate', status: 'CANDIDATE' }]);
    const all = await ok(`{ entities(status: CANDIDATE, first: 100) { totalCount edges { node { slug } } } }`);
    expect(nodes(all.entities).map((e: any) => e.slug)).toEqual(['visibility-probe-candidate']);
    expect(all.entities.totalCount).toBe(1);
  });

  it('a path does not pass through a candidate entity, though it may start or end at one', async () => {
    const other = await insertEntity('visibility-probe-terminal', 'Visibility Probe Terminal', 'terminal');
    await app.db
      .insertInto('relations')
      .values([
        { kind: 'located_in', subject_id: other, object_id: candidateId },
        { kind: 'located_in', subject_id: candidateId, object_id: fixture.cityId },
      ])
      .execute();
    const path = (from: number, to: number) =>
      ok(`query($from: ID!, $to: ID!) { path(from: $from, to: $to) { length entities { slug } } }`, {
        from: globalIdOf('Entity', from),
        to: globalIdOf('Entity', to),
      });
    expect((await path(other, fixture.cityId)).path).toEqual([]);
    expect((await path(other, candidateId)).path.map((p: any) => p.length)).toEqual([1]);
    expect((await path(candidateId, fixture.cityId)).path.map((p: any) => p.length)).toEqual([1]);
    // Once accepted, the candidate is a way through like any other entity.
    await app.db.updateTable('entities').set({ status: 'curated' }).where('id', '=', candidateId).execute();
    const through = (await path(other, fixture.cityId)).path;
    expect(through.map((p: any) => p.entities.map((e: any) => e.slug))).toEqual([
      ['visibility-probe-terminal', 'visibility-probe-candidate', 'visibility-probe-city'],
    ]);
    await app.db.updateTable('entities').set({ status: 'candidate' }).where('id', '=', candidateId).execute();
  });
});
