// Queries about articles, including full-text search over their titles and clean bodies.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { articleEntityMentions } from './mentions.ts';
import { anyId } from './id-list.ts';
import { idKey, orderKey, type OrderKey, type Ordering } from './keyset.ts';
import { fetchPage, fetchPages, fetchWindowPage, type Page, type PageRequest } from './paging.ts';
import { articleKnownAsOf, type AsOf } from './scope.ts';
import { articleHeadline, roundScore, webSearchQuery } from './search.ts';
import type { ArticleRow, Database } from './types.ts';

/** The article columns, named so that the search vector (a copy of the body) is never read back. */
export const ARTICLE_COLUMNS = [
  'articles.id', 'articles.source_key', 'articles.title', 'articles.publisher', 'articles.byline', 'articles.published_on',
  'articles.published_text', 'articles.url', 'articles.language', 'articles.raw_text', 'articles.body', 'articles.content_hash',
  'articles.collected_at', 'articles.metadata_from_text',
] as const;

type ArticleTextColumn = 'articles.raw_text' | 'articles.body';
const isTextColumn = (column: string): column is ArticleTextColumn => column === 'articles.raw_text' || column === 'articles.body';

/**
 * The article columns without the two texts, which are large (a walk that prints the titles of a
 * hundred articles would otherwise read megabytes): lists and lookups read these, and the texts are
 * read by id when a query asks for them (findArticleTextsByIds).
 */
export const ARTICLE_SUMMARY_COLUMNS = ARTICLE_COLUMNS.filter((column) => !isTextColumn(column)) as Array<
  Exclude<(typeof ARTICLE_COLUMNS)[number], ArticleTextColumn>
>;

/** An article as lists and lookups read it: everything but its raw text and clean body. */
export type ArticleSummaryRow = Omit<ArticleRow, 'raw_text' | 'body'>;

/** A publisher name as compared: case, accents and punctuation ignored ("xinhua", "Xinhua.", "XINHUA"). */
function publisherKey(name: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`btrim(regexp_replace(lower(unaccent(${name})), '[^[:alnum:]]+', ' ', 'g'))`;
}

export async function findArticlesByIds(db: Kysely<Database>, ids: readonly number[]): Promise<ArticleSummaryRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('articles').select(ARTICLE_SUMMARY_COLUMNS).where('articles.id', '=', anyId(ids)).execute();
}

/** One of the texts of each article, by id. */
export async function findArticleTextsByIds(
  db: Kysely<Database>,
  ids: readonly number[],
  text: 'raw_text' | 'body',
): Promise<Array<{ id: number; text: string }>> {
  if (ids.length === 0) return [];
  return db.selectFrom('articles').select(['articles.id', `articles.${text} as text`]).where('articles.id', '=', anyId(ids)).execute();
}

export interface ArticleFilter {
  publisher?: string | null;
  publishedFrom?: string | null;
  publishedTo?: string | null;
  /** Words as typed in a search box (websearch syntax); ranks the articles that match them. */
  search?: string | null;
}

/** An article in a list; a search adds its rank (0..1) and the matching passages. */
export type ArticleListRow = ArticleSummaryRow & { score?: number; snippet?: string | null };

/** Newest first, undated last. */
const NEWEST_FIRST: readonly OrderKey[] = [orderKey(sql`articles.published_on`, 'date', 'desc', 'last'), idKey(sql`articles.id`)];
const ARTICLES_BY_DATE: Ordering = { name: 'articles.date', keys: NEWEST_FIRST };

export async function pageArticles(db: Kysely<Database>, filter: ArticleFilter, page: PageRequest): Promise<Page<ArticleListRow>> {
  let query = db.selectFrom('articles').select(ARTICLE_SUMMARY_COLUMNS);
  if (filter.publisher) query = query.where(sql<boolean>`${publisherKey(sql.ref('articles.publisher'))} = ${publisherKey(sql`${filter.publisher}`)}`);
  if (filter.publishedFrom) query = query.where('articles.published_on', '>=', filter.publishedFrom);
  if (filter.publishedTo) query = query.where('articles.published_on', '<=', filter.publishedTo);
  if (!filter.search) {
    return fetchPage(db, query, { ordering: ARTICLES_BY_DATE, page });
  }

  // A search with no lexemes ("the", "!!!") is an empty tsquery, which matches nothing.
  const tsQuery = webSearchQuery(filter.search);
  // Normalisation 32 maps the rank to rank / (rank + 1), a score from 0 to 1 (see searchGraph).
  const rank = roundScore(sql`ts_rank_cd(articles.search_vector, ${tsQuery}, 32)`);
  const found: Page<ArticleListRow> = await fetchWindowPage(db, query.select(rank.as('score')).where(sql<boolean>`articles.search_vector @@ ${tsQuery}`), {
    ordering: { name: 'articles.match', keys: [orderKey(rank, 'float8', 'desc'), ...NEWEST_FIRST] },
    page,
  });
  // Headlines re-read whole bodies, so only the page's articles get one.
  const snippets = await findArticleHeadlines(db, found.rows.map(({ row }) => row.id), filter.search);
  for (const { row } of found.rows) row.snippet = snippets.get(row.id) ?? null;
  return found;
}

/** The matching passages of each article, the matched words in <mark> (see articleHeadline). */
async function findArticleHeadlines(db: Kysely<Database>, ids: readonly number[], search: string): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('articles')
    .select(['articles.id', articleHeadline(sql`articles.body`, webSearchQuery(search)).as('snippet')])
    .where('articles.id', '=', anyId(ids))
    .execute();
  return new Map(rows.map((row) => [row.id, row.snippet]));
}

/** Articles that cite something about each entity: a claim it is a subject of, or a relation it is an end of. */
export async function pageArticlesByEntityIds(
  db: Kysely<Database>,
  entityIds: readonly number[],
  page: PageRequest,
  asOf: AsOf = null,
): Promise<Map<number, Page<ArticleSummaryRow>>> {
  if (entityIds.length === 0) return new Map();
  const sources = articleEntityMentions(db, { entityIds });
  let query = db
    .selectFrom(sources.as('sources'))
    .innerJoin('articles', 'articles.id', 'sources.article_id')
    .select(ARTICLE_SUMMARY_COLUMNS);
  if (asOf) query = query.where(articleKnownAsOf(asOf));
  return fetchPages(db, query, {
    partitionBy: sql<number>`sources.entity_id`,
    ordering: ARTICLES_BY_DATE,
    page,
  });
}
