// Shortest chains of relations between two entities: a breadth-first search from both ends, one statement per level.
import { sql, type Kysely } from 'kysely';
import type { RelationKind } from '../domain/vocabulary.ts';
import type { Database, RelationRow } from './types.ts';
import { entityVisible, statusVisible } from './visibility.ts';

/** One relation of a path, in the order walked. */
export interface PathStep {
  relation: RelationRow;
  fromId: number;
  toId: number;
  /** True when walked from the relation's subject to its object. */
  forward: boolean;
}

export interface Path {
  /** From the start entity to the end entity, one more than the steps. */
  entityIds: number[];
  steps: PathStep[];
}

export interface PathSearch {
  fromId: number;
  toId: number;
  /** The longest chain worth looking for, in relations. */
  maxDepth: number;
  /** Only relations of these kinds are walked; null walks every kind. */
  kinds: readonly RelationKind[] | null;
  /** Return at most this many of the shortest paths. */
  limit: number;
}

/**
 * Relations a search may read before it gives up. Every entity it reaches came through a relation
 * it read, so this also bounds the entities visited and the size of the next statement's id list.
 */
export const DEFAULT_MAX_RELATIONS_READ = 5000;

export class PathSearchTooBroadError extends Error {
  constructor(readonly maxRelationsRead: number) {
    super(`The path search would read more than ${maxRelationsRead} relations`);
    this.name = 'PathSearchTooBroadError';
  }
}

/** A relation leading one step from an entity toward one end of the search. */
interface Link {
  relationId: number;
  entityId: number;
}

/** One of the two searches: from the start, or backwards from the end. */
interface Frontier {
  depth: number;
  /** Entities first reached at `depth`: the next level is grown from them. */
  entityIds: number[];
  /** Each entity reached and its distance from this search's origin. */
  distance: Map<number, number>;
  /** Every relation one step nearer the origin; all of them, so every shortest path can be rebuilt. */
  parents: Map<number, Link[]>;
}

function startAt(entityId: number): Frontier {
  return { depth: 0, entityIds: [entityId], distance: new Map([[entityId, 0]]), parents: new Map() };
}

/**
 * All shortest paths from `fromId` to `toId` no longer than `maxDepth`, up to `limit` of them, ordered by
 * their sequence of relation ids. Relations are walked both ways; only curated ones are walked, and only
 * through entities that lists show (the two ends may be any entity).
 * Runs at most `maxDepth` statements whatever the size of the graph, and throws PathSearchTooBroadError
 * rather than read more than `maxRelationsRead` relations.
 */
export async function findShortestPaths(
  db: Kysely<Database>,
  search: PathSearch,
  { maxRelationsRead = DEFAULT_MAX_RELATIONS_READ }: { maxRelationsRead?: number } = {},
): Promise<Path[]> {
  const { fromId, toId, maxDepth, kinds, limit } = search;
  if (fromId === toId) return [{ entityIds: [fromId], steps: [] }];
  if (limit <= 0 || (kinds !== null && kinds.length === 0)) return [];

  const fromSide = startAt(fromId);
  const toSide = startAt(toId);
  const relations = new Map<number, RelationRow>();
  let budget = maxRelationsRead;

  while (fromSide.depth + toSide.depth < maxDepth) {
    // Growing the smaller side keeps the id list, and usually the rows fetched, smallest.
    const [side, other] = fromSide.entityIds.length <= toSide.entityIds.length ? [fromSide, toSide] : [toSide, fromSide];
    // One side has run out of entities to reach: the two ends are not connected.
    if (side.entityIds.length === 0) return [];

    const rows = await findRelationsTouching(db, side.entityIds, [fromId, toId], kinds, budget + 1);
    if (rows.length > budget) throw new PathSearchTooBroadError(maxRelationsRead);
    budget -= rows.length;
    for (const row of rows) relations.set(row.id, row);

    const reached = growFrontier(side, rows);
    // The first level at which the searches meet gives the shortest length; every entity met at it
    // is at the other side's current depth, since a nearer one would have met at an earlier level.
    const meeting = reached.filter((entityId) => other.distance.has(entityId));
    if (meeting.length > 0) return listPaths(fromSide, toSide, meeting, relations, fromId, toId, limit);
  }
  return [];
}

/**
 * Curated relations with either end among `entityIds` whose ends are each listed (curated, not merged
 * away) or one of `searchEnds`; PostgreSQL ORs the subject and object indexes for it.
 */
function findRelationsTouching(
  db: Kysely<Database>,
  entityIds: readonly number[],
  searchEnds: readonly number[],
  kinds: readonly RelationKind[] | null,
  rowLimit: number,
): Promise<RelationRow[]> {
  const passable = (end: 'subject_id' | 'object_id') =>
    sql<boolean>`(${sql.ref(`relations.${end}`)} in (${sql.join(searchEnds)}) or exists (
      select 1 from entities where entities.id = ${sql.ref(`relations.${end}`)} and ${entityVisible('entities')}))`;
  return db
    .selectFrom('relations')
    .selectAll()
    .where((eb) => eb.or([eb('subject_id', 'in', entityIds), eb('object_id', 'in', entityIds)]))
    .where(statusVisible('relations'))
    .where(passable('subject_id'))
    .where(passable('object_id'))
    .$if(kinds !== null, (q) => q.where('kind', 'in', kinds!))
    .limit(rowLimit)
    .execute();
}

/** Moves `side` one level out along `rows`; returns the entities first reached at the new level. */
function growFrontier(side: Frontier, rows: readonly RelationRow[]): number[] {
  const current = new Set(side.entityIds);
  const depth = side.depth + 1;
  const reached: number[] = [];
  for (const row of rows) {
    for (const [here, there] of [[row.subject_id, row.object_id], [row.object_id, row.subject_id]] as const) {
      if (!current.has(here)) continue;
      const known = side.distance.get(there);
      if (known === undefined) {
        side.distance.set(there, depth);
        side.parents.set(there, []);
        reached.push(there);
      } else if (known !== depth) {
        continue; // reached earlier by a shorter chain, or a link within the current level
      }
      side.parents.get(there)!.push({ relationId: row.id, entityId: here });
    }
  }
  side.depth = depth;
  side.entityIds = reached;
  return reached;
}

/**
 * Rebuilds the shortest paths through the `meeting` entities as links pointing toward `toId`, then
 * walks them from `fromId` taking lower relation ids first, so paths come out in order and the walk
 * stops after `limit` without listing the rest. Every link kept leads on to `toId`: no dead ends.
 */
function listPaths(
  fromSide: Frontier,
  toSide: Frontier,
  meeting: readonly number[],
  relations: ReadonlyMap<number, RelationRow>,
  fromId: number,
  toId: number,
  limit: number,
): Path[] {
  const next = new Map<number, Link[]>();
  const addLink = (entityId: number, link: Link) => {
    const links = next.get(entityId);
    if (links) links.push(link);
    else next.set(entityId, [link]);
  };
  // From the meeting entities back toward the start: each parent link, turned round.
  walkParents(fromSide, meeting, (entityId, parent) => addLink(parent.entityId, { relationId: parent.relationId, entityId }));
  // From the meeting entities on toward the end: the end's search has parents pointing that way already.
  walkParents(toSide, meeting, (entityId, parent) => addLink(entityId, parent));
  for (const links of next.values()) links.sort((a, b) => a.relationId - b.relationId);

  const paths: Path[] = [];
  const walk = (entityIds: number[], steps: PathStep[]) => {
    const here = entityIds[entityIds.length - 1]!;
    if (here === toId) {
      paths.push({ entityIds, steps });
      return;
    }
    for (const link of next.get(here) ?? []) {
      if (paths.length >= limit) return;
      const relation = relations.get(link.relationId)!;
      const step = { relation, fromId: here, toId: link.entityId, forward: relation.subject_id === here };
      walk([...entityIds, link.entityId], [...steps, step]);
    }
  };
  walk([fromId], []);
  return paths;
}

/** Calls `visit` once for every parent link of the entities at or behind `start` in `side`. */
function walkParents(side: Frontier, start: readonly number[], visit: (entityId: number, parent: Link) => void): void {
  const seen = new Set(start);
  const queue = [...start];
  for (let i = 0; i < queue.length; i += 1) {
    const entityId = queue[i]!;
    for (const parent of side.parents.get(entityId) ?? []) {
      visit(entityId, parent);
      if (!seen.has(parent.entityId)) {
        seen.add(parent.entityId);
        queue.push(parent.entityId);
      }
    }
  }
}
