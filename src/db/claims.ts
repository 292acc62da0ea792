// Queries about claims (figures) and the entities they are about.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Hedge, Status, Unit } from '../domain/vocabulary.ts';
import { fetchPage, fetchPages, type Page, type PageRequest } from './paging.ts';
import type { ClaimRow, ClaimSubjectRow, Database } from './types.ts';

export async function findClaimsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<ClaimRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('claims').selectAll().where('id', 'in', ids).execute();
}

export async function findSubjectsByClaimIds(db: Kysely<Database>, claimIds: readonly number[]): Promise<ClaimSubjectRow[]> {
  if (claimIds.length === 0) return [];
  return db
    .selectFrom('claim_subjects')
    .selectAll()
    .where('claim_id', 'in', claimIds)
    .orderBy('claim_id')
    .orderBy('role')
    .orderBy('entity_id')
    .execute();
}

export interface ClaimFilter {
  metric?: string | null;
  unit?: Unit | null;
  hedge?: Hedge | null;
  status?: Status | null;
}

/** Adds the filter's conditions to any query that has the claims table in scope. */
function applyClaimFilter<Q extends SelectQueryBuilder<any, any, ClaimRow>>(query: Q, filter: ClaimFilter): Q {
  let q = query as SelectQueryBuilder<Database, 'claims', ClaimRow>;
  if (filter.metric) q = q.where('claims.metric', '=', filter.metric);
  if (filter.unit) q = q.where('claims.unit', '=', filter.unit);
  if (filter.hedge) q = q.where('claims.hedge', '=', filter.hedge);
  if (filter.status) q = q.where('claims.status', '=', filter.status);
  return q as unknown as Q;
}

const claimOrder = sql`claims.metric, claims.period_start nulls last, claims.id`;

export async function pageClaims(db: Kysely<Database>, filter: ClaimFilter, page: PageRequest): Promise<Page<ClaimRow>> {
  const query = applyClaimFilter(db.selectFrom('claims').selectAll('claims'), filter);
  return fetchPage(db, query, { orderBy: claimOrder, page });
}

export async function pageClaimsBySubjectIds(
  db: Kysely<Database>,
  entityIds: readonly number[],
  filter: ClaimFilter,
  page: PageRequest,
): Promise<Map<number, Page<ClaimRow>>> {
  if (entityIds.length === 0) return new Map();
  // An entity can be a subject of one claim in two roles; it still sees the claim once.
  const about = db
    .selectFrom('claim_subjects')
    .select(['claim_subjects.entity_id', 'claim_subjects.claim_id'])
    .distinct()
    .where('claim_subjects.entity_id', 'in', entityIds);
  const query = applyClaimFilter(
    db.selectFrom(about.as('about')).innerJoin('claims', 'claims.id', 'about.claim_id').selectAll('claims'),
    filter,
  );
  return fetchPages(db, query, { partitionBy: sql<number>`about.entity_id`, orderBy: claimOrder, page });
}

export async function pageClaimsByArticleIds(
  db: Kysely<Database>,
  articleIds: readonly number[],
  filter: ClaimFilter,
  page: PageRequest,
): Promise<Map<number, Page<ClaimRow>>> {
  if (articleIds.length === 0) return new Map();
  const cited = db
    .selectFrom('citations')
    .select(['citations.article_id', 'citations.claim_id'])
    .distinct()
    .where('citations.article_id', 'in', articleIds)
    .where('citations.claim_id', 'is not', null);
  const query = applyClaimFilter(
    db.selectFrom(cited.as('cited')).innerJoin('claims', 'claims.id', 'cited.claim_id').selectAll('claims'),
    filter,
  );
  return fetchPages(db, query, { partitionBy: sql<number>`cited.article_id`, orderBy: claimOrder, page });
}
