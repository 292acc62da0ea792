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

/**
 * The citations of the claim whose id is `claimId` (an SQL expression of the enclosing statement) as
 * one JSON column, in findCitationsByTargetIds's order and with its asOf rule; each with its article
 * (the id, and of its other columns those named in articleColumns) unless articleColumns is null.
 * A page of claims selects it so their citations need no statement of their own; `read` turns the
 * column's value into the rows findCitationsByTargetIds gives. Each citation travels as a JSON array
 * of values in a known order (PostgreSQL builds those much faster than objects with keys).
 */
export function claimCitationsJson(asOf: AsOf, articleColumns: readonly string[] | null) {
  const articleNames = articleColumns ? ARTICLE_COLUMN_NAMES.filter((column) => column === 'id' || articleColumns.includes(column)) : null;
  const values = [
    ...CITATION_COLUMN_NAMES.map((column) => sql.ref(`citations.${column}`)),
    ...(articleNames ?? []).map((column) => sql.ref(`articles.${column}`)),
  ];
  const joinArticles = asOf !== null || articleNames !== null;
  return {
    column: (claimId: RawBuilder<unknown>): RawBuilder<unknown> =>
      sql`(select coalesce(json_agg(json_build_array(${sql.join(values)}) order by citations.article_id, citations.start_offset), '[]'::json)
        from citations ${joinArticles ? sql`join articles on articles.id = citations.article_id` : sql``}
        where citations.claim_id = ${claimId} ${asOf !== null ? sql`and ${articleKnownAsOf(asOf)}` : sql``})`,
    read: (json: unknown): CitationReadRow[] =>
      (json as unknown[][]).map((values) => {
        const citation: Record<string, unknown> = {};
        CITATION_COLUMN_NAMES.forEach((column, i) => (citation[column] = values[i]));
        if (articleNames) {
          const article: Record<string, unknown> = {};
          articleNames.forEach((column, i) => (article[column] = values[CITATION_COLUMN_NAMES.length + i]));
          // As pg reads a timestamp: a Date.
          if (typeof article.collected_at === 'string') article.collected_at = new Date(article.collected_at);
          citation.article = article;
        }
        return citation as CitationReadRow;
      }),
  };
}
