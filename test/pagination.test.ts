// Relay pagination: forward and backward, nested connections, edges of the range, bad arguments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';

let app: TestApp;
let allSlugs: string[];
beforeAll(async () => {
  app = await createTestApp({ corpus: true });
  const { data } = await app.graphql(`{ entities(first: 100) { totalCount edges { node { slug } } } }`);
  allSlugs = data.entities.edges.map((e: any) => e.node.slug);
});
afterAll(() => app?.close());

const PAGE = `query($first: Int, $after: String, $last: Int, $before: String) {
  entities(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { slug } }
  }
}`;

async function page(variables: Record<string, unknown>) {
  const result = await app.graphql(PAGE, variables);
  expect(result.errors).toBeUndefined();
  return result.data.entities;
}

describe('top-level connections', () => {
  it('walks forward with first/after through every item exactly once', async () => {
    const { totalCount } = await page({ first: 1 });
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const p = await page({ first: 7, after });
      seen.push(...p.edges.map((e: any) => e.node.slug));
      expect(p.totalCount).toBe(totalCount);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen.length).toBe(totalCount);
    expect(new Set(seen).size).toBe(totalCount);
    expect(totalCount).toBeGreaterThan(100);
    expect(seen.slice(0, 100)).toEqual(allSlugs);
  });

  it('walks backward with last/before', async () => {
    const { totalCount } = await page({ first: 0 });
    const seen: string[] = [];
    let before: string | null = null;
    for (;;) {
      const p = await page({ last: 9, before });
      seen.unshift(...p.edges.map((e: any) => e.node.slug));
      if (!p.pageInfo.hasPreviousPage) break;
      before = p.pageInfo.startCursor;
    }
    expect(seen.length).toBe(totalCount);
    expect(seen.slice(0, 100)).toEqual(allSlugs);
  });

  it('last without before gives the final items', async () => {
    const p = await page({ last: 3 });
    expect(p.edges).toHaveLength(3);
    expect(p.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('first: 0 gives no edges but the total', async () => {
    const p = await page({ first: 0 });
    expect(p.edges).toEqual([]);
    expect(p.totalCount).toBeGreaterThan(0);
    expect(p.pageInfo.startCursor).toBeNull();
  });

  it('after the last cursor there is nothing and no next page', async () => {
    const last = await page({ last: 1 });
    const p = await page({ first: 5, after: last.pageInfo.endCursor });
    expect(p.edges).toEqual([]);
    expect(p.pageInfo.hasNextPage).toBe(false);
  });

  it('first and before together page inside the range', async () => {
    const ten = await page({ first: 10 });
    const p = await page({ first: 3, before: ten.edges[5].cursor });
    expect(p.edges.map((e: any) => e.node.slug)).toEqual(ten.edges.slice(0, 3).map((e: any) => e.node.slug));
  });

  it('without first or last a page holds 20 items', async () => {
    const p = await page({});
    expect(p.edges).toHaveLength(20);
  });

  it('filters change totalCount', async () => {
    const { data } = await app.graphql(`{ all: entities { totalCount } countries: entities(kind: COUNTRY) { totalCount edges { node { kind } } } }`);
    expect(data.countries.totalCount).toBeLessThan(data.all.totalCount);
    expect(data.countries.edges.every((e: any) => e.node.kind === 'COUNTRY')).toBe(true);
  });
});

describe('nested connections', () => {
  it('page each parent separately, with per-parent totals and cursors', async () => {
    const q = `query($after: String) { entity(slug: "china") { claims(first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`;
    const first = (await app.graphql(q)).data.entity.claims;
    expect(first.edges).toHaveLength(2);
    expect(first.totalCount).toBeGreaterThan(2);
    const second = (await app.graphql(q, { after: first.pageInfo.endCursor })).data.entity.claims;
    expect(second.totalCount).toBe(first.totalCount);
    const ids = [...first.edges, ...second.edges].map((e: any) => e.node.id);
    expect(new Set(ids).size).toBe(4);
  });

  it('a parent with nothing in its window still reports its total', async () => {
    const { data } = await app.graphql(`{ entities(kind: COUNTRY, first: 10) { edges { node { slug claims(first: 0) { totalCount edges { cursor } } } } } }`);
    const china = data.entities.edges.find((e: any) => e.node.slug === 'china').node;
    expect(china.claims.edges).toEqual([]);
    expect(china.claims.totalCount).toBeGreaterThan(0);
  });
});

describe('bad paging arguments', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['first over 100', { first: 101 }, 'BAD_USER_INPUT'],
    ['negative first', { first: -1 }, 'BAD_USER_INPUT'],
    ['negative last', { last: -5 }, 'BAD_USER_INPUT'],
    ['a malformed cursor', { first: 2, after: 'not-a-cursor' }, 'INVALID_CURSOR'],
    ['a cursor of another shape', { first: 2, after: Buffer.from('offset:-3').toString('base64url') }, 'INVALID_CURSOR'],
  ];
  for (const [name, variables, code] of cases) {
    it(`${name} is a typed error, not a crash`, async () => {
      const response = await app.post({ query: PAGE, variables });
      expect(response.status).toBe(200);
      const result = await response.json();
      expect(result.data).toBeNull();
      expect(result.errors[0].extensions.code).toBe(code);
      expect(result.errors[0].message).not.toMatch(/select|stack|at /i);
    });
  }

  it('a bad argument on a nested connection fails only that field', async () => {
    const result = await app.graphql(`{ entity(slug: "china") { slug claims(first: 500) { totalCount } } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.path).toEqual(['entity', 'claims']);
  });
});
