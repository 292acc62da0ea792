// Where each article names each entity (article_mentions, written by ingest): an article's mentions
// in body order, paged for many articles in one statement.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { EntityStatus } from '../domain/vocabulary.ts';
import { idKey, orderKey, type Ordering } from './keyset.ts';
import { MAX_MERGE_CHAIN } from './merges.ts';
import { fetchPages, type Page, type PageRequest } from './paging.ts';
import type { ArticleMentionRow, Database } from './types.ts';

const BODY_ORDER: Ordering = {
  name: 'article_mentions.offset',
  keys: [orderKey(sql`article_mentions.start_offset`, 'int4'), idKey(sql`article_mentions.id`)],
};

/** The state of the entity a mention names, as it stands now: a merged one's survivor's (at the end of its chain). */
const mentionedEntityStatus: RawBuilder<string> = sql<string>`(
  with recursive chain (id, hops) as (
    select article_mentions.entity_id, 0
    union all
    select entities.merged_into, chain.hops + 1 from chain join entities on entities.id = chain.id
    where entities.merged_into is not null and chain.hops < ${sql.lit(MAX_MERGE_CHAIN)}
  )
  select entities.status from chain join entities on entities.id = chain.id order by chain.hops desc limit 1)`;

/**
 * Each article's mentions in body order. Without a status, mentions of rejected entities are left
 * out (candidates, just proposed by ingest, are shown); with one, only mentions of entities in it.
 */
export async function pageMentionsByArticleIds(
  db: Kysely<Database>,
  articleIds: readonly number[],
  status: EntityStatus | null,
  page: PageRequest,
): Promise<Map<number, Page<ArticleMentionRow>>> {
  if (articleIds.length === 0) return new Map();
  const query = db
    .selectFrom('article_mentions')
    .selectAll('article_mentions')
    .where('article_mentions.article_id', 'in', articleIds)
    .where(status === null ? sql<boolean>`${mentionedEntityStatus} <> 'rejected'` : sql<boolean>`${mentionedEntityStatus} = ${status}`);
  return fetchPages(db, query, { partitionBy: sql<number>`article_mentions.article_id`, ordering: BODY_ORDER, page });
}
