// Queries about articles.
import { sql, type Kysely } from 'kysely';
import { fetchPage, fetchPages, type Page, type PageRequest } from './paging.ts';
import type { ArticleRow, Database } from './types.ts';

export async function findArticlesByIds(db: Kysely<Database>, ids: readonly number[]): Promise<ArticleRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('articles').selectAll().where('id', 'in', ids).execute();
}

export interface ArticleFilter {
  publisher?: string | null;
  publishedFrom?: string | null;
  publishedTo?: string | null;
}

export async function pageArticles(db: Kysely<Database>, filter: ArticleFilter, page: PageRequest): Promise<Page<ArticleRow>> {
  let query = db.selectFrom('articles').selectAll('articles');
  if (filter.publisher) query = query.where('articles.publisher', '=', filter.publisher);
  if (filter.publishedFrom) query = query.where('articles.published_on', '>=', filter.publishedFrom);
  if (filter.publishedTo) query = query.where('articles.published_on', '<=', filter.publishedTo);
  return fetchPage(db, query, { orderBy: sql`articles.published_on desc nulls last, articles.id`, page });
}

/** Articles that cite something about each entity: a claim it is a subject of, or a relation it is an end of. */
export async function pageArticlesByEntityIds(
  db: Kysely<Database>,
  entityIds: readonly number[],
  page: PageRequest,
): Promise<Map<number, Page<ArticleRow>>> {
  if (entityIds.length === 0) return new Map();
  const sources = db
    .selectFrom('claim_subjects')
    .innerJoin('citations', 'citations.claim_id', 'claim_subjects.claim_id')
    .select(['claim_subjects.entity_id', 'citations.article_id'])
    .where('claim_subjects.entity_id', 'in', entityIds)
    .union(
      db
        .selectFrom('relations')
        .innerJoin('citations', 'citations.relation_id', 'relations.id')
        .select(['relations.subject_id as entity_id', 'citations.article_id'])
        .where('relations.subject_id', 'in', entityIds),
    )
    .union(
      db
        .selectFrom('relations')
        .innerJoin('citations', 'citations.relation_id', 'relations.id')
        .select(['relations.object_id as entity_id', 'citations.article_id'])
        .where('relations.object_id', 'in', entityIds),
    );
  const query = db
    .selectFrom(sources.as('sources'))
    .innerJoin('articles', 'articles.id', 'sources.article_id')
    .selectAll('articles');
  return fetchPages(db, query, {
    partitionBy: sql<number>`sources.entity_id`,
    orderBy: sql`articles.published_on desc nulls last, articles.id`,
    page,
  });
}
