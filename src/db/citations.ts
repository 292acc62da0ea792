// Queries about citations: the article and verbatim quote behind a claim or a relation.
import type { Kysely } from 'kysely';
import { anyId } from './id-list.ts';
import { articleKnownAsOf, type AsOf } from './scope.ts';
import type { CitationRow, Database } from './types.ts';

export async function findCitationsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<CitationRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('citations').selectAll().where('citations.id', '=', anyId(ids)).execute();
}

/** Citations of claims or of relations; with asOf, only those in articles dated on or before it. */
export async function findCitationsByTargetIds(
  db: Kysely<Database>,
  target: 'claim_id' | 'relation_id',
  ids: readonly number[],
  asOf: AsOf,
): Promise<CitationRow[]> {
  if (ids.length === 0) return [];
  let query = db.selectFrom('citations').selectAll('citations').where(`citations.${target}`, '=', anyId(ids));
  if (asOf) {
    query = query
      .innerJoin('articles', 'articles.id', 'citations.article_id')
      .where(articleKnownAsOf(asOf));
  }
  return query.orderBy('citations.article_id').orderBy('citations.start_offset').execute();
}
