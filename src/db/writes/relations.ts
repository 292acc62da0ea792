// Writes to relations: create one with its first citation, review a candidate, retract one. Each
// takes a Write (transaction + audit) and records the relation before and after (row + citations).
import { globalIdOf } from '../../domain/global-ids.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { SYMMETRIC_RELATION_KINDS, type RelationKind } from '../../domain/vocabulary.ts';
import type { Write } from '../audit.ts';
import { changeStatus, retraction, review, type StatusTarget } from './status.ts';
import type { RelationRow } from '../types.ts';
import { citationSnapshots, insertCitation, verifyCitation, type CitationInput, type CitationSnapshot } from './citations.ts';
import { lockEntity } from './entities.ts';
import { checkedPeriod, type PeriodValues } from './period.ts';

/** A relation as the audit trail records it: its row and its citations. */
export interface RelationSnapshot extends RelationRow {
  citations: CitationSnapshot[];
}

export async function relationSnapshot(write: Write, id: number): Promise<RelationSnapshot> {
  const relation = await write.trx.selectFrom('relations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { ...relation, citations: await citationSnapshots(write, { relationId: id }) };
}

/** The relation, locked for the rest of the transaction; NotFoundError when there is none. */
async function lockRelation(write: Write, id: number, field: string): Promise<RelationRow> {
  const relation = await write.trx.selectFrom('relations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!relation) throw new NotFoundError(`${field}: no relation has this ID.`, globalIdOf('Relation', id));
  return relation;
}

export interface NewRelation {
  kind: RelationKind;
  subjectId: number;
  objectId: number;
  detail?: string | null;
  /** When the relation held, as the article says; omitted: no period (a lasting fact, or the text gives none). */
  period?: PeriodValues;
  citation: CitationInput;
}

export async function createRelation(write: Write, input: NewRelation, reason: string | null): Promise<RelationRow> {
  if (input.subjectId === input.objectId) throw new ValidationError('An entity cannot relate to itself.', 'input.object');
  const period = checkedPeriod(input.period ?? { start: null, end: null, text: null });
  // Both ends are locked, lower id first, so a concurrent merge of either waits (and cannot deadlock with this).
  const ends = [
    { id: input.subjectId, field: 'input.subject' },
    { id: input.objectId, field: 'input.object' },
  ].sort((a, b) => a.id - b.id);
  for (const end of ends) await lockEntity(write, end.id, end.field);

  // A symmetric relation reads the same both ways and is stored once, lower id first.
  const [subjectId, objectId] =
    SYMMETRIC_RELATION_KINDS.has(input.kind) && input.subjectId > input.objectId
      ? [input.objectId, input.subjectId]
      : [input.subjectId, input.objectId];
  const citation = await verifyCitation(write, input.citation, 'input.citation');

  const relation = await write.trx
    .insertInto('relations')
    .values({
      kind: input.kind, subject_id: subjectId, object_id: objectId, detail: input.detail?.trim() || null, status: 'curated',
      period_start: period.start, period_end: period.end, period_text: period.text,
    })
    .onConflict((oc) => oc.columns(['kind', 'subject_id', 'object_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!relation) {
    const existing = await write.trx
      .selectFrom('relations')
      .select(['id', 'status'])
      .where('kind', '=', input.kind)
      .where('subject_id', '=', subjectId)
      .where('object_id', '=', objectId)
      .executeTakeFirstOrThrow();
    throw new ConflictError(
      `This relation already exists (${globalIdOf('Relation', existing.id)}, ${existing.status}); cite it there instead of creating it again.`,
    );
  }
  await insertCitation(write, { relationId: relation.id }, citation);
  await write.audit({ action: 'createRelation', targetType: 'Relation', targetId: relation.id, after: await relationSnapshot(write, relation.id), reason });
  return relation;
}

const RELATION: StatusTarget<RelationRow> = { type: 'Relation', table: 'relations', lock: lockRelation, snapshot: relationSnapshot };

/** ACCEPT makes a candidate relation curated, REJECT rejected; anything not a candidate is a ConflictError. */
export const reviewRelation = (write: Write, id: number, accept: boolean, reason: string | null): Promise<RelationRow> =>
  changeStatus(write, RELATION, id, review('reviewRelation', accept), reason);

/** Withdraws a relation: it stays, RETRACTED, hidden from default reads. */
export const retractRelation = (write: Write, id: number, reason: string): Promise<RelationRow> =>
  changeStatus(write, RELATION, id, retraction('retractRelation'), reason);
