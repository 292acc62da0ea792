// What ingest reads before it writes: the aliases and metric keys the pipeline matches against, and
// the article already stored with the same content or URL.
import type { Kysely } from 'kysely';
import type { EntityKind } from '../domain/vocabulary.ts';
import type { IngestKnowledge } from '../ingest/pipeline.ts';
import { ARTICLE_COLUMNS } from './articles.ts';
import type { ArticleRow, Database } from './types.ts';

/**
 * Every alias of every entity not merged away, rejected ones included: a name reviewed and rejected is
 * then recognised (and its mentions dropped by the write) instead of being proposed again. Metric keys
 * are those of curated claims, so a new figure reuses a key a person has approved.
 */
export async function findIngestKnowledge(db: Kysely<Database>): Promise<IngestKnowledge> {
  const aliases = await db
    .selectFrom('entity_aliases')
    .innerJoin('entities', 'entities.id', 'entity_aliases.entity_id')
    .select(['entity_aliases.entity_id as entityId', 'entity_aliases.alias', 'entities.kind'])
    .where('entities.merged_into', 'is', null)
    .orderBy('entity_aliases.id')
    .execute();
  const metrics = await db.selectFrom('claims').select('metric').distinct().where('status', '=', 'curated').orderBy('metric').execute();
  return {
    aliases: aliases.map(({ entityId, alias }) => ({ entityId, alias })),
    kinds: new Map(aliases.map((row) => [row.entityId, row.kind as EntityKind])),
    metrics: metrics.map((row) => row.metric),
  };
}

/** The stored article with this content hash, else the one with this URL. */
export async function findArticleByIdentity(
  db: Kysely<Database>,
  identity: { contentHash: string; url: string | null },
): Promise<ArticleRow | undefined> {
  const byHash = await db.selectFrom('articles').select(ARTICLE_COLUMNS).where('content_hash', '=', identity.contentHash).executeTakeFirst();
  if (byHash || identity.url === null) return byHash;
  return db.selectFrom('articles').select(ARTICLE_COLUMNS).where('url', '=', identity.url).executeTakeFirst();
}
