// Queries about citations: the article and verbatim quote behind a claim or a relation.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { ARTICLE_SUMMARY_COLUMNS, type ArticleSummaryRow } from './articles.ts';
import { anyId } from './id-list.ts';
import { columnsAs, rowShaper } from './joined.ts';
import { articleKnownAsOf, type AsOf } from './scope.ts';
import type { CitationRow, Database } from './types.ts';

/** A citation; `article` is there when the statement that read it also read its article. */
export type CitationReadRow = CitationRow & { article?: ArticleSummaryRow };

const ARTICLE_COLUMN_NAMES = ARTICLE_SUMMARY_COLUMNS.map((column) => column.slice('articles.'.length));

export async function findCitationsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<CitationRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('citations').selectAll().where('citations.id', '=', anyId(ids)).execute();
}

/**
 * Citations of claims or of relations; with asOf, only those in articles dated on or before it.
 * withArticle reads each citation's article in the same statement (a one-to-one join).
 */
export async function findCitationsByTargetIds(
  db: Kysely<Database>,
  target: 'claim_id' | 'relation_id',
  ids: readonly number[],
  asOf: AsOf,
  options: { withArticle?: boolean } = {},
): Promise<CitationReadRow[]> {
  if (ids.length === 0) return [];
  const cited = db.selectFrom('citations').selectAll('citations').where(`citations.${target}`, '=', anyId(ids));
  if (!asOf && !options.withArticle) return cited.orderBy('citations.article_id').orderBy('citations.start_offset').execute();
  let query = cited.innerJoin('articles', 'articles.id', 'citations.article_id');
  if (asOf) query = query.where(articleKnownAsOf(asOf));
  if (!options.withArticle) return query.orderBy('citations.article_id').orderBy('citations.start_offset').execute();
  const rows = await query
    .select(columnsAs('article', 'articles', ARTICLE_COLUMN_NAMES))
    .orderBy('citations.article_id')
    .orderBy('citations.start_offset')
    .execute();
  return rows.map(rowShaper<CitationReadRow>(['article']));
}

/** Of these citations, the IDs of those whose quote lies inside an image caption of its article. */
export async function findCitationIdsInCaptions(db: Kysely<Database>, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('citations')
    .select('citations.id')
    .where('citations.id', 'in', ids)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('article_captions')
          .select(sql`1`.as('one'))
          .whereRef('article_captions.article_id', '=', 'citations.article_id')
          .whereRef('article_captions.start_offset', '<=', 'citations.start_offset')
          .whereRef('article_captions.end_offset', '>=', 'citations.end_offset'),
      ),
    )
    .execute();
  return new Set(rows.map((row) => row.id));
}

const CITATION_COLUMN_NAMES = ['id', 'claim_id', 'relation_id', 'article_id', 'quote', 'start_offset', 'end_offset'] as const;

const jsonPairs = (table: string, columns: readonly string[]) =>
  columns.map((column) => sql`${sql.lit(column)}, ${sql.ref(`${table}.${column}`)}`);

/**
 * The citations of the claim whose id is `claimId` (an SQL expression of the enclosing statement) as
 * one JSON array, in findCitationsByTargetIds's order and with its asOf rule; each with its article
 * (those of its columns named in articleColumns) unless that is null. A page of claims selects it so
 * their citations need no statement of their own.
 */
export function claimCitationsJson(claimId: RawBuilder<unknown>, asOf: AsOf, articleColumns: readonly string[] | null): RawBuilder<unknown> {
  const joinArticles = asOf !== null || articleColumns !== null;
  const pairs = jsonPairs('citations', CITATION_COLUMN_NAMES);
  if (articleColumns) {
    // The article's id always, and of the rest only what the query shows.
    const columns = ARTICLE_COLUMN_NAMES.filter((column) => column === 'id' || articleColumns.includes(column));
    pairs.push(sql`'article', json_build_object(${sql.join(jsonPairs('articles', columns))})`);
  }
  const element = sql`json_build_object(${sql.join(pairs)})`;
  return sql`(select coalesce(json_agg(${element} order by citations.article_id, citations.start_offset), '[]'::json)
    from citations ${joinArticles ? sql`join articles on articles.id = citations.article_id` : sql``}
    where citations.claim_id = ${claimId} ${asOf !== null ? sql`and ${articleKnownAsOf(asOf)}` : sql``})`;
}

/** claimCitationsJson's array as the rows findCitationsByTargetIds gives (timestamps as Dates, as pg reads them). */
export function citationsFromJson(json: unknown): CitationReadRow[] {
  const rows = json as Array<CitationReadRow & { article?: ArticleSummaryRow & { collected_at: Date | string } }>;
  for (const row of rows) if (typeof row.article?.collected_at === 'string') row.article.collected_at = new Date(row.article.collected_at);
  return rows;
}
