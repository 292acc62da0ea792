// Queries about relations between entities, in either direction.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { FUNCTIONAL_RELATION_KINDS, SYMMETRIC_RELATION_KINDS, type RelationKind, type Status } from '../domain/vocabulary.ts';
import { ENTITY_COLUMN_NAMES } from './entities.ts';
import { anyId } from './id-list.ts';
import { columnsAs } from './joined.ts';
import { idKey, orderKey, type Ordering } from './keyset.ts';
import { fetchPage, fetchPages, jsonPage, type NestedColumn, type Page, type PageColumns, type PageRequest } from './paging.ts';
import { relationKnownAsOf, type AsOf } from './scope.ts';
import { statusVisible } from './visibility.ts';
import type { Database, EntityRow, RelationRow } from './types.ts';

export async function findRelationsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<RelationRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('relations').selectAll().where('relations.id', '=', anyId(ids)).execute();
}

export interface RelationFilter {
  kind?: RelationKind | null;
  subjectId?: number | null;
  objectId?: number | null;
  /** Only relations in this state; null: curated ones (see visibility.ts). */
  status?: Status | null;
  asOf?: AsOf;
  /** Relations whose resolved period overlaps [periodFrom, periodTo]; unresolved periods never match. */
  periodFrom?: string | null;
  periodTo?: string | null;
}

/** The period filter on `table` (relations or a query with its columns), as claims are filtered. */
function periodOverlaps(table: string, filter: { periodFrom?: string | null; periodTo?: string | null }) {
  return sql<boolean>`${filter.periodFrom ? sql`${sql.ref(`${table}.period_end`)} >= ${filter.periodFrom}` : sql`true`}
    and ${filter.periodTo ? sql`${sql.ref(`${table}.period_start`)} <= ${filter.periodTo}` : sql`true`}`;
}

/** Relations by kind, then id, read from `table` (relations or a query with its columns). */
const relationsByKind = (table: string): Ordering => ({
  name: 'relations.kind',
  keys: [orderKey(sql.ref(`${table}.kind`), 'text'), idKey(sql.ref(`${table}.id`))],
});

export async function pageRelations(db: Kysely<Database>, filter: RelationFilter, page: PageRequest): Promise<Page<RelationRow>> {
  let query = db.selectFrom('relations').selectAll('relations');
  if (filter.kind) query = query.where('relations.kind', '=', filter.kind);
  if (filter.subjectId != null) query = query.where('relations.subject_id', '=', filter.subjectId);
  if (filter.objectId != null) query = query.where('relations.object_id', '=', filter.objectId);
  query = query.where(statusVisible('relations', filter.status));
  if (filter.asOf) query = query.where(relationKnownAsOf(filter.asOf));
  if (filter.periodFrom || filter.periodTo) query = query.where(periodOverlaps('relations', filter));
  return fetchPage(db, query, { ordering: relationsByKind('relations'), page });
}

/** OUTGOING: the entity is the subject; INCOMING: the object; a symmetric relation is both. */
export type RelationDirection = 'outgoing' | 'incoming' | 'both';

export interface EntityRelationRow extends RelationRow {
  /** The entity the relation was reached from. */
  from_id: number;
  /** The entity at the other end. */
  neighbor_id: number;
  /** The subject and object entities, when the statement that read the relation also read them. */
  subject_entity?: EntityRow;
  object_entity?: EntityRow;
}

/** Which ends of each relation to read along with it. */
export interface RelationEnds {
  subject: boolean;
  object: boolean;
  /**
   * A column to read with each end entity read (its first page of claims, say), given the entity's
   * id; it lands in that entity's row as `_claims`. Worked out for the rows on the page only.
   */
  subjectClaims?: ((entityId: RawBuilder<unknown>) => RawBuilder<unknown>) | null;
  objectClaims?: ((entityId: RawBuilder<unknown>) => RawBuilder<unknown>) | null;
}

/** What lists of an entity's relations filter on. */
export interface EntityRelationFilter {
  kind?: RelationKind | null;
  direction: RelationDirection;
  status?: Status | null;
  asOf?: AsOf;
  periodFrom?: string | null;
  periodTo?: string | null;
}

/**
 * The relations of the entities `entity` stands for (an id list, `any(...)`, or one id of an
 * enclosing statement), each with from_id and neighbor_id, filtered, with the ends asked for joined.
 */
function relationsOfEntities(db: Kysely<Database>, entity: RawBuilder<number>, filter: EntityRelationFilter, withEnds: RelationEnds) {
  const symmetric = [...SYMMETRIC_RELATION_KINDS];
  const wantsOutgoing = filter.direction !== 'incoming';
  const wantsIncoming = filter.direction !== 'outgoing';
  // Each side is its own indexed branch (subject_id, object_id), so both use an index scan.
  const asSubject = db
    .selectFrom('relations')
    .selectAll('relations')
    .select(['relations.subject_id as from_id', 'relations.object_id as neighbor_id'])
    .where('relations.subject_id', '=', entity)
    .$if(!wantsOutgoing, (q) => q.where('relations.kind', 'in', symmetric));
  const asObject = db
    .selectFrom('relations')
    .selectAll('relations')
    .select(['relations.object_id as from_id', 'relations.subject_id as neighbor_id'])
    .where('relations.object_id', '=', entity)
    .$if(!wantsIncoming, (q) => q.where('relations.kind', 'in', symmetric));
  let query = db.selectFrom(asSubject.unionAll(asObject).as('ends')).selectAll('ends');
  if (filter.kind) query = query.where('ends.kind', '=', filter.kind);
  query = query.where(statusVisible('ends', filter.status));
  if (filter.asOf) query = query.where(relationKnownAsOf(filter.asOf, 'ends'));
  if (filter.periodFrom || filter.periodTo) query = query.where(periodOverlaps('ends', filter));
  // Each end is one entity per relation: read in this statement rather than by a loader after it.
  // Both ends when asked, so that every end entity is at hand at once and what is loaded below
  // them (their claims...) is loaded in one batch, not one for joined ends and one for loaded ones.
  if (withEnds.subject) {
    query = query
      .innerJoin('entities as subject_entity', 'subject_entity.id', 'ends.subject_id')
      .select(columnsAs('subject_entity', 'subject_entity', ENTITY_COLUMN_NAMES)) as unknown as typeof query;
  }
  if (withEnds.object) {
    query = query
      .innerJoin('entities as object_entity', 'object_entity.id', 'ends.object_id')
      .select(columnsAs('object_entity', 'object_entity', ENTITY_COLUMN_NAMES)) as unknown as typeof query;
  }
  return query;
}

const joinedEnds = (withEnds: RelationEnds) => [...(withEnds.subject ? ['subject_entity'] : []), ...(withEnds.object ? ['object_entity'] : [])];

/** The columns RelationEnds asks to read with each end entity, over the alias the relations are read under. */
function endColumns(withEnds: RelationEnds): PageColumns | undefined {
  if (!withEnds.subjectClaims && !withEnds.objectClaims) return undefined;
  return (alias) => [
    ...(withEnds.subject && withEnds.subjectClaims ? [withEnds.subjectClaims(sql.ref(`${alias}.subject_id`)).as('subject_entity._claims')] : []),
    ...(withEnds.object && withEnds.objectClaims ? [withEnds.objectClaims(sql.ref(`${alias}.object_id`)).as('object_entity._claims')] : []),
  ];
}

export async function pageRelationsByEntityIds(
  db: Kysely<Database>,
  entityIds: readonly number[],
  filter: EntityRelationFilter,
  page: PageRequest,
  withEnds: RelationEnds = { subject: false, object: false },
): Promise<Map<number, Page<EntityRelationRow>>> {
  if (entityIds.length === 0) return new Map();
  const pageColumns = endColumns(withEnds);
  return fetchPages(db, relationsOfEntities(db, anyId(entityIds), filter, withEnds), {
    partitionBy: sql<number>`ends.from_id`,
    ordering: relationsByKind('ends'),
    page,
    joined: joinedEnds(withEnds),
    ...(pageColumns ? { pageColumns } : {}),
  });
}

const RELATION_COLUMN_NAMES = [
  'id', 'kind', 'subject_id', 'object_id', 'detail', 'status', 'period_start', 'period_end', 'period_text',
] as const satisfies ReadonlyArray<keyof RelationRow>;

/**
 * The first `size` relations of one entity (no cursor) as a JSON column of the statement that reads
 * the entity (`column`, given the entity's id there), and its reader.
 */
export function firstRelationsPageJson(
  db: Kysely<Database>,
  filter: EntityRelationFilter,
  size: number,
  withEnds: RelationEnds,
  cursors = true,
): { column: (entityId: RawBuilder<unknown>) => RawBuilder<unknown>; read: (json: unknown) => Page<EntityRelationRow> } {
  const columns = [
    ...RELATION_COLUMN_NAMES,
    'from_id',
    'neighbor_id',
    ...joinedEnds(withEnds).flatMap((end) => ENTITY_COLUMN_NAMES.map((column) => `${end}.${column}`)),
  ];
  const nested: NestedColumn[] = [
    ...(withEnds.subject && withEnds.subjectClaims ? [{ name: 'subject_entity._claims', value: (alias: string) => withEnds.subjectClaims!(sql.ref(`${alias}.subject_id`)) }] : []),
    ...(withEnds.object && withEnds.objectClaims ? [{ name: 'object_entity._claims', value: (alias: string) => withEnds.objectClaims!(sql.ref(`${alias}.object_id`)) }] : []),
  ];
  const pageOf = (entityId: RawBuilder<unknown>) =>
    jsonPage<EntityRelationRow>(relationsOfEntities(db, entityId as RawBuilder<number>, filter, withEnds), {
      ordering: relationsByKind('ends'),
      size,
      columns,
      nested,
      joined: joinedEnds(withEnds),
      cursors,
    });
  const reader = pageOf(sql`null`);
  return { column: (entityId) => pageOf(entityId).column, read: reader.read };
}

const functionalKinds = (end: 'subject' | 'object') =>
  [...FUNCTIONAL_RELATION_KINDS].flatMap(([kind, unique]) => (unique === end ? [kind] : []));

/**
 * Conflicts of each relation of a functional kind (vocabulary.ts): the other visible relations of its
 * kind that give its unique end another partner for an overlapping period (or, both unresolved, the
 * same words): "China is Kazakhstan's largest trading partner" against "Russia is" for the same time.
 */
export async function findRelationConflicts(
  db: Kysely<Database>,
  relationIds: readonly number[],
  asOf: AsOf,
): Promise<Array<RelationRow & { conflicting_with: number }>> {
  const byObject = functionalKinds('object');
  const bySubject = functionalKinds('subject');
  if (relationIds.length === 0) return [];
  const kindIn = (kinds: string[]) => (kinds.length === 0 ? sql`false` : sql`mine.kind in (${sql.join(kinds)})`);
  const result = await sql<RelationRow & { conflicting_with: number }>`
    select rival.*, mine.id as conflicting_with
    from relations as mine
    join relations as rival on rival.kind = mine.kind and rival.id <> mine.id
      and ((${kindIn(byObject)} and rival.object_id = mine.object_id and rival.subject_id <> mine.subject_id)
        or (${kindIn(bySubject)} and rival.subject_id = mine.subject_id and rival.object_id <> mine.object_id))
    where mine.id in (${sql.join(relationIds)})
      and ${statusVisible('rival')}
      and (
        (rival.period_start <= mine.period_end and mine.period_start <= rival.period_end)
        or (rival.period_start is null and rival.period_end is null and mine.period_start is null and mine.period_end is null
            and rival.period_text is not distinct from mine.period_text)
      )
      ${asOf ? sql`and ${relationKnownAsOf(asOf, 'rival')}` : sql``}
    order by mine.id, rival.id`.execute(db);
  return result.rows;
}
