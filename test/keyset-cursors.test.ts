// Cursors that survive writes: pages read before and after inserts and retractions neither skip nor
// repeat an item; keys of every type round-trip exactly; old, altered and foreign cursors are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ corpus: true });
});
afterAll(() => app?.close());

interface PageArgs {
  first?: number;
  last?: number;
  after?: string | null;
  before?: string | null;
}

interface ReadPage {
  labels: string[];
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/**
 * A reader of one connection: `query` takes $first, $after, $last, $before, and `connectionOf`
 * finds the connection in its data; each item is labelled by `label(node)`.
 */
function reader(query: string, connectionOf: (data: any) => any, label: (node: any) => string) {
  return async (args: PageArgs): Promise<ReadPage> => {
    const result = await app.graphql(query, { ...args });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const connection = connectionOf(result.data);
    return {
      labels: connection.edges.map((edge: any) => label(edge.node)),
      totalCount: connection.totalCount,
      ...connection.pageInfo,
    };
  };
}

type Reader = ReturnType<typeof reader>;

/** Every item from `after` on, page by page. */
async function readOn(read: Reader, size: number, after: string | null = null): Promise<string[]> {
  const labels: string[] = [];
  for (let cursor = after; ; ) {
    const page = await read({ first: size, after: cursor });
    labels.push(...page.labels);
    if (!page.hasNextPage) return labels;
    expect(page.endCursor).not.toBeNull();
    cursor = page.endCursor;
  }
}

/** Every item, page by page from the end with last/before. */
async function readBackwards(read: Reader, size: number): Promise<string[]> {
  const labels: string[] = [];
  for (let cursor: string | null = null; ; ) {
    const page = await read({ last: size, before: cursor });
    labels.unshift(...page.labels);
    if (!page.hasPreviousPage) return labels;
    cursor = page.startCursor;
  }
}

interface Writes {
  /** The label of an inserted item that sorts before the page-1 cursor. */
  insertedBefore: string;
  /** Labels of inserted items that sort after it. */
  insertedAfter: string[];
}

/**
 * Reads page 1, lets `write` insert and retract (it is given page 1's last item and the item it
 * should retract, which was on a later page), reads on from page 1's cursor, and checks the pages
 * against the list as it now reads in one go: every item of that list is read exactly once, except
 * the one inserted before the cursor (the reader has moved past its place).
 */
async function checkPagesAcrossWrites(read: Reader, size: number, write: (cursorItem: string, toRetract: string) => Promise<Writes>) {
  const before = await readOn(read, 100);
  const page1 = await read({ first: size });
  expect(page1.labels).toEqual(before.slice(0, size));
  expect(page1.hasNextPage).toBe(true);
  const cursorItem = page1.labels.at(-1)!;
  const toRetract = before[Math.min(2 * size + 1, before.length - 1)]!;
  expect(before.indexOf(toRetract)).toBeGreaterThan(size);

  const writes = await write(cursorItem, toRetract);
  const page2 = await read({ first: size, after: page1.endCursor });
  const rest = [...page2.labels, ...(page2.hasNextPage ? await readOn(read, size, page2.endCursor) : [])];
  const after = await readOn(read, 100);

  // The pages read after the writes hold exactly what now follows the cursor item, in order...
  const cursorAt = after.indexOf(cursorItem);
  expect(cursorAt).toBeGreaterThanOrEqual(0);
  expect(rest).toEqual(after.slice(cursorAt + 1));
  // ...page 1 is what precedes it, but for the item inserted there...
  expect(after.slice(0, cursorAt + 1).filter((label) => label !== writes.insertedBefore)).toEqual(page1.labels);
  expect(after.indexOf(writes.insertedBefore)).toBeLessThan(cursorAt);
  // ...so nothing is read twice, and every other item of the list is read.
  const read2 = [...page1.labels, ...rest];
  expect(new Set(read2).size).toBe(read2.length);
  expect(after.filter((label) => !read2.includes(label))).toEqual([writes.insertedBefore]);
  for (const label of writes.insertedAfter) expect(rest).toContain(label);
  // The retracted item is listed (or not) the same way in the pages and in the list.
  expect(rest.includes(toRetract)).toBe(after.includes(toRetract));

  // Counts and flags describe the whole list as it now is.
  expect(page2.totalCount).toBe(after.length);
  expect(page2.hasPreviousPage).toBe(true);
  // And paging back from page 2 gives what precedes it now, the inserted item included.
  const back = await read({ last: size, before: page2.startCursor });
  expect(back.labels).toEqual(after.slice(Math.max(0, cursorAt + 1 - size), cursorAt + 1));
}

const db = () => app.db;

async function entityIdOf(slug: string): Promise<number> {
  return (await db().selectFrom('entities').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

async function insertClaim(values: { key: string; metric: string; value: number | string; period_start?: string | null }, subjectId?: number) {
  const { id } = await db()
    .insertInto('claims')
    .values({ unit: 'USD', period_start: null, period_end: null, ...values, value: values.value as number })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (subjectId !== undefined) await db().insertInto('claim_subjects').values({ claim_id: id, entity_id: subjectId }).execute();
  return id;
}

const retractClaim = (key: string) => db().updateTable('claims').set({ status: 'retracted' }).where('key', '=', key).execute();

const decodeId = (globalId: string) => Number(Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]);

describe('pages read across writes', () => {
  it('Query.claims by value, descending: inserts before and after the cursor and a retraction neither skip nor repeat', async () => {
    const read = reader(
      `query($first: Int, $after: String, $last: Int, $before: String) {
        claims(orderBy: VALUE, direction: DESC, first: $first, after: $after, last: $last, before: $before) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { key value } } } }`,
      (data) => data.claims,
      (node) => node.key,
    );
    await checkPagesAcrossWrites(read, 5, async (cursorKey, retractKey) => {
      const cursorValue = (await db().selectFrom('claims').select('value').where('key', '=', cursorKey).executeTakeFirstOrThrow()).value;
      await insertClaim({ key: 'keyset-top-largest', metric: 'trade_volume', value: '999999999999999' });
      // The same value as the cursor's item, with a larger id: it sorts right after the cursor.
      await insertClaim({ key: 'keyset-top-tie', metric: 'trade_volume', value: cursorValue! });
      await insertClaim({ key: 'keyset-top-smallest', metric: 'trade_volume', value: '0.5' });
      await retractClaim(retractKey);
      return { insertedBefore: 'keyset-top-largest', insertedAfter: ['keyset-top-tie', 'keyset-top-smallest'] };
    });
  });

  it('Entity.claims (batched, by metric then period): the same across inserts and a retraction', async () => {
    const china = await entityIdOf('china');
    const read = reader(
      `query($first: Int, $after: String, $last: Int, $before: String) { entity(slug: "china") {
        claims(first: $first, after: $after, last: $last, before: $before) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { key } } } } }`,
      (data) => data.entity.claims,
      (node) => node.key,
    );
    await checkPagesAcrossWrites(read, 4, async (cursorKey, retractKey) => {
      const cursor = await db().selectFrom('claims').select(['metric']).where('key', '=', cursorKey).executeTakeFirstOrThrow();
      await insertClaim({ key: 'keyset-nested-first', metric: 'aaa_keyset_probe', value: 1 }, china);
      // Same metric as the cursor's item, no resolved period: nulls sort last, so after the cursor.
      await insertClaim({ key: 'keyset-nested-same-metric', metric: cursor.metric, value: 2 }, china);
      await insertClaim({ key: 'keyset-nested-last', metric: 'zzz_keyset_probe', value: 3 }, china);
      await retractClaim(retractKey);
      return { insertedBefore: 'keyset-nested-first', insertedAfter: ['keyset-nested-same-metric', 'keyset-nested-last'] };
    });
  });

  it('Entity.relations (batched, by kind): the same across inserts and a retraction', async () => {
    const kazakhstan = await entityIdOf('kazakhstan');
    const read = reader(
      `query($first: Int, $after: String, $last: Int, $before: String) { entity(slug: "kazakhstan") {
        relations(first: $first, after: $after, last: $last, before: $before) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { id kind } } } } }`,
      (data) => data.entity.relations,
      (node) => node.id,
    );
    // A new relation sorts after the others of its kind (a larger id): for one to sort before the
    // cursor, page 1 must reach past the first kind, BORDER_PORT_OF.
    const { data } = await app.graphql(`{ entity(slug: "kazakhstan") { relations(first: 100) { edges { node { kind } } } } }`);
    const kinds: string[] = data.entity.relations.edges.map((edge: any) => edge.node.kind);
    const size = kinds.filter((kind) => kind === 'BORDER_PORT_OF').length + 1;
    expect(kinds.length).toBeGreaterThan(2 * size + 1);
    await checkPagesAcrossWrites(read, size, async (cursorId, retractId) => {
      const cursor = await db().selectFrom('relations').select('kind').where('id', '=', decodeId(cursorId)).executeTakeFirstOrThrow();
      const others = await db()
        .insertInto('entities')
        .values(['keyset-a', 'keyset-b'].map((slug) => ({ slug, name: `Keyset ${slug}`, kind: 'city' })))
        .returning('id')
        .execute();
      const relate = async (kind: string, objectId: number) =>
        (await db().insertInto('relations').values({ kind, subject_id: objectId, object_id: kazakhstan }).returning('id').executeTakeFirstOrThrow()).id;
      // 'border_port_of' is the first kind in the list; a later id of the cursor's kind sorts after it.
      const first = await relate('border_port_of', others[0]!.id);
      const sameKind = await relate(cursor.kind, others[1]!.id);
      await db().updateTable('relations').set({ status: 'retracted' }).where('id', '=', decodeId(retractId)).execute();
      const label = (id: number) => Buffer.from(`Relation:${id}`, 'utf8').toString('base64url');
      return { insertedBefore: label(first), insertedAfter: [label(sameKind)] };
    });
  });
});

describe('keys of every type round-trip exactly', () => {
  it('numeric values that differ beyond double precision page one by one, in order', async () => {
    const keys = ['keyset-numeric-3', 'keyset-numeric-1', 'keyset-numeric-2'];
    await insertClaim({ key: keys[0]!, metric: 'keyset_precision', value: '0.1000000000000000000003' });
    await insertClaim({ key: keys[1]!, metric: 'keyset_precision', value: '0.1000000000000000000001' });
    await insertClaim({ key: keys[2]!, metric: 'keyset_precision', value: '0.1000000000000000000002' });
    for (const direction of ['ASC', 'DESC']) {
      const read = reader(
        `query($first: Int, $after: String, $last: Int, $before: String) {
          claims(metric: "keyset_precision", orderBy: VALUE, direction: ${direction}, first: $first, after: $after, last: $last, before: $before) {
            totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { key } } } }`,
        (data) => data.claims,
        (node) => node.key,
      );
      const ascending = ['keyset-numeric-1', 'keyset-numeric-2', 'keyset-numeric-3'];
      const expected = direction === 'ASC' ? ascending : [...ascending].reverse();
      expect(await readOn(read, 1)).toEqual(expected);
      expect(await readBackwards(read, 1)).toEqual(expected);
    }
  });

  it('search scores (floats, with ties) page one by one as in one page', async () => {
    const read = reader(
      `query($first: Int, $after: String, $last: Int, $before: String) {
        entities(search: "khorgos", first: $first, after: $after, last: $last, before: $before) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { score node { slug } } } }`,
      (data) => data.entities,
      (node) => node.slug,
    );
    const whole = await readOn(read, 100);
    expect(whole.length).toBeGreaterThan(3);
    expect(await readOn(read, 1)).toEqual(whole);
    expect(await readBackwards(read, 2)).toEqual(whole);
  });

  it('dates with nulls (articles newest first, undated last; claims by period) page as in one page', async () => {
    const articles = reader(
      `query($first: Int, $after: String, $last: Int, $before: String) {
        articles(first: $first, after: $after, last: $last, before: $before) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { sourceKey publishedAt } } } }`,
      (data) => data.articles,
      (node) => node.sourceKey,
    );
    const whole = await readOn(articles, 100);
    expect(await readOn(articles, 1)).toEqual(whole);
    expect(await readBackwards(articles, 1)).toEqual(whole);

    for (const direction of ['ASC', 'DESC']) {
      const claims = reader(
        `query($first: Int, $after: String, $last: Int, $before: String) {
          claims(orderBy: PERIOD, direction: ${direction}, first: $first, after: $after, last: $last, before: $before) {
            totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { key } } } }`,
        (data) => data.claims,
        (node) => node.key,
      );
      const all = await readOn(claims, 100);
      expect(await readOn(claims, 7)).toEqual(all);
      expect(await readBackwards(claims, 7)).toEqual(all);
    }
  });

  it('claims by the date of their first article (a computed key) page as in one page', async () => {
    const read = reader(
      `query($first: Int, $after: String, $last: Int, $before: String) {
        claims(orderBy: ARTICLE_DATE, direction: DESC, first: $first, after: $after, last: $last, before: $before) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { key } } } }`,
      (data) => data.claims,
      (node) => node.key,
    );
    const whole = await readOn(read, 100);
    expect(await readOn(read, 9)).toEqual(whole);
    expect(await readBackwards(read, 9)).toEqual(whole);
  });
});

describe('page flags', () => {
  const read = () =>
    reader(
      `query($first: Int, $after: String, $last: Int, $before: String) {
        entities(first: $first, after: $after, last: $last, before: $before) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { slug } } } }`,
      (data) => data.entities,
      (node) => node.slug,
    );

  it('with after, hasPreviousPage says whether anything precedes the cursor; with before, hasNextPage whether anything follows', async () => {
    const page1 = await read()({ first: 3 });
    expect(page1.hasPreviousPage).toBe(false);
    const page2 = await read()({ first: 3, after: page1.endCursor });
    expect(page2.hasPreviousPage).toBe(true);
    const backToStart = await read()({ last: 3, before: page2.startCursor });
    expect(backToStart.labels).toEqual(page1.labels);
    expect(backToStart).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });

  it('an empty page still says where it lies', async () => {
    const page1 = await read()({ first: 3 });
    const empty = await read()({ first: 0, after: page1.endCursor });
    expect(empty.labels).toEqual([]);
    expect(empty).toMatchObject({ hasPreviousPage: true, hasNextPage: true, totalCount: page1.totalCount });
  });
});

describe('cursors the API refuses', () => {
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
  const decode = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

  async function cursorOf(query: string, pick: (data: any) => string): Promise<string> {
    const result = await app.graphql(query);
    expect(result.errors).toBeUndefined();
    return pick(result.data);
  }

  async function expectRefused(query: string, after: string, path: string[]) {
    const result = await app.graphql(query, { after });
    expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result.errors)).toBe('INVALID_CURSOR');
    expect(result.errors?.[0]?.path).toEqual(path);
    expect(result.errors?.[0]?.message).not.toMatch(/select|stack|\bat /i);
  }

  const TOP = `query($after: String) { entities(first: 2, after: $after) { edges { node { slug } } } }`;
  const NESTED = `query($after: String) { entity(slug: "china") { slug claims(first: 2, after: $after) { edges { node { key } } } } }`;
  const CLAIMS = (order: string) => `query($after: String) { claims(first: 2, ${order} after: $after) { edges { node { key } } } }`;

  it('old offset cursors are refused, top-level and nested', async () => {
    for (const old of [b64('offset:0'), b64('offset:4'), b64('offset:100')]) {
      await expectRefused(TOP, old, ['entities']);
      await expectRefused(NESTED, old, ['entity', 'claims']);
    }
  });

  it('altered, truncated or made-up cursors are refused', async () => {
    const real = await cursorOf(`{ entities(first: 3) { pageInfo { endCursor } } }`, (data) => data.entities.pageInfo.endCursor);
    // A real cursor still works, so the refusals below are about the changes.
    expect((await app.graphql(TOP, { after: real })).errors).toBeUndefined();
    const text = decode(real);
    const lastKey = /"(\d+)"\]$/.exec(text)!;
    const altered = [
      b64(text.replace(/"(\d+)"\]$/, `"${Number(lastKey[1]) + 1}"]`)), // another id, same check
      b64(text.replace(/^k1:/, 'k2:')), // another version
      b64(text.slice(0, -3)), // truncated
      real.slice(0, -2), // truncated encoding
      `${real}=`, // padded
      b64('k1:'), b64('k1:aaaaaaaa:bbbbbb:["Khorgos","12"]'), b64('["Khorgos",12]'), 'not-a-cursor', '%%%',
    ];
    for (const cursor of altered) {
      await expectRefused(TOP, cursor, ['entities']);
      await expectRefused(NESTED, cursor, ['entity', 'claims']);
    }
  });

  it('a cursor from a list in another order is refused', async () => {
    const byValueDesc = await cursorOf(
      `{ claims(orderBy: VALUE, direction: DESC, first: 2) { pageInfo { endCursor } } }`,
      (data) => data.claims.pageInfo.endCursor,
    );
    // The same order accepts it...
    expect((await app.graphql(CLAIMS('orderBy: VALUE, direction: DESC,'), { after: byValueDesc })).errors).toBeUndefined();
    // ...the other direction, another key and another list do not.
    await expectRefused(CLAIMS('orderBy: VALUE, direction: ASC,'), byValueDesc, ['claims']);
    await expectRefused(CLAIMS(''), byValueDesc, ['claims']);
    await expectRefused(CLAIMS('orderBy: PERIOD, direction: DESC,'), byValueDesc, ['claims']);
    await expectRefused(TOP, byValueDesc, ['entities']);

    const bySearch = await cursorOf(`{ entities(search: "khorgos", first: 1) { pageInfo { endCursor } } }`, (data) => data.entities.pageInfo.endCursor);
    await expectRefused(TOP, bySearch, ['entities']);
    const byName = await cursorOf(`{ entities(first: 1) { pageInfo { endCursor } } }`, (data) => data.entities.pageInfo.endCursor);
    await expectRefused(NESTED, byName, ['entity', 'claims']);
  });

  it('a refused cursor runs no SQL for the list', async () => {
    app.resetStatements();
    await expectRefused(TOP, b64('offset:0'), ['entities']);
    expect(app.statements.filter((statement) => /from "entities"/i.test(statement))).toEqual([]);
  });
});
