// Entity: a company, terminal, port, city, country, person... with its aliases; entity lookups.
import type { GraphQLResolveInfo } from 'graphql';
import { sql, type RawBuilder } from 'kysely';
import { builder, globalIdOf } from '../builder.ts';
import type { Context } from '../context.ts';
import type { AsOf } from '../db/scope.ts';
import { findAliasesByEntityIds, findEntitiesByIds, findEntityBySlug, pageEntities } from '../db/entities.ts';
import { findMergedIdsBySurvivorIds } from '../db/merges.ts';
import { emptyPage } from '../db/paging.ts';
import type { EntityRow } from '../db/types.ts';
import { normalizeName, type EntityStatus } from '../domain/vocabulary.ts';
import { toConnection, toPageRequest } from './connection.ts';
import { EntityKindEnum, EntityStatusEnum } from './enums.ts';
import { groupByKey } from './group.ts';
import { parseNumericId } from './ids.ts';
import { scoped, type Scoped } from './scope.ts';
import { checkSearchLength, MAX_SEARCH_LENGTH } from './search-terms.ts';

export const EntityNode = builder.loadableNodeRef<Scoped<EntityRow>, number, number>('Entity', {
  id: { resolve: (entity) => entity.id, parse: parseNumericId },
  // In the order of the ids, since an ID merged away loads its survivor, whose own id differs; null
  // where there is no entity, as the plugin's own sorting gives (its type leaves null out).
  load: async (ids: number[], context) => (await findEntitiesByIds(context.db, ids)) as Array<Scoped<EntityRow>>,
});

EntityNode.implement({
  description: 'A named thing the articles speak of: a company, terminal, port, city, country, person, route...',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable, readable identifier, e.g. "kazakhstan-xian-terminal".' }),
    name: t.exposeString('name', { description: 'Canonical name.' }),
    kind: t.field({ type: EntityKindEnum, description: 'What sort of thing this is.', resolve: (e) => e.kind as never }),
    description: t.exposeString('description', { nullable: true, description: 'A short description drawn from the articles.' }),
    status: t.field({
      type: EntityStatusEnum,
      description: 'Curation state: lists show CURATED entities unless asked for another state.',
      resolve: (e) => e.status as never,
    }),
    aliases: t.loadableList({
      type: 'String',
      description: 'Other names and spellings the articles use for this entity (the canonical name excluded).',
      load: async (ids: number[], context) => {
        const rows = await findAliasesByEntityIds(context.db, ids);
        return groupByKey(ids, rows, (row) => row.entity_id).map((group) => group.map((row) => row.alias));
      },
      resolve: (entity) => entity.id,
    }),
    mergedIds: t.loadableList({
      type: 'ID',
      description:
        'The global IDs of the entities merged into this one (directly, or through an entity merged into it); ' +
        'each of them, and its slug, now leads here.',
      load: async (ids: number[], context) => {
        const rows = await findMergedIdsBySurvivorIds(context.db, ids);
        return groupByKey(ids, rows, (row) => row.survivor_id).map((group) => group.map((row) => globalIdOf('Entity', row.merged_id)));
      },
      resolve: (entity) => entity.id,
    }),
  }),
});

/**
 * The entity with this id, seen as of a date: its claims and relations below then hide what was
 * published later. Loaded through the batched entity loader.
 */
export async function scopedEntity(context: Context, id: number, asOf: AsOf | undefined): Promise<Scoped<EntityRow> | number> {
  if (!asOf) return id;
  return scoped(await EntityNode.getDataloader(context).load(id), asOf);
}

/**
 * scopedEntity for an entity the parent's statement may have read already (see db/joined.ts): that
 * row when it is the entity with this id and not merged away (a merged id loads its survivor).
 */
export function scopedJoinedEntity(
  context: Context,
  joined: EntityRow | null | undefined,
  id: number,
  asOf: AsOf | undefined,
): Scoped<EntityRow> | Promise<Scoped<EntityRow> | number> {
  if (joined?.id === id && joined.merged_into === null) return scoped(joined, asOf);
  return scopedEntity(context, id, asOf);
}

/**
 * A read planned into the statement of a list of entities: a column worked out for each entity on
 * the page (given its id there), read into the entity's row under `name`. The modules that own such
 * fields register their planners (relation.ts: Entity.relations), so this one needs not import them.
 */
export interface EntityColumnPlan {
  name: string;
  column: (entityId: RawBuilder<unknown>) => RawBuilder<unknown>;
  read: (json: unknown) => unknown;
}
type EntityColumnPlanner = (context: Context, info: GraphQLResolveInfo, asOf: AsOf, ...path: string[]) => Promise<EntityColumnPlan | null>;
const entityColumnPlanners: EntityColumnPlanner[] = [];

export function planWithEntityLists(planner: EntityColumnPlanner): void {
  entityColumnPlanners.push(planner);
}

async function planEntityColumns(context: Context, info: GraphQLResolveInfo, ...path: string[]) {
  const plans = (await Promise.all(entityColumnPlanners.map((plan) => plan(context, info, null, ...path)))).filter((plan) => plan !== null);
  if (plans.length === 0) return null;
  return {
    columns: (alias: string) => plans.map((plan) => plan.column(sql.ref(`${alias}.id`)).as(plan.name)),
    read: (row: Record<string, unknown>) => {
      for (const plan of plans) row[plan.name] = plan.read(row[plan.name]);
    },
  };
}

export const EntityConnection = builder.connectionObject(
  { type: EntityNode, name: 'EntityConnection' },
  {
    name: 'EntityEdge',
    fields: (t) => ({
      score: t.float({
        nullable: true,
        description: 'How well the entity matches the search, from 0 to 1 (1: an exact name or alias); null when not searching.',
        resolve: (edge) => (edge as unknown as { score?: number | null }).score ?? null,
      }),
    }),
  },
);

builder.queryFields((t) => ({
  entity: t.field({
    type: EntityNode,
    nullable: true,
    description: 'The entity with this slug, or null when there is none (or, with asOf, none known by then).',
    args: {
      slug: t.arg.string({ required: true, description: 'The entity\'s slug, e.g. "kazakhstan-xian-terminal".' }),
      asOf: t.arg({
        type: 'Date',
        description: 'See the entity as of this date: null if nothing about it was published by then; its claims and relations hide later ones. An undated article counts as published on the day it was collected (collectedAt), the latest day it can have been.',
      }),
    },
    resolve: async (_root, { slug, asOf }, context) => {
      const entity = await findEntityBySlug(context.db, slug, asOf ?? null);
      return entity ? scoped(entity, asOf) : null;
    },
  }),
  entities: t.field({
    type: EntityConnection,
    description: 'Entities, filtered by kind and by a name or alias search.',
    args: {
      ...t.arg.connectionArgs(),
      kind: t.arg({ type: EntityKindEnum, description: 'Only entities of this kind.' }),
      status: t.arg({
        type: EntityStatusEnum,
        description: 'Only entities in this curation state (default CURATED: candidates and rejected ones are hidden unless asked for).',
      }),
      search: t.arg.string({
        description:
          'Matches names and aliases ignoring case, accents and punctuation, tolerating typos and spelling variants ' +
          `("Horgos", "Almati", "Urumchi"); best match first. Blank means no search. At most ${MAX_SEARCH_LENGTH} characters.`,
      }),
    },
    resolve: async (_root, args, context, info) => {
      const request = toPageRequest(args, info);
      const search = args.search?.trim() ? normalizeName(checkSearchLength('search', args.search)) : null;
      // Something typed that holds no letter or digit ("!!!") matches nothing.
      if (search === '') return toConnection(emptyPage<EntityRow>());
      const status = (args.status ?? null) as EntityStatus | null;
      const planned = await planEntityColumns(context, info, 'edges', 'node');
      const page = await pageEntities(context.db, { kind: args.kind ?? null, search, status }, request, planned?.columns);
      if (planned) for (const { row } of page.rows) planned.read(row as unknown as Record<string, unknown>);
      return toConnection(page, (row) => ({ node: row, score: row.score ?? null }));
    },
  }),
}));
