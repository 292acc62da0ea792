// Relation: a stated link between two entities (operates-terminal, sister-city-of, ...), and walks over them.
import type { GraphQLResolveInfo } from 'graphql';
import type { RawBuilder } from 'kysely';
import { pathDataloaderGetter } from '@pothos/plugin-dataloader';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { findCitationsByTargetIds } from '../db/citations.ts';
import { findEntityBySlug } from '../db/entities.ts';
import {
  findRelationConflicts, findRelationsByIds, firstRelationsPageJson, pageRelations, pageRelationsByEntityIds,
  type EntityRelationFilter, type EntityRelationRow, type RelationEnds,
} from '../db/relations.ts';
import type { Page } from '../db/paging.ts';
import type { AsOf } from '../db/scope.ts';
import type { EntityRow, RelationRow } from '../db/types.ts';
import { planEntityClaims } from './claim.ts';
import { FUNCTIONAL_RELATION_KINDS, SYMMETRIC_RELATION_KINDS, type RelationKind } from '../domain/vocabulary.ts';
import { CitationNode } from './citation.ts';
import { toConnection, toPageRequest, type Connection, type ConnectionArgs } from './connection.ts';
import { EntityNode, planWithEntityLists, scopedJoinedEntity } from './entity.ts';
import { RelationDirectionEnum, RelationKindEnum, StatusEnum } from './enums.ts';
import type { Status } from '../domain/vocabulary.ts';
import { parseNumericId } from './ids.ts';
import { plannableEntityField, prefetchedConnection, type PrefetchedPage } from './planned-pages.ts';
import { loadScoped, loadScopedConnections, scoped, scopeKey, type Scoped } from './scope.ts';
import { selects } from './selection.ts';
import { clientError } from '../errors.ts';

/** A relation; read through Entity.relations, it may come with its end entities (see db/joined.ts). */
type RelationShape = Scoped<RelationRow & { subject_entity?: EntityRow; object_entity?: EntityRow }>;

export const RelationNode = builder.loadableNodeRef<RelationShape, number, number>('Relation', {
  id: { resolve: (relation) => relation.id, parse: parseNumericId },
  load: (ids: number[], context) => findRelationsByIds(context.db, ids),
  sort: (relation) => relation.id,
});

const RelationPeriod = builder.objectRef<RelationRow>('RelationPeriod').implement({
  description:
    'When a relation holds, as the text states or implies it ("in 2024", "now" in an article of 2025-02-21). Dates are null when ' +
    'the text gives no time or the article\'s date is needed and missing; lasting facts (a city in a region) have no period.',
  fields: (t) => ({
    start: t.field({ type: 'Date', nullable: true, description: 'First day covered (inclusive).', resolve: (r) => r.period_start }),
    end: t.field({ type: 'Date', nullable: true, description: 'Last day covered (inclusive).', resolve: (r) => r.period_end }),
    text: t.exposeString('period_text', {
      nullable: true,
      description: 'The period in the article\'s own words; null when the text has none or several articles give different ones.',
    }),
    resolved: t.boolean({
      description: 'Whether start and end are known.',
      resolve: (r) => r.period_start !== null && r.period_end !== null,
    }),
  }),
});

/** Relation lists filter by period as claim lists do. */
function checkPeriodArgs(args: { periodFrom?: string | null; periodTo?: string | null }): void {
  if (args.periodFrom && args.periodTo && args.periodFrom > args.periodTo) {
    throw clientError(`"periodFrom" (${args.periodFrom}) is after "periodTo" (${args.periodTo})`);
  }
}

const PERIOD_FROM_ARG = 'Only relations whose period ends on or after this date (unresolved periods excluded).';
const PERIOD_TO_ARG = 'Only relations whose period starts on or before this date (unresolved periods excluded).';

RelationNode.implement({
  description: 'A link between two entities that an article states, e.g. a company operates a terminal.',
  fields: (t) => ({
    kind: t.field({ type: RelationKindEnum, description: 'What the relation states.', resolve: (r) => r.kind as never }),
    symmetric: t.boolean({
      description: 'True when the relation reads the same both ways (e.g. sister cities); subject and object are then interchangeable.',
      resolve: (r) => SYMMETRIC_RELATION_KINDS.has(r.kind as RelationKind),
    }),
    subject: t.field({
      type: EntityNode,
      description: 'The entity the relation starts from.',
      resolve: (r, _args, context) => scopedJoinedEntity(context, r.subject_entity, r.subject_id, r.as_of),
    }),
    object: t.field({
      type: EntityNode,
      description: 'The entity the relation points to.',
      resolve: (r, _args, context) => scopedJoinedEntity(context, r.object_entity, r.object_id, r.as_of),
    }),
    detail: t.exposeString('detail', {
      nullable: true,
      description: 'A qualifier in the article\'s words: a person\'s role, when a plan is due, the kind of partnership.',
    }),
    status: t.field({ type: StatusEnum, description: 'Curation state.', resolve: (r) => r.status as never }),
    period: t.field({ type: RelationPeriod, description: 'When the relation holds, as the articles state or imply it.', resolve: (r) => r }),
    conflicts: t.loadableList({
      type: RelationNode,
      description:
        'For a kind that allows one partner at a time (LARGEST_TRADING_PARTNER_OF: one per country; BRANCH_OF: one company per ' +
        'branch): the other relations of its kind that give the same entity another partner for an overlapping period (or, both ' +
        'unresolved, the same words). Empty for every other kind.',
      load: (keys: string[], context) =>
        loadScoped(
          keys,
          async (ids, asOf) => (await findRelationConflicts(context.db, ids, asOf)).map((rival) => scoped(rival, asOf)),
          (rival) => rival.conflicting_with,
        ),
      resolve: (relation) => scopeKey(relation.id, relation.as_of),
    }),
    functional: t.boolean({
      description: 'True for kinds that allow one partner at a time on one side (see conflicts).',
      resolve: (r) => FUNCTIONAL_RELATION_KINDS.has(r.kind as RelationKind),
    }),
    citations: t.loadableList({
      type: CitationNode,
      description: 'Every place an article states this relation (with asOf: those published by then).',
      byPath: true,
      load: (keys: string[], context, _args, info) => {
        const withArticle = selects(info, 'article');
        return loadScoped(keys, (ids, asOf) => findCitationsByTargetIds(context.db, 'relation_id', ids, asOf, { withArticle }), (c) => c.relation_id!);
      },
      resolve: (relation) => scopeKey(relation.id, relation.as_of),
    }),
  }),
});

export const RelationConnection = builder.connectionObject({ type: RelationNode, name: 'RelationConnection' });

const RELATION_STATUS_ARG =
  'Only relations in this curation state (default CURATED: candidate, rejected and retracted relations are hidden unless asked for).';

interface EntityRelationEdge {
  node: Scoped<EntityRelationRow>;
}

const EntityRelationConnection = builder.connectionObject(
  { type: RelationNode, name: 'EntityRelationConnection' },
  {
    name: 'EntityRelationEdge',
    fields: (t) => ({
      neighbor: t.field({
        type: EntityNode,
        description: 'The entity at the other end of the relation.',
        resolve: (edge, _args, context) => {
          const { node } = edge as unknown as EntityRelationEdge;
          const end = node.neighbor_id === node.subject_id ? node.subject_entity : node.object_entity;
          return scopedJoinedEntity(context, end, node.neighbor_id, node.as_of);
        },
      }),
      direction: t.field({
        type: RelationDirectionEnum,
        description: 'OUTGOING when the entity is the relation\'s subject, INCOMING when it is its object.',
        resolve: (edge) => {
          const { node } = edge as unknown as EntityRelationEdge;
          return node.subject_id === node.from_id ? 'outgoing' : 'incoming';
        },
      }),
    }),
  },
);

type EntityRelationsArgs = ConnectionArgs & {
  kind?: string | null;
  direction?: string | null;
  asOf?: string | null;
  status?: string | null;
  periodFrom?: string | null;
  periodTo?: string | null;
};

function toEntityRelationFilter(args: EntityRelationsArgs, asOf: AsOf): EntityRelationFilter {
  checkPeriodArgs(args);
  return {
    kind: (args.kind ?? null) as RelationKind | null,
    direction: (args.direction ?? 'both') as EntityRelationFilter['direction'],
    status: (args.status ?? null) as Status | null,
    asOf,
    periodFrom: args.periodFrom ?? null,
    periodTo: args.periodTo ?? null,
  };
}

/**
 * Which ends of the relations to read along with them, and the first page of claims of each end
 * when the query asks for it in a way that allows it (planEntityClaims). `info` is the relations
 * field's (or one with its field node, for a planned read).
 */
async function plannedEnds(context: Context, info: GraphQLResolveInfo, asOf: AsOf) {
  const neighbor = selects(info, 'edges', 'neighbor');
  const subject = neighbor || selects(info, 'edges', 'node', 'subject');
  const object = neighbor || selects(info, 'edges', 'node', 'object');
  const [subjectClaims, objectClaims] = await Promise.all([
    subject ? planEntityClaims(context, info, asOf, 'edges', 'node', 'subject') : null,
    object ? planEntityClaims(context, info, asOf, 'edges', 'node', 'object') : null,
  ]);
  const ends: RelationEnds = { subject, object, subjectClaims: subjectClaims?.column ?? null, objectClaims: objectClaims?.column ?? null };
  /** Turns the ends' claims columns, read into their rows, into what Entity.claims answers from. */
  const readClaims = (found: Page<EntityRelationRow>) => {
    if (!subjectClaims && !objectClaims) return found;
    type WithClaims = { _claims?: unknown };
    for (const { row } of found.rows) {
      const subjectRow = row.subject_entity as WithClaims | undefined;
      const objectRow = row.object_entity as WithClaims | undefined;
      if (subjectClaims && subjectRow) subjectRow._claims = subjectClaims.read(subjectRow._claims);
      if (objectClaims && objectRow) objectRow._claims = objectClaims.read(objectRow._claims);
    }
    return found;
  };
  return { ends, readClaims };
}

/** Relations of entities as the Entity.relations field asks for them, one page per key ("id|asOf"). */
const entityRelationsLoader = pathDataloaderGetter<string, Connection<Scoped<EntityRelationRow>>, string, EntityRelationsArgs>(
  undefined,
  async (keys, untypedContext, args, info) => {
    // The plugin's own type for the context is the schema's before builder types apply.
    const context = untypedContext as Context;
    const page = toPageRequest(args, info);
    return loadScopedConnections(keys, async (ids, asOf) => {
      const filter = toEntityRelationFilter(args, asOf);
      const { ends, readClaims } = await plannedEnds(context, info, asOf);
      const pages = await pageRelationsByEntityIds(context.db, ids, filter, page, ends);
      for (const found of pages.values()) readClaims(found);
      return pages;
    });
  },
  undefined,
  undefined,
  true,
);

/**
 * Plans the relations field below the entities a statement reads (`path` from the field being
 * resolved to them, e.g. edges.node) when plannableEntityField allows it; their ends and the ends'
 * claims come along as Entity.relations would read them. Null otherwise: the field loads as usual.
 */
export async function planEntityRelations(
  context: Context,
  info: GraphQLResolveInfo,
  asOf: AsOf,
  ...path: string[]
): Promise<{ column: (entityId: RawBuilder<unknown>) => RawBuilder<unknown>; read: (json: unknown) => PrefetchedPage<EntityRelationRow> } | null> {
  const planned = plannableEntityField<EntityRelationsArgs>(info, 'relations', asOf, path);
  if (!planned) return null;
  let filter: EntityRelationFilter;
  try {
    filter = toEntityRelationFilter(planned.args, planned.asOf);
  } catch {
    return null;
  }
  const { ends, readClaims } = await plannedEnds(context, planned.fieldInfo, planned.asOf);
  const relations = firstRelationsPageJson(context.db, filter, planned.size, ends, planned.cursors);
  return {
    column: relations.column,
    read: (json) => ({ field: planned.field, asOf: planned.asOf, page: readClaims(relations.read(json)) }),
  };
}

planWithEntityLists(async (context, info, asOf, ...path) => {
  const plan = await planEntityRelations(context, info, asOf, ...path);
  return plan && { name: '_relations', ...plan };
});

builder.objectField(EntityNode, 'relations', (t) =>
  t.field({
    type: EntityRelationConnection,
    description: 'Relations this entity takes part in. Symmetric kinds (SISTER_CITY_OF...) show from both sides.',
    args: {
      ...t.arg.connectionArgs(),
      kind: t.arg({ type: RelationKindEnum, description: 'Only relations of this kind.' }),
      direction: t.arg({
        type: RelationDirectionEnum,
        defaultValue: 'both',
        description: 'Which end the entity must be at (default BOTH).',
      }),
      asOf: t.arg({ type: 'Date', description: 'Only relations published on or before this date. An undated article counts as published on the day it was collected (collectedAt), the latest day it can have been.' }),
      status: t.arg({ type: StatusEnum, description: RELATION_STATUS_ARG }),
      periodFrom: t.arg({ type: 'Date', description: PERIOD_FROM_ARG }),
      periodTo: t.arg({ type: 'Date', description: PERIOD_TO_ARG }),
    },
    // Read with the entity when its statement planned it (planEntityRelations), else batched by path.
    resolve: (entity: Scoped<EntityRow> & { _relations?: PrefetchedPage<EntityRelationRow> }, args, context, info) => {
      const asOf = args.asOf ?? entity.as_of ?? null;
      return prefetchedConnection(entity._relations, info, asOf) ?? entityRelationsLoader(args as EntityRelationsArgs, context, info).load(scopeKey(entity.id, asOf));
    },
  }),
);

builder.queryField('relations', (t) =>
  t.field({
    type: RelationConnection,
    description: 'All relations, filtered by kind and by the slugs of their ends.',
    args: {
      ...t.arg.connectionArgs(),
      kind: t.arg({ type: RelationKindEnum, description: 'Only relations of this kind.' }),
      subject: t.arg.string({ description: 'Slug of the subject entity.' }),
      object: t.arg.string({ description: 'Slug of the object entity.' }),
      asOf: t.arg({ type: 'Date', description: 'Only relations published on or before this date. An undated article counts as published on the day it was collected (collectedAt), the latest day it can have been.' }),
      status: t.arg({ type: StatusEnum, description: RELATION_STATUS_ARG }),
      periodFrom: t.arg({ type: 'Date', description: PERIOD_FROM_ARG }),
      periodTo: t.arg({ type: 'Date', description: PERIOD_TO_ARG }),
    },
    resolve: async (_root, args, context, info) => {
      checkPeriodArgs(args);
      const [subject, object] = await Promise.all([
        args.subject ? findEntityBySlug(context.db, args.subject) : null,
        args.object ? findEntityBySlug(context.db, args.object) : null,
      ]);
      const page = toPageRequest(args, info);
      if (args.subject && !subject) throw clientError(`"subject": no entity has the slug "${args.subject}"`);
      if (args.object && !object) throw clientError(`"object": no entity has the slug "${args.object}"`);
      const asOf = args.asOf ?? null;
      const filter = {
        kind: (args.kind ?? null) as RelationKind | null,
        subjectId: subject?.id ?? null,
        objectId: object?.id ?? null,
        status: (args.status ?? null) as Status | null,
        asOf,
        periodFrom: args.periodFrom ?? null,
        periodTo: args.periodTo ?? null,
      };
      return toConnection(await pageRelations(context.db, filter, page), (row) => ({ node: scoped(row, asOf) }));
    },
  }),
);
