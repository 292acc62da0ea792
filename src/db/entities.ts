// Queries about entities and their aliases.
import { sql, type Kysely } from 'kysely';
import type { EntityKind, EntityStatus } from '../domain/vocabulary.ts';
import { anyId } from './id-list.ts';
import { articleEntityMentions } from './mentions.ts';
import { findSurvivorsOf } from './merges.ts';
import { idKey, orderKey, type Ordering } from './keyset.ts';
import { fetchPage, fetchPages, fetchWindowPage, type Page, type PageColumns, type PageRequest } from './paging.ts';
import { entityKnownAsOf, type AsOf } from './scope.ts';
import { entityMatches } from './search.ts';
import type { Database, EntityAliasRow, EntityRow } from './types.ts';
import { entityVisible } from './visibility.ts';

/** Every column of an entity, for statements that read one alongside another row (see joined.ts). */
export const ENTITY_COLUMN_NAMES = Object.keys({
  id: true, slug: true, name: true, kind: true, description: true, status: true, merged_into: true,
} satisfies Record<keyof EntityRow, true>) as Array<keyof EntityRow>;

/**
 * The entity each id names, in the order of the ids (null where there is none). An id merged away
 * names its survivor, so old IDs keep working; that costs a second statement only when one is met.
 */
export async function findEntitiesByIds(db: Kysely<Database>, ids: readonly number[]): Promise<Array<EntityRow | null>> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('entities').selectAll().where('entities.id', '=', anyId(ids)).execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const mergedAway = rows.filter((row) => row.merged_into !== null).map((row) => row.id);
  for (const [id, survivor] of await findSurvivorsOf(db, mergedAway)) byId.set(id, survivor);
  return ids.map((id) => byId.get(id) ?? null);
}

/** Slugs are lowercase words joined by hyphens; what a person types ("Khorgos Port", "khorgos_port") is read as one. */
export function canonicalSlug(typed: string): string {
  return typed.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

/**
 * The entity with this slug (as typed: see canonicalSlug); with asOf, only if something about it was
 * published by then. A slug merged away leads to its survivor (seen under the same asOf).
 */
export async function findEntityBySlug(db: Kysely<Database>, slug: string, asOf: AsOf = null): Promise<EntityRow | undefined> {
  let query = db.selectFrom('entities').selectAll().where('slug', '=', canonicalSlug(slug));
  if (asOf) query = query.where((eb) => eb.or([eb('merged_into', 'is not', null), entityKnownAsOf(asOf)]));
  const entity = await query.executeTakeFirst();
  if (entity?.merged_into == null) return entity;
  const [survivor] = await findEntitiesByIds(db, [entity.id]);
  return survivor ? findEntityBySlug(db, survivor.slug, asOf) : undefined;
}

/** The other names of each entity; the canonical name, stored as an alias for search, is left out. */
export async function findAliasesByEntityIds(db: Kysely<Database>, entityIds: readonly number[]): Promise<EntityAliasRow[]> {
  if (entityIds.length === 0) return [];
  return db
    .selectFrom('entity_aliases')
    .innerJoin('entities', 'entities.id', 'entity_aliases.entity_id')
    .selectAll('entity_aliases')
    .where('entity_aliases.entity_id', '=', anyId(entityIds))
    .whereRef('entity_aliases.alias', '<>', 'entities.name')
    .orderBy('entity_aliases.entity_id')
    .orderBy('entity_aliases.alias')
    .execute();
}

export interface EntityFilter {
  kind?: EntityKind | null;
  /** A normalised name (see normalizeName); matches names and aliases. */
  search?: string | null;
  /** Only entities in this state; null: curated ones. Merged-away entities are never listed (see visibility.ts). */
  status?: EntityStatus | null;
}

/** An entity in a list; a search adds its score (0..1) and the name or alias that matched best. */
export type EntityListRow = EntityRow & { score?: number; matched_alias?: string };

/** Entities by name; the id orders namesakes. */
const ENTITIES_BY_NAME: Ordering = { name: 'entities.name', keys: [orderKey(sql`entities.name`, 'text'), idKey(sql`entities.id`)] };

/** Search results: best match first, then by name. */
const ENTITIES_BY_MATCH: Ordering = {
  name: 'entities.match',
  keys: [orderKey(sql`matches.score`, 'float8', 'desc'), orderKey(sql`entities.name`, 'text'), idKey(sql`entities.id`)],
};

/** Entities by name, or, with a search, best match first (see entityMatches for the score). */
/**
 * A page of entities. pageColumns: columns read with each entity on the page (a JSON page of its
 * relations, say), given the name its row is read under.
 */
export async function pageEntities(
  db: Kysely<Database>,
  filter: EntityFilter,
  page: PageRequest,
  pageColumns?: PageColumns,
): Promise<Page<EntityListRow>> {
  if (!filter.search) {
    let query = db.selectFrom('entities').selectAll('entities').where(entityVisible('entities', filter.status));
    if (filter.kind) query = query.where('entities.kind', '=', filter.kind);
    return fetchPage(db, query, { ordering: ENTITIES_BY_NAME, page, ...(pageColumns ? { pageColumns: { table: 'entities', columns: pageColumns } } : {}) });
  }
  let query = db
    .selectFrom('entities')
    .innerJoin(entityMatches(db, filter.search).as('matches'), 'matches.entity_id', 'entities.id')
    .selectAll('entities')
    .select(['matches.score', 'matches.alias as matched_alias'])
    .where(entityVisible('entities', filter.status));
  if (filter.kind) query = query.where('entities.kind', '=', filter.kind);
  return fetchWindowPage(db, query, { ordering: ENTITIES_BY_MATCH, page, ...(pageColumns ? { pageColumns } : {}) });
}

/** Entities an article speaks about (subjects of its cited claims, ends of its cited relations) that lists show. */
export async function pageEntitiesByArticleIds(
  db: Kysely<Database>,
  articleIds: readonly number[],
  page: PageRequest,
): Promise<Map<number, Page<EntityRow>>> {
  if (articleIds.length === 0) return new Map();
  const mentions = articleEntityMentions(db, { articleIds });
  const query = db
    .selectFrom(mentions.as('mentions'))
    .innerJoin('entities', 'entities.id', 'mentions.entity_id')
    .selectAll('entities')
    .where(entityVisible('entities'));
  return fetchPages(db, query, {
    partitionBy: sql<number>`mentions.article_id`,
    ordering: ENTITIES_BY_NAME,
    page,
  });
}
