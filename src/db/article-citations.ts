// Every quote an article is cited for, for reading the article with its quotes marked: one statement
// for any number of articles.
import type { Kysely } from 'kysely';
import type { Status } from '../domain/vocabulary.ts';
import { anyId } from './id-list.ts';
import { articleKnownAsOf, type AsOf } from './scope.ts';
import type { CitationRow, Database } from './types.ts';
import { statusVisible } from './visibility.ts';

/**
 * The citations in these articles of claims or relations in `status` (curated by default), in body
 * order. With asOf, an article published after it has none: its quotes were not known yet.
 */
export async function findCitationsByArticleIds(
  db: Kysely<Database>,
  articleIds: readonly number[],
  asOf: AsOf,
  status?: Status | null,
): Promise<CitationRow[]> {
  if (articleIds.length === 0) return [];
  return db
    .selectFrom('citations')
    .leftJoin('claims', 'claims.id', 'citations.claim_id')
    .leftJoin('relations', 'relations.id', 'citations.relation_id')
    .selectAll('citations')
    .where('citations.article_id', '=', anyId(articleIds))
    .where(({ or }) => or([statusVisible('claims', status), statusVisible('relations', status)]))
    .$if(Boolean(asOf), (query) =>
      query.innerJoin('articles', 'articles.id', 'citations.article_id').where(articleKnownAsOf(asOf!)))
    .orderBy('citations.article_id')
    .orderBy('citations.start_offset')
    .orderBy('citations.id')
    .execute();
}
