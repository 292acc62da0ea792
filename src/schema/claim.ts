// Claim: a figure an article states (value, unit, hedge, period), the entities it is about, its
// citations and sources, its conflicts; claim lists, metric summaries and time series.
import type { GraphQLResolveInfo } from 'graphql';
import type { RawBuilder } from 'kysely';
import { pathDataloaderGetter } from '@pothos/plugin-dataloader';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { builder } from '../builder.ts';
import { findCitationsByTargetIds, type CitationReadRow } from '../db/citations.ts';
import {
  DEFAULT_CLAIM_ORDER, findClaimsByIds, findConflictCandidates, findSeriesBySubjectIds, findSourcesByClaimIds,
  findSubjectsByClaimIds, metricExists, pageClaims, pageClaimsByArticleIds, pageClaimsBySubjectIds, summarizeMetrics,
  type ClaimFilter, type ClaimOrder, type ClaimOrderField, type ClaimPageExtras, type ClaimPageRow, firstClaimsPageJson,
} from '../db/claims.ts';
import { findEntityBySlug } from '../db/entities.ts';
import { emptyPage } from '../db/paging.ts';
import type { AsOf } from '../db/scope.ts';
import type { ClaimRow, ClaimSubjectRow, EntityRow } from '../db/types.ts';
import { figuresCompatible } from '../domain/figures.ts';
import type { Context } from '../context.ts';
import { MAX_PRODUCT_LENGTH, normalizeProduct, type Hedge, type TradeDirection, type TransportMode } from '../domain/vocabulary.ts';
import { clientError } from '../errors.ts';
import { ArticleNode, articleColumnsFor } from './article.ts';
import { CitationNode } from './citation.ts';
import { toConnection, toPageRequest, type Connection, type ConnectionArgs } from './connection.ts';
import { EntityNode, scopedEntity } from './entity.ts';
import { HedgeEnum, StatusEnum, SubjectRoleEnum, TradeDirectionEnum, TransportModeEnum, UnitEnum } from './enums.ts';
import { parseNumericId } from './ids.ts';
import { plannableEntityField, prefetchedConnection, type PrefetchedPage } from './planned-pages.ts';
import { loadScoped, loadScopedConnections, scoped, scopeKey, type Scoped } from './scope.ts';
import { fieldsAt, selectedFieldNames, selects } from './selection.ts';

type ClaimShape = Scoped<ClaimRow>;

export const ClaimNode = builder.loadableNodeRef<ClaimShape, number, number>('Claim', {
  id: { resolve: (claim) => claim.id, parse: parseNumericId },
  load: (ids: number[], context) => findClaimsByIds(context.db, ids),
  sort: (claim) => claim.id,
});

const ClaimPeriod = builder.objectRef<ClaimRow>('ClaimPeriod').implement({
  description: 'The time a figure refers to. Dates are null when the text does not let them be resolved.',
  fields: (t) => ({
    start: t.field({ type: 'Date', nullable: true, description: 'First day covered (inclusive).', resolve: (c) => c.period_start }),
    end: t.field({ type: 'Date', nullable: true, description: 'Last day covered (inclusive).', resolve: (c) => c.period_end }),
    text: t.exposeString('period_text', {
      nullable: true,
      description: 'The period in the article\'s own words ("2024", "last year", "the first 11 months of this year").',
    }),
    resolved: t.boolean({
      description: 'Whether start and end are known; false when the article\'s date is needed and missing.',
      resolve: (c) => c.period_start !== null && c.period_end !== null,
    }),
  }),
});

const ClaimConversion = builder.objectRef<ClaimRow>('ClaimConversion').implement({
  description: 'The same figure in another unit, as the article states it alongside ("$2.77 billion").',
  fields: (t) => ({
    value: t.float({ description: 'The converted number.', resolve: (c) => c.conversion_value! }),
    unit: t.field({ type: UnitEnum, description: 'Its unit.', resolve: (c) => c.conversion_unit as never }),
    hedge: t.field({ type: HedgeEnum, description: 'Its hedge.', resolve: (c) => c.conversion_hedge as never }),
  }),
});

const ClaimQualifiers = builder.objectRef<ClaimRow>('ClaimQualifiers').implement({
  description:
    'What a figure is about besides its metric and subjects, as Wikidata qualifies a statement. Part of the figure\'s identity: ' +
    'figures with different qualifiers never conflict, and each series point is labelled with its own. Null: not stated or not applicable.',
  fields: (t) => ({
    product: t.string({
      nullable: true,
      description: 'The commodity or product the figure counts, lowercase ("agricultural products", "new energy vehicles and large-scale equipment").',
      resolve: (c) => c.product,
    }),
    direction: t.field({ type: TradeDirectionEnum, nullable: true, description: 'Imports, exports or both.', resolve: (c) => c.direction as never }),
    mode: t.field({ type: TransportModeEnum, nullable: true, description: 'How the goods travel.', resolve: (c) => c.mode as never }),
  }),
});

const ClaimSubject = builder.objectRef<Scoped<ClaimSubjectRow>>('ClaimSubject').implement({
  description: 'An entity a claim is about, and its part in it.',
  fields: (t) => ({
    role: t.field({ type: SubjectRoleEnum, description: 'The part the entity plays.', resolve: (s) => s.role as never }),
    entity: t.field({ type: EntityNode, description: 'The entity.', resolve: (s, _args, context) => scopedEntity(context, s.entity_id, s.as_of) }),
    inferred: t.boolean({
      description:
        'True when no quote of the claim names the entity or clearly refers to it: attaching it is the curator\'s inference ' +
        '(e.g. "the joint cargo terminal in Xi\'an" taken to be the Kazakhstan Xi\'an Terminal). Show it as such.',
      resolve: (s) => s.inferred,
    }),
    note: t.string({ nullable: true, description: 'Why the entity was inferred; null when it is not.', resolve: (s) => s.note }),
  }),
});

/**
 * Claims seen through asOf show only the citations published by then. When the query shows the
 * cited article, it is read in the same statement (`info`: the citations field's).
 */
const claimCitations = (context: Context, info: GraphQLResolveInfo) => {
  const withArticle = selects(info, 'article');
  return (ids: number[], asOf: AsOf) => findCitationsByTargetIds(context.db, 'claim_id', ids, asOf, { withArticle });
};

/** Per request, batched readers of claims' citations: one reading their articles too, one not. */
const claimCitationLoaders = createContextCache((context: Context) => {
  const loaderFor = (withArticle: boolean) =>
    new DataLoader<string, CitationReadRow[]>((keys) =>
      loadScoped(keys, (ids, asOf) => findCitationsByTargetIds(context.db, 'claim_id', ids, asOf, { withArticle }), (c) => c.claim_id!),
    );
  return { withArticle: loaderFor(true), alone: loaderFor(false) };
});

/** The claim columns each field reads; every other field reads the id only (its loads go by id). */
const CLAIM_COLUMNS_OF_FIELD: Readonly<Record<string, readonly string[]>> = {
  key: ['key'],
  metric: ['metric'],
  value: ['value'],
  unit: ['unit'],
  unitText: ['unit_text'],
  hedge: ['hedge'],
  period: ['period_start', 'period_end', 'period_text'],
  qualifiers: ['product', 'direction', 'mode'],
  conversion: ['conversion_value', 'conversion_unit', 'conversion_hedge'],
  status: ['status'],
};

/** The claim columns a read needs for these selected Claim fields (the id is always read). */
function claimColumnsFor(fieldNames: ReadonlySet<string>): string[] {
  return [...fieldNames].flatMap((name) => CLAIM_COLUMNS_OF_FIELD[name] ?? []);
}

/** What a claims page reads along with its claims, from what the query selects below the connection. */
export function claimPageExtras(info: GraphQLResolveInfo): ClaimPageExtras {
  if (!selects(info, 'edges', 'node', 'citations')) return {};
  const articles = fieldsAt(info, 'edges', 'node', 'citations', 'article');
  return { citations: { articleColumns: articles.length === 0 ? null : articleColumnsFor(selectedFieldNames(articles, info)) } };
}

ClaimNode.implement({
  description: 'A figure stated in the articles, e.g. "annual handling capacity of 655,000 TEUs".',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable key of the claim in the curated data.' }),
    metric: t.exposeString('metric', { description: 'What is measured, as a stable key (e.g. annual_handling_capacity).' }),
    value: t.float({
      nullable: true,
      description: 'The number as stated, in `unit`. Null only for DATE claims, whose content is the period.',
      resolve: (c) => c.value,
    }),
    unit: t.field({ type: UnitEnum, description: 'The unit the value is stated in.', resolve: (c) => c.unit as never }),
    unitText: t.string({
      nullable: true,
      description: 'The text\'s own word for the unit when the vocabulary has no name for it (unit OTHER, e.g. "berths"); null for every other unit.',
      resolve: (c) => c.unit_text,
    }),
    hedge: t.field({ type: HedgeEnum, description: 'How the text qualifies the value.', resolve: (c) => c.hedge as never }),
    period: t.field({ type: ClaimPeriod, description: 'The time the figure refers to.', resolve: (c) => c }),
    qualifiers: t.field({ type: ClaimQualifiers, description: 'The product, trade direction and transport mode the figure is about.', resolve: (c) => c }),
    conversion: t.field({
      type: ClaimConversion,
      nullable: true,
      description: 'The figure in another unit when the text gives one alongside, else null.',
      resolve: (c) => (c.conversion_value === null ? null : c),
    }),
    status: t.field({ type: StatusEnum, description: 'Curation state.', resolve: (c) => c.status as never }),
    subjects: t.loadableList({
      type: ClaimSubject,
      description: 'The entities the figure is about.',
      load: (keys: string[], context) =>
        loadScoped(keys, async (ids, asOf) => (await findSubjectsByClaimIds(context.db, ids)).map((s) => scoped(s, asOf)), (s) => s.claim_id),
      resolve: (claim) => scopeKey(claim.id, claim.as_of),
    }),
    citations: t.field({
      type: [CitationNode],
      description: 'Every place an article states this figure (with asOf: those published by then).',
      // Read with the page of claims when the page was asked for them (claimPageExtras), else batched.
      resolve: (claim: Scoped<ClaimPageRow>, _args, context, info) => {
        if (claim._citations !== undefined) return claim._citations;
        const loaders = claimCitationLoaders(context);
        return (selects(info, 'article') ? loaders.withArticle : loaders.alone).load(scopeKey(claim.id, claim.as_of));
      },
    }),
    sources: t.loadableList({
      type: ArticleNode,
      description: 'The distinct articles that state this figure: its corroboration.',
      load: (keys: string[], context) =>
        loadScoped(keys, (ids, asOf) => findSourcesByClaimIds(context.db, ids, asOf), (a) => a.claim_id),
      resolve: (claim) => scopeKey(claim.id, claim.as_of),
    }),
    sourceCount: t.loadable({
      type: 'Int',
      description: 'How many distinct articles state this figure.',
      load: async (keys: string[], context) =>
        (await loadScoped(keys, (ids, asOf) => findSourcesByClaimIds(context.db, ids, asOf), (a) => a.claim_id)).map((l) => l.length),
      resolve: (claim) => scopeKey(claim.id, claim.as_of),
    }),
    conflicts: t.loadableList({
      type: ClaimNode,
      description:
        'Other figures of the same metric, unit and qualifiers about the same entities (in the same roles) for an overlapping ' +
        'period whose values cannot both be true, hedges considered: "more than 43.8 billion" does not conflict with 43.9 billion, ' +
        'and growth of NEV exports does not conflict with growth of agricultural exports.',
      load: (keys: string[], context) =>
        loadScoped(
          keys,
          async (ids, asOf) => {
            const candidates = await findConflictCandidates(context.db, ids, asOf);
            const mine = new Map((await ClaimNode.getDataloader(context).loadMany(ids)).map((c, i) => [ids[i]!, c]));
            return candidates
              .filter((other) => {
                const claim = mine.get(other.conflicting_with);
                if (!claim || claim instanceof Error || claim.value === null || other.value === null) return false;
                return !figuresCompatible(
                  { value: claim.value, hedge: claim.hedge as Hedge },
                  { value: other.value, hedge: other.hedge as Hedge },
                );
              })
              .map((other) => scoped(other, asOf));
          },
          (c) => c.conflicting_with,
        ),
      resolve: (claim) => scopeKey(claim.id, claim.as_of),
    }),
  }),
});

export const ClaimConnection = builder.connectionObject({ type: ClaimNode, name: 'ClaimConnection' });

const ClaimOrderFieldEnum = builder.enumType('ClaimOrderField', {
  description: 'What to order figures by.',
  values: {
    METRIC: { value: 'metric' as const, description: 'Metric key, then period.' },
    VALUE: { value: 'value' as const, description: 'The stated value (DATE claims last).' },
    PERIOD: { value: 'period' as const, description: 'Period start (unresolved periods last).' },
    ARTICLE_DATE: { value: 'article_date' as const, description: 'Date of the first dated article stating it (undated last).' },
  },
});

const OrderDirectionEnum = builder.enumType('OrderDirection', {
  description: 'Ascending or descending.',
  values: { ASC: { value: 'asc' as const, description: 'Smallest or earliest first.' }, DESC: { value: 'desc' as const, description: 'Largest or latest first.' } },
});

/**
 * The qualifier filters, shared by claim lists and series. (Named tradeDirection and transportMode:
 * `direction` is the sort direction of claim lists.)
 */
const qualifierArgs = (t: Parameters<Parameters<typeof builder.args>[0]>[0]) => ({
  product: t.string({ description: 'Only figures about this product (compared case- and space-insensitively, e.g. "agricultural products").' }),
  tradeDirection: t.field({ type: TradeDirectionEnum, description: 'Only figures with this trade direction (BOTH is its own value, not a wildcard).' }),
  transportMode: t.field({ type: TransportModeEnum, description: 'Only figures with this transport mode.' }),
});

interface QualifierArgs {
  product?: string | null;
  tradeDirection?: string | null;
  transportMode?: string | null;
}

/** The qualifier arguments in the form claims store them; a blank or overlong product is a client error. */
function toQualifierFilter(args: QualifierArgs): { product: string | null; direction: TradeDirection | null; mode: TransportMode | null } {
  let product: string | null = null;
  if (args.product !== undefined && args.product !== null) {
    product = normalizeProduct(args.product);
    if (product === '') throw clientError('"product" must not be blank');
    if (Array.from(product).length > MAX_PRODUCT_LENGTH) throw clientError(`"product" is at most ${MAX_PRODUCT_LENGTH} characters`);
  }
  return {
    product,
    direction: (args.tradeDirection ?? null) as TradeDirection | null,
    mode: (args.transportMode ?? null) as TransportMode | null,
  };
}

const claimFilterArgs = builder.args((t) => ({
  metric: t.string({ description: 'Only figures of this metric key (see Query.metrics).' }),
  unit: t.field({ type: UnitEnum, description: 'Only figures stated in this unit.' }),
  hedge: t.field({ type: HedgeEnum, description: 'Only figures with this hedge.' }),
  status: t.field({
    type: StatusEnum,
    description: 'Only figures in this curation state (default CURATED: candidate, rejected and retracted figures are hidden unless asked for).',
  }),
  article: t.id({ description: 'Only figures stated by this article (its global ID).' }),
  periodFrom: t.field({ type: 'Date', description: 'Only figures whose period ends on or after this date (unresolved periods excluded).' }),
  periodTo: t.field({ type: 'Date', description: 'Only figures whose period starts on or before this date (unresolved periods excluded).' }),
  asOf: t.field({ type: 'Date', description: 'Only figures published on or before this date, with the citations published by then. An undated article counts as published on the day it was collected (collectedAt), the latest day it can have been.' }),
  ...qualifierArgs(t),
  orderBy: t.field({ type: ClaimOrderFieldEnum, defaultValue: 'metric', description: 'Sort key (default METRIC).' }),
  direction: t.field({ type: OrderDirectionEnum, defaultValue: 'asc', description: 'Sort direction (default ASC).' }),
}));

interface ClaimFilterArgs extends ConnectionArgs, QualifierArgs {
  metric?: string | null;
  unit?: string | null;
  hedge?: string | null;
  status?: string | null;
  article?: string | null;
  periodFrom?: string | null;
  periodTo?: string | null;
  asOf?: string | null;
  orderBy?: ClaimOrderField | null;
  direction?: 'asc' | 'desc' | null;
}

function decodeArticleId(id: string): number {
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const match = /^Article:(\d+)$/.exec(decoded);
  if (!match) throw clientError(`"article" must be the ID of an Article, got ${JSON.stringify(id)}`, 'INVALID_ID');
  return parseNumericId(match[1]!);
}

/** An unknown metric key is a client error that points to Query.metrics, not an empty list. */
async function checkMetricInUse(context: Context, metric: string): Promise<void> {
  if (!(await metricExists(context.db, metric))) {
    throw clientError(`no figures have the metric "${metric}"; Query.metrics lists the metrics in use`);
  }
}

/** Checks the filter arguments and turns them into a ClaimFilter; bad values are client errors. */
async function toClaimFilter(context: Context, args: ClaimFilterArgs, inheritedAsOf?: AsOf): Promise<ClaimFilter> {
  if (args.periodFrom && args.periodTo && args.periodFrom > args.periodTo) {
    throw clientError(`"periodFrom" (${args.periodFrom}) is after "periodTo" (${args.periodTo})`);
  }
  if (args.metric) await checkMetricInUse(context, args.metric);
  return {
    metric: args.metric ?? null,
    unit: (args.unit ?? null) as ClaimFilter['unit'],
    hedge: (args.hedge ?? null) as ClaimFilter['hedge'],
    status: (args.status ?? null) as ClaimFilter['status'],
    articleId: args.article ? decodeArticleId(args.article) : null,
    periodFrom: args.periodFrom ?? null,
    periodTo: args.periodTo ?? null,
    asOf: args.asOf ?? inheritedAsOf ?? null,
    ...toQualifierFilter(args),
  };
}

const toClaimOrder = (args: ClaimFilterArgs): ClaimOrder => ({
  field: args.orderBy ?? DEFAULT_CLAIM_ORDER.field,
  direction: args.direction ?? DEFAULT_CLAIM_ORDER.direction,
});

type EntityClaimsArgs = ConnectionArgs & ClaimFilterArgs & { includeContained?: boolean | null };

/** Claims of entities as the Entity.claims field asks for them, one page per key ("id|asOf"). */
const entityClaimsLoader = pathDataloaderGetter<string, Connection<Scoped<ClaimRow>>, string, EntityClaimsArgs>(
  undefined,
  async (keys, untypedContext, args, info) => {
    // The plugin's own type for the context is the schema's before builder types apply.
    const context = untypedContext as Context;
    const page = toPageRequest(args, info);
    const order = toClaimOrder(args);
    return loadScopedConnections(keys, async (ids, asOf) => {
      const filter = { ...(await toClaimFilter(context, args, asOf)), includeContained: args.includeContained ?? false };
      return pageClaimsBySubjectIds(context.db, ids, filter, page, order, claimPageExtras(info));
    });
  },
  undefined,
  undefined,
  true,
);

/** What the statement reading some entities selects so that their claims need no statement of their own. */
export interface EntityClaimsPlan {
  /** The JSON column, given the entity's id in that statement. */
  column: (entityId: RawBuilder<unknown>) => RawBuilder<unknown>;
  /** Reads the column's value into what Entity.claims answers from. */
  read: (json: unknown) => PrefetchedPage<ClaimPageRow>;
}

/**
 * Plans the claims field below the entities a statement reads (`path`: from the field being resolved
 * to those entities, e.g. edges.node.object) when plannableEntityField allows it and no contained
 * entities are asked for. Null otherwise: the field then loads as usual.
 */
export async function planEntityClaims(context: Context, info: GraphQLResolveInfo, asOf: AsOf, ...path: string[]): Promise<EntityClaimsPlan | null> {
  const planned = plannableEntityField<EntityClaimsArgs>(info, 'claims', asOf, path);
  if (!planned || planned.args.includeContained) return null;
  const { field, fieldInfo, args, size } = planned;
  let filter: ClaimFilter;
  try {
    filter = await toClaimFilter(context, args, planned.asOf);
  } catch {
    return null;
  }
  const also = {
    ...claimPageExtras(fieldInfo),
    columns: claimColumnsFor(selectedFieldNames(fieldsAt(fieldInfo, 'edges', 'node'), info)),
    cursors: planned.cursors,
  };
  const claims = firstClaimsPageJson(context.db, filter, toClaimOrder(args), size, also);
  return { column: claims.column, read: (json) => ({ field, asOf: planned.asOf, page: claims.read(json) }) };
}

builder.objectField(EntityNode, 'claims', (t) =>
  t.field({
    type: ClaimConnection,
    description: 'Figures about this entity (and, with includeContained, about anything located in it).',
    args: {
      ...t.arg.connectionArgs(),
      ...claimFilterArgs,
      includeContained: t.arg.boolean({
        defaultValue: false,
        description: 'Also figures about entities located in this one, transitively (a city\'s terminals, a country\'s cities...).',
      }),
    },
    // Read with the entity when its statement planned it (planEntityClaims), else batched by path.
    resolve: (entity: Scoped<EntityRow> & { _claims?: PrefetchedPage<ClaimPageRow> }, args, context, info) => {
      const asOf = args.asOf ?? entity.as_of ?? null;
      return prefetchedConnection(entity._claims, info, asOf) ?? entityClaimsLoader(args, context, info).load(scopeKey(entity.id, asOf));
    },
  }),
);

builder.objectField(ArticleNode, 'claims', (t) =>
  t.loadable({
    type: ClaimConnection,
    description: 'Figures this article states.',
    byPath: true,
    args: { ...t.arg.connectionArgs(), ...claimFilterArgs },
    load: async (ids: number[], context, args, info) => {
      const filter = await toClaimFilter(context, args);
      const pages = await pageClaimsByArticleIds(context.db, ids, filter, toPageRequest(args, info), toClaimOrder(args), claimPageExtras(info));
      return ids.map((id) => toConnection(pages.get(id) ?? emptyPage<ClaimRow>(), (row) => ({ node: scoped(row, filter.asOf) })));
    },
    resolve: (article) => article.id,
  }),
);

async function entityIdOfSlug(context: Context, slug: string, argument: string): Promise<number> {
  const entity = await findEntityBySlug(context.db, slug);
  if (!entity) throw clientError(`"${argument}": no entity has the slug "${slug}"`);
  return entity.id;
}

builder.queryField('claims', (t) =>
  t.field({
    type: ClaimConnection,
    description: 'All figures, filtered and ordered.',
    args: {
      ...t.arg.connectionArgs(),
      ...claimFilterArgs,
      subject: t.arg.string({ description: 'Only figures about the entity with this slug.' }),
      includeContained: t.arg.boolean({
        defaultValue: false,
        description: 'With subject: also figures about anything located in it, transitively.',
      }),
    },
    resolve: async (_root, args, context, info) => {
      const filter: ClaimFilter = {
        ...(await toClaimFilter(context, args)),
        subjectId: args.subject ? await entityIdOfSlug(context, args.subject, 'subject') : null,
        includeContained: args.includeContained ?? false,
      };
      const page = await pageClaims(context.db, filter, toPageRequest(args, info), toClaimOrder(args));
      return toConnection(page, (row) => ({ node: scoped(row, filter.asOf) }));
    },
  }),
);

const MetricSummary = builder
  .objectRef<{ metric: string; claim_count: number; units: string[]; subject_count: number }>('MetricSummary')
  .implement({
    description: 'A metric key in use, with how many figures and entities it covers.',
    fields: (t) => ({
      metric: t.exposeString('metric', { description: 'The metric key.' }),
      claimCount: t.exposeInt('claim_count', { description: 'How many figures use it.' }),
      units: t.field({ type: [UnitEnum], description: 'The units its figures are stated in.', resolve: (m) => m.units as never }),
      subjectCount: t.exposeInt('subject_count', { description: 'How many distinct entities its figures are about.' }),
    }),
  });

builder.queryField('metrics', (t) =>
  t.field({
    type: [MetricSummary],
    description: 'The metric keys in use, with counts and units, alphabetically.',
    args: { asOf: t.arg({ type: 'Date', description: 'Count only figures published on or before this date. An undated article counts as published on the day it was collected (collectedAt), the latest day it can have been.' }) },
    resolve: (_root, args, context) => summarizeMetrics(context.db, args.asOf ?? null),
  }),
);

// A series point is the claim itself, seen through the series' asOf.
const SeriesPoint = builder.objectRef<ClaimShape>('SeriesPoint').implement({
  description: 'One figure of a time series: a value for a period, with its hedge and sources. Ready to chart.',
  fields: (t) => ({
    claim: t.field({ type: ClaimNode, description: 'The figure itself.', resolve: (c) => c }),
    value: t.float({ nullable: true, description: 'The value (null for DATE figures).', resolve: (c) => c.value }),
    unit: t.field({ type: UnitEnum, description: 'Its unit.', resolve: (c) => c.unit as never }),
    hedge: t.field({ type: HedgeEnum, description: 'Its hedge.', resolve: (c) => c.hedge as never }),
    start: t.field({ type: 'Date', nullable: true, description: 'Period start, null when unresolved.', resolve: (c) => c.period_start }),
    end: t.field({ type: 'Date', nullable: true, description: 'Period end, null when unresolved.', resolve: (c) => c.period_end }),
    periodText: t.exposeString('period_text', { nullable: true, description: 'The period in the article\'s words.' }),
    qualifiers: t.field({
      type: ClaimQualifiers,
      description: 'The figure\'s qualifiers: the label of its line when a series mixes products, directions or modes (points with different qualifiers are different lines, never rival values).',
      resolve: (c) => c,
    }),
    citations: t.loadableList({
      type: CitationNode,
      description: 'Where the articles state it.',
      byPath: true,
      load: (keys: string[], context, _args, info) => loadScoped(keys, claimCitations(context, info), (c) => c.claim_id!),
      resolve: (claim) => scopeKey(claim.id, claim.as_of),
    }),
  }),
});

const seriesArgs = builder.args((t) => ({
  metric: t.string({ required: true, description: 'The metric key (see Query.metrics).' }),
  asOf: t.field({ type: 'Date', description: 'Only points published on or before this date. An undated article counts as published on the day it was collected (collectedAt), the latest day it can have been.' }),
  includeContained: t.boolean({ defaultValue: false, description: 'Also points about entities located in this one.' }),
  ...qualifierArgs(t),
}));

builder.objectField(EntityNode, 'series', (t) =>
  t.loadableList({
    type: SeriesPoint,
    description:
      'The figures of one metric about this entity in time order (unresolved periods last). Points with different qualifiers ' +
      '(product, direction, mode) belong to different lines: group them by SeriesPoint.qualifiers, or ask for one line with the qualifier arguments.',
    byPath: true,
    args: seriesArgs,
    load: async (keys: string[], context, args) => {
      await checkMetricInUse(context, args.metric);
      return loadScoped(
        keys,
        async (ids, asOf) =>
          (await findSeriesBySubjectIds(context.db, ids, args.metric, {
            asOf, includeContained: args.includeContained ?? false, qualifiers: toQualifierFilter(args),
          }))
            .map((row) => scoped(row, asOf)),
        (row) => row.root_id,
      );
    },
    resolve: (entity, args) => scopeKey(entity.id, args.asOf ?? entity.as_of),
  }),
);

builder.queryField('series', (t) =>
  t.field({
    type: [SeriesPoint],
    description: 'The figures of one metric about one entity in time order: Entity.series by slug (see there for qualifiers).',
    args: { ...seriesArgs, subject: t.arg.string({ required: true, description: 'Slug of the entity.' }) },
    resolve: async (_root, args, context) => {
      await checkMetricInUse(context, args.metric);
      const subjectId = await entityIdOfSlug(context, args.subject, 'subject');
      const asOf = args.asOf ?? null;
      const rows = await findSeriesBySubjectIds(context.db, [subjectId], args.metric, {
        asOf, includeContained: args.includeContained ?? false, qualifiers: toQualifierFilter(args),
      });
      return rows.map((row) => scoped(row, asOf));
    },
  }),
);
