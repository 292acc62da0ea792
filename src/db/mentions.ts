// Which entities each article speaks about: the subjects of the curated claims it states and the ends
// of the curated relations it states, as (article_id, entity_id) pairs. Articles and entities list
// each other through these pairs.
import type { Kysely } from 'kysely';
import type { Database } from './types.ts';
import { statusVisible } from './visibility.ts';

export function articleEntityMentions(
  db: Kysely<Database>,
  filter: { articleIds: readonly number[] } | { entityIds: readonly number[] },
) {
  const byArticle = 'articleIds' in filter ? filter.articleIds : null;
  const byEntity = 'entityIds' in filter ? filter.entityIds : null;
  const viaClaims = db
    .selectFrom('citations')
    .innerJoin('claim_subjects', 'claim_subjects.claim_id', 'citations.claim_id')
    .innerJoin('claims', 'claims.id', 'citations.claim_id')
    .select(['citations.article_id', 'claim_subjects.entity_id'])
    .where(statusVisible('claims'))
    .$if(byArticle !== null, (q) => q.where('citations.article_id', 'in', byArticle!))
    .$if(byEntity !== null, (q) => q.where('claim_subjects.entity_id', 'in', byEntity!));
  const viaRelationEnd = (end: 'subject_id' | 'object_id') =>
    db
      .selectFrom('citations')
      .innerJoin('relations', 'relations.id', 'citations.relation_id')
      .select(['citations.article_id', `relations.${end} as entity_id`])
      .where(statusVisible('relations'))
      .$if(byArticle !== null, (q) => q.where('citations.article_id', 'in', byArticle!))
      .$if(byEntity !== null, (q) => q.where(`relations.${end}`, 'in', byEntity!));
  // UNION, not UNION ALL: an article naming an entity twice mentions it once.
  return viaClaims.union(viaRelationEnd('subject_id')).union(viaRelationEnd('object_id'));
}
