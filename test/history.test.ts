// Who changed what: the history of an entity, claim or relation for everyone (batched), the audit log
// for admins (filtered, newest first), and the queue of candidates awaiting review.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalIdOf } from '../src/builder.ts';
import { appendAuditEvent } from '../src/db/audit.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { bearer, createToken } from './support/tokens.ts';

let app: TestApp;
let editorToken: string;
let adminToken: string;

beforeAll(async () => {
  app = await createTestApp({ corpus: true });
  editorToken = await createToken(app.db, 'history-editor', 'editor');
  adminToken = await createToken(app.db, 'history-admin', 'admin');
});
afterAll(() => app?.close());

const nodes = (connection: any) => connection.edges.map((e: any) => e.node);

async function send(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return (await app.post({ query, variables }, headers)).json() as Promise<{ data?: any; errors?: any[] }>;
}

async function ok(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const result = await send(query, variables, headers);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data;
}

const asAdmin = (query: string, variables: Record<string, unknown> = {}) => ok(query, variables, bearer(adminToken));

const HISTORY = `history { action actor role occurredAt targetType targetId target { id ... on Entity { slug } ... on Claim { key } ... on Relation { kind } } before after reason requestId }`;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let depotId: string;

describe('Entity.history', () => {
  it('shows each mutation of an entity, oldest first, with who, when, before, after, why and the request', async () => {
    const created = await ok(
      `mutation { createEntity(input: { name: "History Probe Depot", kind: LOGISTICS_CENTER, reason: "named in a new article" }) {
        ... on CreateEntityPayload { entity { id slug } } } }`,
      {},
      { ...bearer(editorToken), 'x-request-id': 'history-create-1' },
    );
    depotId = created.createEntity.entity.id;
    await ok(
      `mutation($id: ID!) { addAlias(input: { entity: $id, alias: "HP Depot", reason: "short form in the press" }) { ... on AddAliasPayload { entity { id } } } }`,
      { id: depotId },
      bearer(editorToken),
    );
    await ok(
      `mutation($id: ID!) { updateEntity(input: { id: $id, description: "A rail depot." }) { ... on UpdateEntityPayload { entity { id } } } }`,
      { id: depotId },
      bearer(editorToken),
    );

    const data = await ok(`{ entity(slug: "history-probe-depot") { ${HISTORY} } }`);
    const history = data.entity.history;
    expect(history.map((e: any) => e.action)).toEqual(['createEntity', 'addAlias', 'updateEntity']);
    for (const event of history) {
      expect(event).toMatchObject({ actor: 'history-editor', role: 'editor', targetType: 'Entity', targetId: depotId });
      expect(event.target).toEqual({ id: depotId, slug: 'history-probe-depot' });
      expect(event.occurredAt).toMatch(ISO_INSTANT);
    }
    const times = history.map((e: any) => e.occurredAt);
    expect([...times].sort()).toEqual(times);

    const [create, alias, update] = history;
    expect(create.before).toBeNull();
    expect(create.after).toMatchObject({ name: 'History Probe Depot', kind: 'logistics_center', aliases: ['History Probe Depot'] });
    expect(create.reason).toBe('named in a new article');
    expect(create.requestId).toBe('history-create-1');
    expect(alias.before.aliases).toEqual(['History Probe Depot']);
    expect(alias.after.aliases).toEqual(['HP Depot', 'History Probe Depot']);
    expect(alias.reason).toBe('short form in the press');
    expect(update.before.description).toBeNull();
    expect(update.after.description).toBe('A rail depot.');
    expect(update.reason).toBeNull();
    expect(typeof update.requestId).toBe('string');
  });

  it('is empty for an entity nobody has changed through the API', async () => {
    const data = await ok(`{ entity(slug: "china") { history { action } } }`);
    expect(data.entity.history).toEqual([]);
  });
});

describe('Claim.history and Relation.history', () => {
  it('show the events recorded for a claim and a relation, oldest first, to anyone', async () => {
    const claim = await app.db.selectFrom('claims').select(['id', 'key']).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const relation = await app.db.selectFrom('relations').select(['id', 'kind']).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const by = { actor: 'history-admin', role: 'admin', requestId: 'history-claim-1' };
    await appendAuditEvent(app.db, by, {
      action: 'updateClaim', targetType: 'Claim', targetId: claim.id,
      before: { value: 1, subjects: [{ role: 'subject' }] }, after: { value: 2, subjects: [{ role: 'subject' }] }, reason: 'typo in the value',
    });
    await appendAuditEvent(app.db, by, {
      action: 'retractClaim', targetType: 'Claim', targetId: claim.id, before: { status: 'curated' }, after: { status: 'retracted' }, reason: 'withdrawn',
    });
    await appendAuditEvent(app.db, by, {
      action: 'retractRelation', targetType: 'Relation', targetId: relation.id, before: { status: 'curated' }, after: { status: 'retracted' }, reason: 'wrong company',
    });

    const data = await ok(`query($claim: ID!, $relation: ID!) {
      claim: node(id: $claim) { ... on Claim { ${HISTORY} } }
      relation: node(id: $relation) { ... on Relation { ${HISTORY} } }
    }`, { claim: globalIdOf('Claim', claim.id), relation: globalIdOf('Relation', relation.id) });
    expect(data.claim.history.map((e: any) => [e.action, e.reason])).toEqual([['updateClaim', 'typo in the value'], ['retractClaim', 'withdrawn']]);
    // Snapshots come back as the JSON objects they were.
    expect(data.claim.history[0].before).toEqual({ value: 1, subjects: [{ role: 'subject' }] });
    expect(data.claim.history[0].after).toEqual({ value: 2, subjects: [{ role: 'subject' }] });
    expect(data.claim.history[1]).toMatchObject({ actor: 'history-admin', role: 'admin', requestId: 'history-claim-1', targetType: 'Claim' });
    expect(data.claim.history[1].target).toEqual({ id: globalIdOf('Claim', claim.id), key: claim.key });
    expect(data.relation.history).toHaveLength(1);
    expect(data.relation.history[0]).toMatchObject({ action: 'retractRelation', targetId: globalIdOf('Relation', relation.id), after: { status: 'retracted' } });
    expect(data.relation.history[0].target.kind).toBe(relation.kind.toUpperCase());
  });

  it('costs one statement per level of the query, whatever the page sizes', async () => {
    const query = (first: number) => `{
      claims(first: ${first}) { edges { node { history { action } conflicts { history { action } } } } }
      relations(first: ${first}) { edges { node { history { action } } } }
      entities(first: ${first}) { edges { node { history { action } relations(first: ${first}) { edges { node { history { action } } } } } } }
    }`;
    const counts: number[] = [];
    for (const first of [2, 40]) {
      app.resetStatements();
      const data = await ok(query(first));
      expect(nodes(data.claims)).toHaveLength(first);
      counts.push(app.statements.filter((statement) => statement.includes('audit_events')).length);
    }
    // At most one per level (claims, their conflicts, relations, entities, the entities' relations);
    // loads of one field that happen together share a statement. Three types: at least three.
    expect(counts[1]).toBe(counts[0]);
    expect(counts[0]).toBeGreaterThanOrEqual(3);
    expect(counts[0]).toBeLessThanOrEqual(5);
  });
});

describe('Query.auditLog', () => {
  const LOG = `query($target: ID, $actor: String, $action: String, $since: String, $first: Int, $after: String) {
    auditLog(target: $target, actor: $actor, action: $action, since: $since, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { action actor targetId reason occurredAt } }
    }
  }`;

  it('refuses a request without a token (UNAUTHENTICATED) and an editor (FORBIDDEN)', async () => {
    const anonymous = await send(LOG);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data?.auditLog ?? null).toBeNull();
    const editor = await send(LOG, {}, bearer(editorToken));
    expect(editor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(editor.data?.auditLog ?? null).toBeNull();
  });

  it('lists every event newest first for an admin, and pages through them', async () => {
    const ids = await app.db.selectFrom('audit_events').select('id').orderBy('id', 'desc').execute();
    const all = await asAdmin(LOG, { first: 100 });
    expect(all.auditLog.totalCount).toBe(ids.length);
    expect(nodes(all.auditLog)).toHaveLength(ids.length);
    const firstPage = await asAdmin(LOG, { first: 2 });
    expect(firstPage.auditLog.pageInfo.hasNextPage).toBe(true);
    const rest = await asAdmin(LOG, { first: 100, after: firstPage.auditLog.pageInfo.endCursor });
    expect([...nodes(firstPage.auditLog), ...nodes(rest.auditLog)]).toEqual(nodes(all.auditLog));
    // Newest first: the events recorded above, in reverse.
    expect(nodes(all.auditLog).map((e: any) => e.action)).toEqual([
      'retractRelation', 'retractClaim', 'updateClaim', 'updateEntity', 'addAlias', 'createEntity',
    ]);
  });

  it('filters by target, actor and action', async () => {
    const byTarget = await asAdmin(LOG, { target: depotId });
    expect(nodes(byTarget.auditLog).map((e: any) => e.action)).toEqual(['updateEntity', 'addAlias', 'createEntity']);
    const byActor = await asAdmin(LOG, { actor: 'history-admin' });
    expect(nodes(byActor.auditLog).map((e: any) => e.action)).toEqual(['retractRelation', 'retractClaim', 'updateClaim']);
    const byAction = await asAdmin(LOG, { action: 'addAlias' });
    expect(nodes(byAction.auditLog)).toEqual([expect.objectContaining({ action: 'addAlias', actor: 'history-editor', targetId: depotId })]);
    const both = await asAdmin(LOG, { actor: 'history-editor', action: 'retractClaim' });
    expect(both.auditLog.totalCount).toBe(0);
  });

  it('filters by since, an instant or a date, inclusive', async () => {
    const by = { actor: 'since-probe', role: 'admin', requestId: null };
    const times = ['2020-01-01T00:00:00Z', '2020-06-01T00:00:00Z', '2021-01-01T12:30:00Z'];
    for (const [index, at] of times.entries()) {
      await appendAuditEvent(app.db, by, { action: 'updateEntity', targetType: 'Entity', targetId: 1, reason: `event ${index}` });
      await app.db.updateTable('audit_events').set({ occurred_at: new Date(at) }).where('actor', '=', 'since-probe').where('reason', '=', `event ${index}`).execute();
    }
    const since = async (value: string) =>
      nodes((await asAdmin(LOG, { actor: 'since-probe', since: value })).auditLog).map((e: any) => e.reason);
    expect(await since('2019-12-31')).toEqual(['event 2', 'event 1', 'event 0']);
    expect(await since('2020-03-01T00:00:00Z')).toEqual(['event 2', 'event 1']);
    expect(await since('2020-06-01T00:00:00Z')).toEqual(['event 2', 'event 1']);
    expect(await since('2020-06-01T00:00:00.001Z')).toEqual(['event 2']);
    expect(await since('2021-01-01T14:30:00+02:00')).toEqual(['event 2']);
    expect(await since('2021-01-02')).toEqual([]);
    const [event] = nodes((await asAdmin(LOG, { actor: 'since-probe', first: 1 })).auditLog);
    expect(event.occurredAt).toBe('2021-01-01T12:30:00.000Z');
  });

  it('refuses a since that is not an ISO 8601 instant and a target that is not an entity, claim, relation, token or article', async () => {
    for (const value of ['yesterday', '2020-13-01', '2021-02-29', '2020-01-01T10:00:00', ' ']) {
      const result = await send(LOG, { since: value }, bearer(adminToken));
      expect(result.errors?.[0]?.extensions?.code, value).toBe('BAD_USER_INPUT');
    }
    // Citations change only with their claim or relation: no event targets one.
    const citation = await send(LOG, { target: globalIdOf('Citation', 1) }, bearer(adminToken));
    expect(citation.errors?.[0]?.extensions?.code).toBe('INVALID_ID');
  });
});

describe('Query.reviewQueue', () => {
  it('lists the candidates of each kind oldest first, and nothing else', async () => {
    const entityIds: number[] = [];
    for (const [index, status] of (['candidate', 'curated', 'candidate', 'rejected', 'candidate'] as const).entries()) {
      const row = await app.db
        .insertInto('entities')
        .values({ slug: `review-probe-${index}`, name: `Review Probe ${index}`, kind: 'terminal', status })
        .returning('id')
        .executeTakeFirstOrThrow();
      entityIds.push(row.id);
    }
    // A candidate merged into another no longer waits for review.
    await app.db.updateTable('entities').set({ merged_into: entityIds[1]! }).where('id', '=', entityIds[4]!).execute();
    for (const [index, status] of (['candidate', 'retracted', 'candidate', 'candidate'] as const).entries()) {
      await app.db
        .insertInto('claims')
        .values({ key: `review-probe-${index}`, metric: 'review_probe', value: index, unit: 'TEU', status })
        .execute();
    }
    await app.db
      .insertInto('relations')
      .values([
        { kind: 'located_in', subject_id: entityIds[0]!, object_id: entityIds[1]!, status: 'candidate', detail: 'first' },
        { kind: 'part_of', subject_id: entityIds[0]!, object_id: entityIds[1]!, status: 'rejected', detail: 'second' },
      ])
      .execute();

    const QUEUE = `query($kind: ReviewKind!, $first: Int, $after: String) {
      reviewQueue(kind: $kind, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { __typename ... on Entity { slug entityStatus: status } ... on Claim { key status } ... on Relation { detail status } } }
      }
    }`;
    const claims = await ok(QUEUE, { kind: 'CLAIM', first: 2 });
    expect(claims.reviewQueue.totalCount).toBe(3);
    expect(nodes(claims.reviewQueue)).toEqual([
      { __typename: 'Claim', key: 'review-probe-0', status: 'CANDIDATE' },
      { __typename: 'Claim', key: 'review-probe-2', status: 'CANDIDATE' },
    ]);
    const nextClaims = await ok(QUEUE, { kind: 'CLAIM', first: 2, after: claims.reviewQueue.pageInfo.endCursor });
    expect(nodes(nextClaims.reviewQueue).map((c: any) => c.key)).toEqual(['review-probe-3']);
    expect(nextClaims.reviewQueue.pageInfo.hasNextPage).toBe(false);

    const entities = await ok(QUEUE, { kind: 'ENTITY' });
    expect(nodes(entities.reviewQueue)).toEqual([
      { __typename: 'Entity', slug: 'review-probe-0', entityStatus: 'CANDIDATE' },
      { __typename: 'Entity', slug: 'review-probe-2', entityStatus: 'CANDIDATE' },
    ]);
    const relations = await ok(QUEUE, { kind: 'RELATION' });
    expect(nodes(relations.reviewQueue)).toEqual([{ __typename: 'Relation', detail: 'first', status: 'CANDIDATE' }]);
  });
});
