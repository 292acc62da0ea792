// Entity mutations: create, update, aliases and review, each with its typed failures; every
// success writes one audit event and every failure writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';
import { tableCounts } from './support/counts.ts';
import { bearer, createToken } from './support/tokens.ts';

let app: TestApp;
let editor: Record<string, string>;

beforeAll(async () => {
  app = await createTestApp({ corpus: true });
  editor = bearer(await createToken(app.db, 'curator', 'editor'));
});
afterAll(() => app?.close());

const RESULT = `__typename
  ... on Error { message }
  ... on ValidationError { field }
  ... on NotFoundError { id }`;
const ENTITY = `entity { id slug name kind description aliases }`;

async function mutate(name: string, input: Record<string, unknown>, headers = editor) {
  const inputType = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  const payload = `${name[0]!.toUpperCase()}${name.slice(1)}Payload`;
  const response = await app.post(
    { query: `mutation ($input: ${inputType}!) { ${name}(input: $input) { ${RESULT} ... on ${payload} { ${ENTITY} } } }`, variables: { input } },
    headers,
  );
  const body = await response.json();
  expect(body.errors).toBeUndefined();
  return body.data[name];
}

/** Runs a mutation expected to fail and checks that no table changed. */
async function refused(name: string, input: Record<string, unknown>) {
  const before = await tableCounts(app.db);
  const result = await mutate(name, input);
  expect(await tableCounts(app.db)).toEqual(before);
  return result;
}

const lastEvent = () => app.db.selectFrom('audit_events').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
const idOf = async (slug: string) => (await app.graphql(`{ entity(slug: "${slug}") { id } }`)).data.entity.id as string;

describe('createEntity', () => {
  it('creates a curated entity with a slug made from the name, findable by name and alias', async () => {
    const created = await mutate('createEntity', {
      name: 'Aktau Port', kind: 'PORT', description: 'A Caspian sea port.', aliases: ['Port of Aktau'], reason: 'read in a new article',
    });
    expect(created).toMatchObject({ __typename: 'CreateEntityPayload', entity: { slug: 'aktau-port', name: 'Aktau Port', kind: 'PORT', aliases: ['Port of Aktau'] } });
    const found = await app.graphql(`{ entities(search: "port of aktau", first: 1) { edges { node { slug } } } }`);
    expect(found.data.entities.edges[0].node.slug).toBe('aktau-port');
    const event = await lastEvent();
    expect(event).toMatchObject({ action: 'createEntity', actor: 'curator', role: 'editor', target_type: 'Entity', reason: 'read in a new article', before: null });
    expect(event.after).toMatchObject({ slug: 'aktau-port', aliases: ['Aktau Port', 'Port of Aktau'] });
  });

  it('refuses a taken slug (ConflictError), a name without Latin letters and no slug, a bad slug, a blank name', async () => {
    expect(await refused('createEntity', { name: 'Kazakhstan', kind: 'COUNTRY' })).toMatchObject({ __typename: 'ConflictError' });
    expect(await refused('createEntity', { name: 'Хоргос', kind: 'CITY' })).toMatchObject({ __typename: 'ValidationError', field: 'input.slug' });
    expect(await refused('createEntity', { name: 'Khorgos East', kind: 'CITY', slug: 'Not A Slug' })).toMatchObject({ __typename: 'ValidationError', field: 'input.slug' });
    expect(await refused('createEntity', { name: '   ', kind: 'CITY' })).toMatchObject({ __typename: 'ValidationError', field: 'input.name' });
    expect(await refused('createEntity', { name: 'x'.repeat(201), kind: 'CITY' })).toMatchObject({ __typename: 'ValidationError', field: 'input.name' });
  });

  it('takes an explicit slug for a name in another script', async () => {
    const created = await mutate('createEntity', { name: 'Хоргос', kind: 'CITY', slug: 'khorgos-cyrillic' });
    expect(created.entity).toMatchObject({ slug: 'khorgos-cyrillic', name: 'Хоргос' });
  });
});

describe('updateEntity', () => {
  it('renames (the old name stays an alias), changes kind and description, and records before and after', async () => {
    const id = await idOf('aktau-port');
    const updated = await mutate('updateEntity', { id, name: 'Port of Aktau International', description: '' });
    expect(updated.entity).toMatchObject({ name: 'Port of Aktau International', description: null });
    expect(updated.entity.aliases).toEqual(expect.arrayContaining(['Aktau Port', 'Port of Aktau']));
    const event = await lastEvent();
    expect(event).toMatchObject({ action: 'updateEntity', target_type: 'Entity' });
    expect((event.before as { name: string }).name).toBe('Aktau Port');
    expect((event.after as { name: string }).name).toBe('Port of Aktau International');
  });

  it('refuses an empty change, an unknown entity, and an ID of another type', async () => {
    const id = await idOf('aktau-port');
    expect(await refused('updateEntity', { id })).toMatchObject({ __typename: 'ValidationError', field: 'input' });
    const missing = Buffer.from('Entity:999999').toString('base64url');
    expect(await refused('updateEntity', { id: missing, name: 'X' })).toMatchObject({ __typename: 'NotFoundError', id: '999999' });
    const article = (await app.graphql(`{ articles(first: 1) { edges { node { id } } } }`)).data.articles.edges[0].node.id;
    expect(await refused('updateEntity', { id: article, name: 'X' })).toMatchObject({ __typename: 'NotFoundError', id: article });
  });
});

describe('aliases', () => {
  it('adds and removes an alias; a duplicate is a ConflictError, an unknown alias a NotFoundError, the canonical name stays', async () => {
    const id = await idOf('kazakhstan');
    expect((await mutate('addAlias', { entity: id, alias: 'Qazaqstan' })).entity.aliases).toContain('Qazaqstan');
    expect(await refused('addAlias', { entity: id, alias: 'Qazaqstan' })).toMatchObject({ __typename: 'ConflictError' });
    expect((await mutate('removeAlias', { entity: id, alias: 'Qazaqstan' })).entity.aliases).not.toContain('Qazaqstan');
    expect(await refused('removeAlias', { entity: id, alias: 'Qazaqstan' })).toMatchObject({ __typename: 'NotFoundError' });
    expect(await refused('removeAlias', { entity: id, alias: 'Kazakhstan' })).toMatchObject({ __typename: 'ValidationError', field: 'input.alias' });
    const events = await app.db.selectFrom('audit_events').select(['action']).where('action', 'in', ['addAlias', 'removeAlias']).orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['addAlias', 'removeAlias']);
  });
});

describe('reviewEntity', () => {
  it('accepts a candidate (CURATED), rejects another (REJECTED), and refuses to review a curated one', async () => {
    const inserted = await app.db
      .insertInto('entities')
      .values([
        { slug: 'candidate-one', name: 'Candidate One', kind: 'company', status: 'candidate' },
        { slug: 'candidate-two', name: 'Candidate Two', kind: 'company', status: 'candidate' },
      ])
      .returning(['id', 'slug'])
      .execute();
    const gid = (id: number) => Buffer.from(`Entity:${id}`).toString('base64url');
    const review = (id: number, decision: string, reason: string) =>
      app.post(
        { query: `mutation ($input: ReviewEntityInput!) { reviewEntity(input: $input) { ${RESULT} ... on ReviewEntityPayload { entity { slug } } } }`, variables: { input: { id: gid(id), decision, reason } } },
        editor,
      ).then((r) => r.json());
    expect((await review(inserted[0]!.id, 'ACCEPT', 'seen in two articles')).data.reviewEntity.__typename).toBe('ReviewEntityPayload');
    expect((await review(inserted[1]!.id, 'REJECT', 'not a company')).data.reviewEntity.__typename).toBe('ReviewEntityPayload');
    const statuses = await app.db.selectFrom('entities').select(['slug', 'status']).where('slug', 'like', 'candidate-%').orderBy('slug').execute();
    expect(statuses).toEqual([{ slug: 'candidate-one', status: 'curated' }, { slug: 'candidate-two', status: 'rejected' }]);
    const event = await lastEvent();
    expect(event).toMatchObject({ action: 'reviewEntity', reason: 'not a company' });
    expect((event.before as { status: string }).status).toBe('candidate');
    expect((event.after as { status: string }).status).toBe('rejected');

    const before = await tableCounts(app.db);
    expect((await review(inserted[0]!.id, 'REJECT', 'changed my mind')).data.reviewEntity.__typename).toBe('ConflictError');
    const noReason = await review(inserted[0]!.id, 'REJECT', '  ');
    expect(noReason.data.reviewEntity).toMatchObject({ __typename: 'ValidationError', field: 'input.reason' });
    expect(await tableCounts(app.db)).toEqual(before);
  });
});
