// The review queue: candidate entities, claims and relations awaiting an editor's decision, oldest first.
import type { Kysely } from 'kysely';
import { idOrdering } from './keyset.ts';
import { fetchPage, type Page, type PageRequest } from './paging.ts';
import type { ClaimRow, Database, EntityRow, RelationRow } from './types.ts';
import { entityVisible, statusVisible } from './visibility.ts';

export type ReviewKind = 'Entity' | 'Claim' | 'Relation';

export interface ReviewRow {
  Entity: EntityRow;
  Claim: ClaimRow;
  Relation: RelationRow;
}

/** Candidates of one kind in the order they arrived (by id); an entity merged away no longer waits. */
export async function pageReviewQueue<Kind extends ReviewKind>(
  db: Kysely<Database>,
  kind: Kind,
  page: PageRequest,
): Promise<Page<ReviewRow[Kind]>> {
  switch (kind) {
    case 'Entity': {
      const query = db.selectFrom('entities').selectAll('entities').where(entityVisible('entities', 'candidate'));
      return fetchPage(db, query, { ordering: idOrdering('entities.id'), page }) as Promise<Page<ReviewRow[Kind]>>;
    }
    case 'Claim': {
      const query = db.selectFrom('claims').selectAll('claims').where(statusVisible('claims', 'candidate'));
      return fetchPage(db, query, { ordering: idOrdering('claims.id'), page }) as Promise<Page<ReviewRow[Kind]>>;
    }
    default: {
      const query = db.selectFrom('relations').selectAll('relations').where(statusVisible('relations', 'candidate'));
      return fetchPage(db, query, { ordering: idOrdering('relations.id'), page }) as Promise<Page<ReviewRow[Kind]>>;
    }
  }
}
