// Queries about claims (figures): filtered, ordered and paged lists, their subjects, sources,
// conflicts and series.
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Hedge, Status, TradeDirection, TransportMode, Unit } from '../domain/vocabulary.ts';
import { ARTICLE_SUMMARY_COLUMNS, type ArticleSummaryRow } from './articles.ts';
import { claimCitationsJson, type CitationReadRow } from './citations.ts';
import { anyId } from './id-list.ts';
import { idKey, orderKey, type Ordering } from './keyset.ts';
import { fetchPage, fetchPages, jsonPage, type Page, type PageRequest } from './paging.ts';
import { articleKnownAsOf, claimKnownAsOf, type AsOf } from './scope.ts';
import { statusVisible } from './visibility.ts';
import type { ClaimRow, ClaimSubjectRow, Database } from './types.ts';

export async function findClaimsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<ClaimRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('claims').selectAll().where('claims.id', '=', anyId(ids)).execute();
}

export async function findSubjectsByClaimIds(db: Kysely<Database>, claimIds: readonly number[]): Promise<ClaimSubjectRow[]> {
  if (claimIds.length === 0) return [];
  return db
    .selectFrom('claim_subjects')
    .selectAll()
    .where('claim_subjects.claim_id', '=', anyId(claimIds))
    .orderBy('claim_id')
    .orderBy('role')
    .orderBy('entity_id')
    .execute();
}

export interface ClaimFilter {
  metric?: string | null;
  unit?: Unit | null;
  hedge?: Hedge | null;
  /** Only claims in this state; null: curated ones (see visibility.ts). */
  status?: Status | null;
  /** Claims about this entity (top-level lists; nested lists take their parent). */
  subjectId?: number | null;
  /** Also claims about anything located in the subject (transitively, through located_in). */
  includeContained?: boolean;
  articleId?: number | null;
  /** Claims whose resolved period overlaps [periodFrom, periodTo]; unresolved periods never match. */
  periodFrom?: string | null;
  periodTo?: string | null;
  asOf?: AsOf;
  /** Only claims with this qualifier (the product in normalizeProduct's form); null: any. */
  product?: string | null;
  direction?: TradeDirection | null;
  mode?: TransportMode | null;
}

export type ClaimOrderField = 'metric' | 'value' | 'period' | 'article_date';
export interface ClaimOrder {
  field: ClaimOrderField;
  direction: 'asc' | 'desc';
}
export const DEFAULT_CLAIM_ORDER: ClaimOrder = { field: 'metric', direction: 'asc' };

/** Adds the filter's conditions to any query that has the claims table in scope. */
function applyClaimFilter<Q extends SelectQueryBuilder<any, any, ClaimRow>>(query: Q, filter: ClaimFilter): Q {
  let q = query as SelectQueryBuilder<Database, 'claims', ClaimRow>;
  if (filter.metric) q = q.where('claims.metric', '=', filter.metric);
  if (filter.unit) q = q.where('claims.unit', '=', filter.unit);
  if (filter.hedge) q = q.where('claims.hedge', '=', filter.hedge);
  q = q.where(statusVisible('claims', filter.status));
  if (filter.periodFrom) q = q.where('claims.period_end', '>=', filter.periodFrom);
  if (filter.periodTo) q = q.where('claims.period_start', '<=', filter.periodTo);
  if (filter.product) q = q.where('claims.product', '=', filter.product);
  if (filter.direction) q = q.where('claims.direction', '=', filter.direction);
  if (filter.mode) q = q.where('claims.mode', '=', filter.mode);
  if (filter.articleId != null) {
    q = q.where(sql<boolean>`exists (select 1 from citations where citations.claim_id = claims.id and citations.article_id = ${filter.articleId})`);
  }
  if (filter.asOf) q = q.where(claimKnownAsOf(filter.asOf));
  return q as unknown as Q;
}

/** The keys of a claim order; the claim id orders ties (and stays ascending either way). */
function claimOrdering(order: ClaimOrder): Ordering {
  const dir = order.direction;
  const id = idKey(sql`claims.id`);
  const name = `claims.${order.field}`;
  switch (order.field) {
    case 'value':
      return { name, keys: [orderKey(sql`claims.value`, 'numeric', dir, 'last'), id] };
    case 'period':
      return {
        name,
        keys: [orderKey(sql`claims.period_start`, 'date', dir, 'last'), orderKey(sql`claims.period_end`, 'date', dir, 'last'), id],
      };
    case 'article_date': {
      // When the figure was first published: the earliest dated article that states it.
      const firstPublished = sql`(select min(articles.published_on) from citations join articles on articles.id = citations.article_id
                  where citations.claim_id = claims.id)`;
      return { name, keys: [orderKey(firstPublished, 'date', dir, 'last'), id] };
    }
    default:
      return { name, keys: [orderKey(sql`claims.metric`, 'text', dir), orderKey(sql`claims.period_start`, 'date', 'asc', 'last'), id] };
  }
}

interface ScopePair {
  root_id: number;
  entity_id: number;
}

/**
 * Each root entity with itself and, when asked, everything located in it (transitively), read in
 * a statement of its own: the planner cannot size a recursive query, and given the pairs as a
 * literal list it looks claims up by index instead of scanning them. UNION (not UNION ALL) drops
 * repeated pairs, so a located_in cycle cannot loop forever.
 */
async function findSubjectScope(db: Kysely<Database>, rootIds: readonly number[], includeContained: boolean): Promise<ScopePair[]> {
  const roots = rootIds.map((id) => ({ root_id: id, entity_id: id }));
  if (!includeContained) return roots;
  const result = await sql<ScopePair>`
    with recursive inside(root_id, entity_id) as (
      select root_id, root_id from unnest(${[...rootIds]}::int[]) as roots(root_id)
      union
      select inside.root_id, relations.subject_id from relations
      join inside on relations.object_id = inside.entity_id
      where relations.kind = 'located_in' and ${statusVisible('relations')}
    ) select * from inside`.execute(db);
  return result.rows;
}

/**
 * The scope pairs as a table expression, two int[] parameters unnested side by side. The planner
 * reads the arrays' lengths, so it still knows how few pairs there are and looks claims up by index.
 */
function scopeTable(pairs: readonly ScopePair[]): RawBuilder<ScopePair> {
  const roots = pairs.map((pair) => pair.root_id);
  const entities = pairs.map((pair) => pair.entity_id);
  return sql`(select * from unnest(${roots}::int[], ${entities}::int[]) as pairs(root_id, entity_id))`;
}

/** Claims about each entity (or anything in it), one page per entity, in one statement. */
export async function pageClaimsBySubjectIds(
  db: Kysely<Database>,
  entityIds: readonly number[],
  filter: ClaimFilter,
  page: PageRequest,
  order: ClaimOrder = DEFAULT_CLAIM_ORDER,
  also: ClaimPageExtras = {},
): Promise<Map<number, Page<ClaimPageRow>>> {
  if (entityIds.length === 0) return new Map();
  const scope = await findSubjectScope(db, entityIds, filter.includeContained ?? false);
  // A claim can name an entity (or two entities of one scope) twice; it is still listed once.
  const about = db
    .selectFrom(scopeTable(scope).as('scope'))
    .innerJoin('claim_subjects', 'claim_subjects.entity_id', 'scope.entity_id')
    .select(['scope.root_id as parent_id', 'claim_subjects.claim_id'])
    .distinct();
  return pageClaimsOfParents(db, about, filter, page, order, also);
}

const CLAIM_COLUMN_NAMES = [
  'id', 'key', 'metric', 'value', 'unit', 'hedge', 'period_start', 'period_end', 'period_text', 'conversion_value', 'conversion_unit',
  'conversion_hedge', 'status', 'unit_text', 'product', 'direction', 'mode',
] as const satisfies ReadonlyArray<keyof ClaimRow>;

/** What a page of claims can read along with its rows, so the fields below need no statement of their own. */
export interface ClaimPageExtras {
  /** Only these claim columns (and the id), for a page read as JSON (firstClaimsPageJson); all when absent. */
  columns?: readonly string[] | null;
  /** Whether a page read as JSON needs its items' cursors (absent: it does). */
  cursors?: boolean;
  /** Each claim's citations (with these columns of their articles; none when null), as `_citations` (see claimCitationsJson). */
  citations?: { articleColumns: readonly string[] | null } | null;
}

/** A claim read by a page, with what ClaimPageExtras asked for: `_citations` read into citation rows. */
export type ClaimPageRow = ClaimRow & { _citations?: CitationReadRow[] };

/** The citations column ClaimPageExtras asks for, if any. */
function citationsColumn(filter: ClaimFilter, also: ClaimPageExtras) {
  return also.citations ? claimCitationsJson(filter.asOf ?? null, also.citations.articleColumns) : null;
}

/**
 * The first `size` claims about one entity (no cursor, no contained entities) as a JSON column of the
 * statement that reads the entity (`column`, given the entity's id there), and its reader.
 */
export function firstClaimsPageJson(
  db: Kysely<Database>,
  filter: ClaimFilter,
  order: ClaimOrder,
  size: number,
  also: ClaimPageExtras = {},
): { column: (entityId: RawBuilder<unknown>) => RawBuilder<unknown>; read: (json: unknown) => Page<ClaimPageRow> } {
  // The id always, and of the rest only the columns asked for (all when not said).
  const columns = also.columns ? CLAIM_COLUMN_NAMES.filter((column) => column === 'id' || also.columns!.includes(column)) : CLAIM_COLUMN_NAMES;
  const citations = citationsColumn(filter, also);
  const nested = citations ? [{ name: '_citations', value: (alias: string) => citations.column(sql.ref(`${alias}.id`)), read: citations.read }] : [];
  const pageOf = (entityId: RawBuilder<unknown>) => {
    const about = sql<boolean>`claims.id in (select claim_subjects.claim_id from claim_subjects where claim_subjects.entity_id = ${entityId})`;
    const query = applyClaimFilter(db.selectFrom('claims').select(columns.map((column) => `claims.${column}` as const)).where(about) as never, filter);
    return jsonPage<ClaimPageRow>(query as SelectQueryBuilder<any, any, any>, { ordering: claimOrdering(order), size, columns, nested, cursors: also.cursors ?? true });
  };
  const reader = pageOf(sql`null`);
  return { column: (entityId) => pageOf(entityId).column, read: reader.read };
}

/** Pages the claims of each parent, given (parent_id, claim_id) pairs, in one statement. */
async function pageClaimsOfParents(
  db: Kysely<Database>,
  pairs: SelectQueryBuilder<any, any, { parent_id: number; claim_id: number | null }>,
  filter: ClaimFilter,
  page: PageRequest,
  order: ClaimOrder,
  also: ClaimPageExtras = {},
): Promise<Map<number, Page<ClaimPageRow>>> {
  const query = applyClaimFilter(
    db.selectFrom(pairs.as('pairs')).innerJoin('claims', 'claims.id', 'pairs.claim_id').selectAll('claims'),
    filter,
  );
  const citations = citationsColumn(filter, also);
  if (!citations) return fetchPages(db, query, { partitionBy: sql<number>`pairs.parent_id`, ordering: claimOrdering(order), page });
  const pages = await fetchPages<ClaimPageRow, number>(db, query, {
    partitionBy: sql<number>`pairs.parent_id`,
    ordering: claimOrdering(order),
    page,
    pageColumns: (alias) => [citations.column(sql.ref(`${alias}.id`)).as('_citations')],
  });
  for (const found of pages.values()) for (const { row } of found.rows) row._citations = citations.read(row._citations);
  return pages;
}

export async function pageClaims(
  db: Kysely<Database>,
  filter: ClaimFilter,
  page: PageRequest,
  order: ClaimOrder = DEFAULT_CLAIM_ORDER,
): Promise<Page<ClaimRow>> {
  let query = applyClaimFilter(db.selectFrom('claims').selectAll('claims'), filter);
  if (filter.subjectId != null) {
    const scope = await findSubjectScope(db, [filter.subjectId], filter.includeContained ?? false);
    const entityIds = scope.map((pair) => pair.entity_id);
    query = query.where(sql<boolean>`claims.id in (select claim_subjects.claim_id from claim_subjects
      where claim_subjects.entity_id = ${anyId(entityIds)})`);
  }
  return fetchPage(db, query, { ordering: claimOrdering(order), page });
}

export async function pageClaimsByArticleIds(
  db: Kysely<Database>,
  articleIds: readonly number[],
  filter: ClaimFilter,
  page: PageRequest,
  order: ClaimOrder = DEFAULT_CLAIM_ORDER,
  also: ClaimPageExtras = {},
): Promise<Map<number, Page<ClaimPageRow>>> {
  if (articleIds.length === 0) return new Map();
  const cited = db
    .selectFrom('citations')
    .select(['citations.article_id as parent_id', 'citations.claim_id'])
    .distinct()
    .where('citations.article_id', '=', anyId(articleIds))
    .where('citations.claim_id', 'is not', null);
  return pageClaimsOfParents(db, cited, filter, page, order, also);
}

/** The distinct articles stating each claim (dated on or before asOf, when given). */
export async function findSourcesByClaimIds(
  db: Kysely<Database>,
  claimIds: readonly number[],
  asOf: AsOf,
): Promise<Array<ArticleSummaryRow & { claim_id: number }>> {
  if (claimIds.length === 0) return [];
  let query = db
    .selectFrom('citations')
    .innerJoin('articles', 'articles.id', 'citations.article_id')
    .select([...ARTICLE_SUMMARY_COLUMNS, 'citations.claim_id'])
    .distinctOn(['citations.claim_id', 'articles.id'])
    .where('citations.claim_id', '=', anyId(claimIds));
  if (asOf) query = query.where(articleKnownAsOf(asOf));
  const rows = await query.orderBy('citations.claim_id').orderBy('articles.id').execute();
  return rows as Array<ArticleSummaryRow & { claim_id: number }>;
}

/**
 * Candidate conflicts of each claim: other claims of the same metric and unit (and the same word for
 * unit OTHER) and the same qualifiers (product, direction, mode: a figure about NEV exports is not
 * one about agricultural exports), about the same entities in the same roles, whose periods overlap
 * (or, both unresolved, read the same).
 * Whether the values are incompatible is decided by the caller (domain/figures.ts).
 */
export async function findConflictCandidates(
  db: Kysely<Database>,
  claimIds: readonly number[],
  asOf: AsOf,
): Promise<Array<ClaimRow & { conflicting_with: number }>> {
  if (claimIds.length === 0) return [];
  const signature = (alias: string) =>
    sql.raw(`(select string_agg(entity_id || ':' || role, ',' order by entity_id, role) from claim_subjects where claim_id = ${alias}.id)`);
  // A rival must share every subject, so it shares the first one: starting from that entity's
  // claims (an index lookup) keeps the work to what is said about it, whatever the table's size.
  // Materialized so that the few rivals are then fetched by primary key, not by hashing the table.
  const result = await sql<ClaimRow & { conflicting_with: number }>`
    with rivals as materialized (
      select distinct mine.id as mine_id, shared.claim_id as rival_id
      from claims as mine
      join lateral (select entity_id from claim_subjects where claim_id = mine.id order by entity_id limit 1) as anchor on true
      join claim_subjects as shared on shared.entity_id = anchor.entity_id and shared.claim_id <> mine.id
      where mine.id = ${anyId(claimIds)}
    )
    select claims.*, mine.id as conflicting_with
    from rivals
    join claims as mine on mine.id = rivals.mine_id
    join claims on claims.id = rivals.rival_id
    where mine.id = ${anyId(claimIds)}
      and claims.metric = mine.metric and claims.unit = mine.unit and claims.unit_text is not distinct from mine.unit_text
      and claims.product is not distinct from mine.product and claims.direction is not distinct from mine.direction
      and claims.mode is not distinct from mine.mode
      and ${statusVisible('claims')}
      and (
        (claims.period_start <= mine.period_end and mine.period_start <= claims.period_end)
        or (claims.period_start is null and mine.period_start is null and claims.period_text is not distinct from mine.period_text)
      )
      and ${signature('claims')} = ${signature('mine')}
      ${asOf ? sql`and ${claimKnownAsOf(asOf)}` : sql``}
    order by mine.id, claims.id`.execute(db);
  return result.rows;
}

export interface MetricSummaryRow {
  metric: string;
  claim_count: number;
  units: string[];
  subject_count: number;
}

export async function summarizeMetrics(db: Kysely<Database>, asOf: AsOf): Promise<MetricSummaryRow[]> {
  const result = await sql<MetricSummaryRow>`
    select claims.metric,
           count(distinct claims.id)::int as claim_count,
           array_agg(distinct claims.unit order by claims.unit) as units,
           count(distinct claim_subjects.entity_id)::int as subject_count
    from claims
    left join claim_subjects on claim_subjects.claim_id = claims.id
    where ${statusVisible('claims')} ${asOf ? sql`and ${claimKnownAsOf(asOf)}` : sql``}
    group by claims.metric
    order by claims.metric`.execute(db);
  return result.rows;
}

export async function metricExists(db: Kysely<Database>, metric: string): Promise<boolean> {
  return Boolean(await db.selectFrom('claims').select('id').where('metric', '=', metric).limit(1).executeTakeFirst());
}

/** Qualifiers a series is narrowed to; an absent one leaves points of every value, each labelled with its own. */
export interface SeriesQualifiers {
  product?: string | null;
  direction?: TradeDirection | null;
  mode?: TransportMode | null;
}

/** The points of a metric for each entity, in time order (unresolved periods last). */
export async function findSeriesBySubjectIds(
  db: Kysely<Database>,
  entityIds: readonly number[],
  metric: string,
  options: { asOf: AsOf; includeContained?: boolean; qualifiers?: SeriesQualifiers },
): Promise<Array<ClaimRow & { root_id: number }>> {
  if (entityIds.length === 0) return [];
  const scope = await findSubjectScope(db, entityIds, options.includeContained ?? false);
  const qualified = options.qualifiers;
  const result = await sql<ClaimRow & { root_id: number }>`
    select distinct claims.*, scope.root_id
    from ${scopeTable(scope)} as scope
    join claim_subjects on claim_subjects.entity_id = scope.entity_id
    join claims on claims.id = claim_subjects.claim_id
    where claims.metric = ${metric} and ${statusVisible('claims')}
      ${options.asOf ? sql`and ${claimKnownAsOf(options.asOf)}` : sql``}
      ${qualified?.product ? sql`and claims.product = ${qualified.product}` : sql``}
      ${qualified?.direction ? sql`and claims.direction = ${qualified.direction}` : sql``}
      ${qualified?.mode ? sql`and claims.mode = ${qualified.mode}` : sql``}
    order by scope.root_id, claims.period_start nulls last, claims.period_end nulls last, claims.id`.execute(db);
  return result.rows;
}
