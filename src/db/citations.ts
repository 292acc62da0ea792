// Queries about citations: the article and verbatim quote behind a claim or a relation.
import type { Kysely } from 'kysely';
import type { CitationRow, Database } from './types.ts';

export async function findCitationsByClaimIds(db: Kysely<Database>, claimIds: readonly number[]): Promise<CitationRow[]> {
  if (claimIds.length === 0) return [];
  return db.selectFrom('citations').selectAll().where('claim_id', 'in', claimIds).orderBy('article_id').orderBy('start_offset').execute();
}

export async function findCitationsByRelationIds(db: Kysely<Database>, relationIds: readonly number[]): Promise<CitationRow[]> {
  if (relationIds.length === 0) return [];
  return db.selectFrom('citations').selectAll().where('relation_id', 'in', relationIds).orderBy('article_id').orderBy('start_offset').execute();
}

export async function findCitationsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<CitationRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('citations').selectAll().where('id', 'in', ids).execute();
}
