// "As of a date": what had been published by then. A claim or relation is known from the date of
// the first article that states it: its publication date, or, for an undated article, the day it was
// collected, the latest day it can have been published.
import { sql, type RawBuilder } from 'kysely';
import { statusVisible } from './visibility.ts';

/** A calendar date 'YYYY-MM-DD', or null for "now" (everything). */
export type AsOf = string | null;

/**
 * The latest day an article can have been published: the date it states, else the day (UTC) it was
 * collected. Dates compare as 'YYYY-MM-DD' strings would.
 */
export const articleLatestPublishedOn: RawBuilder<string> =
  sql<string>`coalesce(articles.published_on, (articles.collected_at at time zone 'UTC')::date)`;

/** The article joined as `articles` was certainly published by `asOf`. */
export function articleKnownAsOf(asOf: string): RawBuilder<boolean> {
  return sql<boolean>`${articleLatestPublishedOn} <= ${asOf}`;
}

export function claimKnownAsOf(asOf: string): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from citations join articles on articles.id = citations.article_id
    where citations.claim_id = claims.id and ${articleKnownAsOf(asOf)})`;
}

export function relationKnownAsOf(asOf: string, table = 'relations'): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from citations join articles on articles.id = citations.article_id
    where citations.relation_id = ${sql.ref(`${table}.id`)} and ${articleKnownAsOf(asOf)})`;
}

/** An entity is known once an article published by then (see articleKnownAsOf) states a curated claim about it or a curated relation of it. */
export function entityKnownAsOf(asOf: string): RawBuilder<boolean> {
  return sql<boolean>`(
    exists (select 1 from claim_subjects
            join claims on claims.id = claim_subjects.claim_id
            join citations on citations.claim_id = claim_subjects.claim_id
            join articles on articles.id = citations.article_id
            where claim_subjects.entity_id = entities.id and ${statusVisible('claims')} and ${articleKnownAsOf(asOf)})
    or exists (select 1 from relations
            join citations on citations.relation_id = relations.id
            join articles on articles.id = citations.article_id
            where (relations.subject_id = entities.id or relations.object_id = entities.id)
              and ${statusVisible('relations')} and ${articleKnownAsOf(asOf)}))`;
}
