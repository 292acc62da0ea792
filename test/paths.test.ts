// Query.path: the shortest chains of relations between two entities, at a bounded, constant number of statements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findShortestPaths, PathSearchTooBroadError } from '../src/db/paths.ts';
import { createTestApp, type TestApp } from './support/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ corpus: true });
});
afterAll(() => app?.close());

const PATH = `query($from: ID!, $to: ID!, $maxDepth: Int, $kinds: [RelationKind!], $first: Int) {
  path(from: $from, to: $to, maxDepth: $maxDepth, kinds: $kinds, first: $first) {
    length
    entities { slug }
    steps {
      forward
      from { slug }
      to { slug }
      relation { id kind subject { slug } object { slug } citations { quote article { title } } }
    }
  }
}`;

interface PathStepResult {
  forward: boolean;
  from: { slug: string };
  to: { slug: string };
  relation: { id: string; kind: string; subject: { slug: string }; object: { slug: string }; citations: Array<{ quote: string }> };
}
interface PathResult {
  length: number;
  entities: Array<{ slug: string }>;
  steps: PathStepResult[];
}

const ids = new Map<string, string>();
async function idOf(slug: string): Promise<string> {
  if (!ids.has(slug)) {
    const result = await app.graphql(`query($slug: String!) { entity(slug: $slug) { id } }`, { slug });
    expect(result.data?.entity, `entity ${slug}`).toBeTruthy();
    ids.set(slug, result.data.entity.id);
  }
  return ids.get(slug)!;
}

async function findPaths(from: string, to: string, options: { maxDepth?: number; kinds?: string[]; first?: number } = {}) {
  return app.graphql<{ path: PathResult[] }>(PATH, { from: await idOf(from), to: await idOf(to), ...options });
}

async function pathsBetween(from: string, to: string, options: { maxDepth?: number; kinds?: string[]; first?: number } = {}) {
  const result = await findPaths(from, to, options);
  expect(result.errors).toBeUndefined();
  return result.data!.path;
}

/** A path in a form that is easy to compare: "a -kind-> b <-kind- c". */
function describePath(path: PathResult): string {
  return path.steps.reduce(
    (text, step) => `${text} ${step.forward ? `-${step.relation.kind}->` : `<-${step.relation.kind}-`} ${step.to.slug}`,
    path.entities[0]!.slug,
  );
}

const relationNumber = (id: string) => Number(Buffer.from(id, 'base64url').toString('utf8').split(':')[1]);

/** Orders equal-length sequences of relation ids by their first difference. */
function compareSequences(a: readonly number[], b: readonly number[]): number {
  const i = a.findIndex((id, index) => id !== b[index]);
  return i === -1 ? 0 : a[i]! - b[i]!;
}

const COMPANY = 'xinjiang-ktz-international-logistics';

describe('path from a company to a city', () => {
  it('goes through the terminal it operates, with kinds, directions and citations', async () => {
    const paths = await pathsBetween(COMPANY, 'xian', { maxDepth: 2 });
    const viaTerminal = paths.find((path) => path.entities[1]!.slug === 'kazakhstan-xian-terminal')!;
    expect(viaTerminal).toBeDefined();
    expect(viaTerminal.length).toBe(2);
    expect(viaTerminal.entities.map((e) => e.slug)).toEqual([COMPANY, 'kazakhstan-xian-terminal', 'xian']);
    expect(viaTerminal.steps.map((s) => [s.from.slug, s.relation.kind, s.to.slug, s.forward])).toEqual([
      [COMPANY, 'OPERATES_TERMINAL', 'kazakhstan-xian-terminal', true],
      ['kazakhstan-xian-terminal', 'LOCATED_IN', 'xian', true],
    ]);
    for (const step of viaTerminal.steps) {
      expect(step.relation.subject.slug).toBe(step.from.slug);
      expect(step.relation.citations.length).toBeGreaterThan(0);
      expect(step.relation.citations[0]!.quote.length).toBeGreaterThan(0);
    }
  });

  it('returns every shortest path, ordered by relation ids, with steps against a relation marked', async () => {
    const paths = await pathsBetween(COMPANY, 'xian', { maxDepth: 2 });
    expect(paths.map(describePath).sort()).toEqual([
      `${COMPANY} -OPERATES_TERMINAL-> kazakhstan-xian-terminal -LOCATED_IN-> xian`,
      `${COMPANY} <-BRANCH_OF- xinjiang-ktz-international-logistics-xian-branch -LOCATED_IN-> xian`,
    ]);
    const viaBranch = paths.find((path) => path.steps[0]!.relation.kind === 'BRANCH_OF')!;
    expect(viaBranch.steps[0]).toMatchObject({ forward: false, relation: { subject: { slug: `${COMPANY}-xian-branch` }, object: { slug: COMPANY } } });
    const sequences = paths.map((path) => path.steps.map((step) => relationNumber(step.relation.id)));
    expect(sequences).toEqual([...sequences].sort(compareSequences));
  });

  it('in reverse gives the mirror paths, each step walked the other way', async () => {
    const there = await pathsBetween(COMPANY, 'xian', { maxDepth: 2 });
    const back = await pathsBetween('xian', COMPANY, { maxDepth: 2 });
    expect(back).toHaveLength(there.length);
    const mirror = (path: PathResult) => ({
      length: path.length,
      entities: [...path.entities].reverse(),
      steps: [...path.steps].reverse().map((step) => ({ ...step, from: step.to, to: step.from, forward: !step.forward })),
    });
    expect(back.map(describePath).sort()).toEqual(there.map(mirror).map(describePath).sort());
    for (const path of back) expect(path).toEqual(mirror(there.find((p) => describePath(mirror(p)) === describePath(path))!));
  });

  it('finds nothing within maxDepth 1, and the paths at a larger depth', async () => {
    expect(await pathsBetween(COMPANY, 'shaanxi', { maxDepth: 1 })).toEqual([]);
    expect(await pathsBetween(COMPANY, 'shaanxi', { maxDepth: 2 })).toEqual([]);
    const paths = await pathsBetween(COMPANY, 'shaanxi', { maxDepth: 3 });
    expect(paths.map(describePath).sort()).toEqual([
      `${COMPANY} -OPERATES_TERMINAL-> kazakhstan-xian-terminal -LOCATED_IN-> xian -LOCATED_IN-> shaanxi`,
      `${COMPANY} -OPERATES_TERMINAL-> kazakhstan-xian-terminal -PROJECT_OF-> china <-LOCATED_IN- shaanxi`,
      `${COMPANY} <-BRANCH_OF- ${COMPANY}-xian-branch -LOCATED_IN-> xian -LOCATED_IN-> shaanxi`,
    ]);
  });

  it('walks only the kinds asked for', async () => {
    const viaTerminal = await pathsBetween(COMPANY, 'xian', { kinds: ['OPERATES_TERMINAL', 'LOCATED_IN'] });
    expect(viaTerminal.map(describePath)).toEqual([`${COMPANY} -OPERATES_TERMINAL-> kazakhstan-xian-terminal -LOCATED_IN-> xian`]);
    const viaBranch = await pathsBetween(COMPANY, 'xian', { kinds: ['BRANCH_OF', 'LOCATED_IN'] });
    expect(viaBranch.map(describePath)).toEqual([`${COMPANY} <-BRANCH_OF- ${COMPANY}-xian-branch -LOCATED_IN-> xian`]);
    expect(await pathsBetween(COMPANY, 'xian', { kinds: ['LOCATED_IN'] })).toEqual([]);
  });

  it('returns at most `first` paths, the lowest relation ids first', async () => {
    const all = await pathsBetween(COMPANY, 'xian');
    const one = await pathsBetween(COMPANY, 'xian', { first: 1 });
    expect(one).toEqual(all.slice(0, 1));
  });
});

describe('path edge cases', () => {
  it('from an entity to itself is one path of length 0', async () => {
    expect(await pathsBetween('xian', 'xian')).toEqual([{ length: 0, entities: [{ slug: 'xian' }], steps: [] }]);
  });

  it('returns each parallel relation as its own path', async () => {
    const paths = await pathsBetween('china', 'kazakhstan', { maxDepth: 1 });
    expect(paths.length).toBeGreaterThanOrEqual(2);
    expect(new Set(paths.map((path) => path.steps[0]!.relation.id)).size).toBe(paths.length);
    for (const path of paths) expect(path.entities.map((e) => e.slug)).toEqual(['china', 'kazakhstan']);
  });

  for (const maxDepth of [0, 5]) {
    it(`rejects maxDepth ${maxDepth}`, async () => {
      const result = await findPaths(COMPANY, 'xian', { maxDepth });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(/maxDepth.*between 1 and 4/);
    });
  }

  for (const first of [0, 51]) {
    it(`rejects first ${first}`, async () => {
      const result = await findPaths(COMPANY, 'xian', { first });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(/first.*between 1 and 50/);
    });
  }

  it('rejects an Article ID as an end, saying what it must be', async () => {
    const articles = await app.graphql(`{ articles(first: 1) { edges { node { id } } } }`);
    const articleId = articles.data.articles.edges[0].node.id;
    const result = await app.graphql(PATH, { from: articleId, to: await idOf('xian') });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_ID');
    expect(result.errors?.[0]?.message).toBe('"from" must be the ID of an Entity, but it names an object of type Article');
  });

  it('rejects an Entity ID that names no entity', async () => {
    const missing = Buffer.from('Entity:987654', 'utf8').toString('base64url');
    const result = await app.graphql(PATH, { from: await idOf('xian'), to: missing });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/"to" names no entity/);
  });
});

describe('path search against a one-way breadth-first search', () => {
  it('finds the same shortest paths, in the same order, for many pairs of entities', async () => {
    const relations = await app.db.selectFrom('relations').selectAll().where('status', '<>', 'rejected').orderBy('id').execute();
    const links = new Map<number, Array<{ relationId: number; entityId: number }>>();
    for (const r of relations) {
      for (const [here, there] of [[r.subject_id, r.object_id], [r.object_id, r.subject_id]] as const) {
        links.set(here, [...(links.get(here) ?? []), { relationId: r.id, entityId: there }]);
      }
    }
    const expectedPaths = (fromId: number, toId: number, maxDepth: number): number[][] => {
      const distanceToEnd = new Map([[toId, 0]]);
      for (let queue = [toId], i = 0; i < queue.length; i += 1) {
        for (const link of links.get(queue[i]!) ?? []) {
          if (!distanceToEnd.has(link.entityId)) {
            distanceToEnd.set(link.entityId, distanceToEnd.get(queue[i]!)! + 1);
            queue.push(link.entityId);
          }
        }
      }
      const length = distanceToEnd.get(fromId);
      if (length === undefined || length > maxDepth) return [];
      const found: number[][] = [];
      const walk = (here: number, relationIds: number[]) => {
        if (here === toId) return void found.push(relationIds);
        for (const link of links.get(here) ?? []) {
          if (distanceToEnd.get(link.entityId) === distanceToEnd.get(here)! - 1) walk(link.entityId, [...relationIds, link.relationId]);
        }
      };
      walk(fromId, []);
      return found.sort(compareSequences);
    };
    const entityIds = [...new Set(relations.flatMap((r) => [r.subject_id, r.object_id]))].sort((a, b) => a - b);
    const sample = entityIds.filter((_id, i) => i % 4 === 0);
    let compared = 0;
    for (const fromId of sample) {
      for (const toId of sample) {
        if (fromId === toId) continue;
        const found = await findShortestPaths(app.db, { fromId, toId, maxDepth: 4, kinds: null, limit: 50 });
        const expected = expectedPaths(fromId, toId, 4).slice(0, 50);
        expect(found.map((path) => path.steps.map((step) => step.relation.id)), `${fromId} -> ${toId}`).toEqual(expected);
        if (expected.length > 0) compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });
});

describe('path cost', () => {
  it('runs the same small number of statements for two different depth-3 searches', async () => {
    const counts: number[] = [];
    for (const [from, to] of [['xinjiang-ktz-international-logistics-xian-branch', 'china'], ['alashankou-port', 'almaty']] as const) {
      const variables = { from: await idOf(from), to: await idOf(to), maxDepth: 3 };
      app.resetStatements();
      const result = await app.graphql<{ path: PathResult[] }>(PATH, variables);
      counts.push(app.statements.length);
      expect(result.errors).toBeUndefined();
      expect(result.data!.path.length).toBeGreaterThan(0);
      for (const path of result.data!.path) expect(path.length).toBe(3);
    }
    // Both ends, three levels of search, the entities between, the citations and their articles.
    expect(counts[0]).toBeLessThanOrEqual(10);
    expect(counts[1]).toBe(counts[0]);
  });

  it('stops with a clear error instead of reading more than its budget', async () => {
    const rows = await app.db.selectFrom('entities').select(['id', 'slug']).where('slug', 'in', [COMPANY, 'shaanxi']).execute();
    const idOfSlug = (slug: string) => rows.find((row) => row.slug === slug)!.id;
    const between = { fromId: idOfSlug(COMPANY), toId: idOfSlug('shaanxi'), maxDepth: 3, kinds: null, limit: 10 };
    await expect(findShortestPaths(app.db, between, { maxRelationsRead: 3 })).rejects.toBeInstanceOf(PathSearchTooBroadError);
    expect(await findShortestPaths(app.db, between)).toHaveLength(3);
  });

  it('gives PATH_SEARCH_TOO_BROAD through the API for a search that reaches too much of the graph', async () => {
    // Two stars of 2,600 entities each: together more than the default budget of relations.
    const hubs = await app.db
      .insertInto('entities')
      .values([{ slug: 'path-test-hub-a', name: 'Hub A', kind: 'city' }, { slug: 'path-test-hub-b', name: 'Hub B', kind: 'city' }])
      .returning('id')
      .execute();
    const leaves = await app.db
      .insertInto('entities')
      .values(Array.from({ length: 5200 }, (_, i) => ({ slug: `path-test-leaf-${i}`, name: `Leaf ${i}`, kind: 'station' })))
      .returning('id')
      .execute();
    await app.db
      .insertInto('relations')
      .values(leaves.map((leaf, i) => ({ kind: 'located_in', subject_id: leaf.id, object_id: hubs[i % 2]!.id })))
      .execute();
    const result = await findPaths('path-test-hub-a', 'path-test-hub-b');
    expect(result.errors?.[0]?.extensions?.code).toBe('PATH_SEARCH_TOO_BROAD');
    expect(result.errors?.[0]?.message).toMatch(/narrow it with kinds or a smaller maxDepth/);
    // A kind the stars do not use leaves nothing to walk.
    expect(await pathsBetween('path-test-hub-a', 'path-test-hub-b', { kinds: ['PART_OF'] })).toEqual([]);
  });
});
