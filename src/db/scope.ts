// "As of a date": what had been published by then. A claim or relation is known from the date of
// the first dated article that states it; an undated article cannot show that anything was known.
import { sql, type RawBuilder } from 'kysely';
import { statusVisible } from './visibility.ts';

/** A calendar date 'YYYY-MM-DD', or null for "now" (everything). */
export type AsOf = string | null;

export function claimKnownAsOf(asOf: string): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from citations join articles on articles.id = citations.article_id
    where citations.claim_id = claims.id and articles.published_on <= ${asOf})`;
}

export function relationKnownAsOf(asOf: string, table = 'relations'): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from citations join articles on articles.id = citations.article_id
    where citations.relation_id = ${sql.ref(`${table}.id`)} and articles.published_on <= ${asOf})`;
}

/** An entity is known once a dated article states a curated claim about it or a curated relation of it. */
export function entityKnownAsOf(asOf: string): RawBuilder<boolean> {
  return sql<boolean>`(
    exists (select 1 from claim_subjects
            join claims on claims.id = claim_subjects.claim_id
            join citations on citations.claim_id = claim_subjects.claim_id
            join articles on articles.id = citations.article_id
            where claim_subjects.entity_id = entities.id and ${statusVisible('claims')} and articles.published_on <= ${asOf})
    or exists (select 1 from relations
            join citations on citations.relation_id = relations.id
            join articles on articles.id = citations.article_id
            where (relations.subject_id = entities.id or relations.object_id = entities.id)
              and ${statusVisible('relations')} and articles.published_on <= ${asOf}))`;
}
