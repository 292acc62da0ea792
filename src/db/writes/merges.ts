// Merging two entities that are one (aliases, relations and claim subjects move to the survivor, the
// merged entity's slug and ID lead there) and undoing a merge, row for row, from what it recorded.
import { sql } from 'kysely';
import { globalIdOf } from '../../domain/global-ids.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { normalizeName, SYMMETRIC_RELATION_KINDS, type RelationKind } from '../../domain/vocabulary.ts';
import type { Write } from '../audit.ts';
import type { CitationRow, EntityAliasRow, EntityMergeRow, EntityRow, RelationRow } from '../types.ts';
import { claimSnapshot } from './claims.ts';
import { entitySnapshot } from './entities.ts';
import { relationSnapshot } from './relations.ts';

/**
 * What one merge changed, stored in entity_merges.moved: enough to put every row back as it was.
 * Rows the merge removed are kept whole, so an unmerge restores them with their original ids.
 */
export interface MergeRecord {
  aliases: {
    /** The merged entity's aliases, now the survivor's. */
    moved: Array<{ id: number; alias: string }>;
    /** The merged entity's aliases the survivor already had under the same spelling: removed. */
    folded: EntityAliasRow[];
    /** The alias made from the merged entity's name when no alias of either spelled it so. */
    added: { id: number; alias: string } | null;
  };
  relations: {
    /** Relations whose merged end now names the survivor, with their ends before and after. */
    repointed: Array<{ id: number; subject_id: number; object_id: number; new_subject_id: number; new_object_id: number }>;
    /**
     * Relations that became one the survivor already had (same kind and ends): removed, their
     * citations moved to the relation kept, except those citing a passage it already cites (dropped).
     */
    folded: Array<{ relation: RelationRow; into: number; moved_citation_ids: number[]; dropped_citations: CitationRow[] }>;
    /** Relations between the two entities, which would relate the survivor to itself: retracted where they stand. */
    retracted: Array<{ id: number; status: string }>;
  };
  claimSubjects: {
    /** Claims the merged entity was a subject of, in a role the survivor now holds instead. */
    moved: Array<{ claim_id: number; role: string }>;
    /**
     * Claims the survivor already was a subject of in the same role: the merged entity's row removed,
     * with its inference and note (absent in records made before subjects had them) to restore.
     */
    folded: Array<{ claim_id: number; role: string; inferred?: boolean; note?: string | null }>;
  };
}

/**
 * Locks both entities, lower id first: two merges (or a merge and any write that locks entities the
 * same way) touching the same entities then wait for each other instead of deadlocking, and the
 * second sees what the first did.
 */
async function lockPair(write: Write, survivorId: number, mergedId: number): Promise<{ survivor: EntityRow; merged: EntityRow }> {
  const locked = new Map<number, EntityRow>();
  for (const id of [survivorId, mergedId].sort((a, b) => a - b)) {
    const row = await write.trx.selectFrom('entities').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (row) locked.set(id, row);
  }
  const survivor = locked.get(survivorId);
  const merged = locked.get(mergedId);
  if (!survivor) throw new NotFoundError('input.survivor: no entity has this ID.', globalIdOf('Entity', survivorId));
  if (!merged) throw new NotFoundError('input.merged: no entity has this ID.', globalIdOf('Entity', mergedId));
  return { survivor, merged };
}

async function slugOf(write: Write, id: number): Promise<string> {
  const row = await write.trx.selectFrom('entities').select('slug').where('id', '=', id).executeTakeFirstOrThrow();
  return row.slug;
}

/** Rows inserted with the ids they had, which identity columns only take when told to. */
async function insertWithOriginalIds(
  write: Write,
  table: 'entity_aliases' | 'relations' | 'citations',
  rows: ReadonlyArray<Record<string, unknown>>,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))})
    overriding system value
    values ${sql.join(rows.map((row) => sql`(${sql.join(columns.map((column) => row[column]))})`))}`.execute(write.trx);
}

// ---------------------------------------------------------------------------------------------------
// Merge

export interface MergeResult {
  survivor: EntityRow;
  merged: EntityRow;
}

/**
 * Merges `mergedId` into `survivorId` in the caller's transaction: aliases, relations and claim
 * subjects move to the survivor, duplicates folded; the merged entity stays, with merged_into set,
 * so its slug and ID lead to the survivor. Mentions follow, being derived from claims and relations.
 */
export async function mergeEntities(write: Write, survivorId: number, mergedId: number, reason: string): Promise<MergeResult> {
  if (survivorId === mergedId) throw new ValidationError('An entity cannot be merged into itself.', 'input.merged');
  const { survivor, merged } = await lockPair(write, survivorId, mergedId);
  if (merged.merged_into !== null) {
    const into = merged.merged_into === survivorId ? `"${survivor.slug}" already` : `"${await slugOf(write, merged.merged_into)}"`;
    throw new ConflictError(`"${merged.slug}" was already merged into ${into}.`);
  }
  if (survivor.merged_into !== null) {
    const into = await slugOf(write, survivor.merged_into);
    throw new ConflictError(`"${survivor.slug}" was itself merged into "${into}"; merge into that entity instead.`);
  }

  const survivorBefore = await entitySnapshot(write, survivorId);
  const mergedBefore = await entitySnapshot(write, mergedId);
  const record: MergeRecord = {
    aliases: await moveAliases(write, survivor, merged),
    relations: await moveRelations(write, survivorId, mergedId, reason),
    claimSubjects: await moveClaimSubjects(write, survivorId, mergedId, reason),
  };
  await write.trx
    .insertInto('entity_merges')
    .values({ survivor_id: survivorId, merged_id: mergedId, moved: JSON.stringify(record) })
    .execute();
  const mergedAfter = await write.trx
    .updateTable('entities')
    .set({ merged_into: survivorId })
    .where('id', '=', mergedId)
    .returningAll()
    .executeTakeFirstOrThrow();

  for (const [id, before] of [[survivorId, survivorBefore], [mergedId, mergedBefore]] as const) {
    await write.audit({ action: 'mergeEntities', targetType: 'Entity', targetId: id, before, after: await entitySnapshot(write, id), reason });
  }
  return { survivor, merged: mergedAfter };
}

async function moveAliases(write: Write, survivor: EntityRow, merged: EntityRow): Promise<MergeRecord['aliases']> {
  const mergedAliases = await write.trx.selectFrom('entity_aliases').selectAll().where('entity_id', '=', merged.id).orderBy('id').execute();
  const survivorAliases = await write.trx.selectFrom('entity_aliases').select('alias').where('entity_id', '=', survivor.id).execute();
  const survivorSpellings = new Set(survivorAliases.map((row) => row.alias));
  const folded = mergedAliases.filter((row) => survivorSpellings.has(row.alias));
  const moved = mergedAliases.filter((row) => !survivorSpellings.has(row.alias)).map(({ id, alias }) => ({ id, alias }));

  if (folded.length > 0) await write.trx.deleteFrom('entity_aliases').where('id', 'in', folded.map((row) => row.id)).execute();
  if (moved.length > 0) {
    await write.trx.updateTable('entity_aliases').set({ entity_id: survivor.id }).where('id', 'in', moved.map((row) => row.id)).execute();
  }
  // The merged entity's name stays findable, as one of the survivor's aliases.
  let added: MergeRecord['aliases']['added'] = null;
  if (!survivorSpellings.has(merged.name) && !mergedAliases.some((row) => row.alias === merged.name)) {
    added = await write.trx
      .insertInto('entity_aliases')
      .values({ entity_id: survivor.id, alias: merged.name, normalized: normalizeName(merged.name) })
      .returning(['id', 'alias'])
      .executeTakeFirstOrThrow();
  }
  return { moved, folded, added };
}

async function moveRelations(write: Write, survivorId: number, mergedId: number, reason: string): Promise<MergeRecord['relations']> {
  const moved: MergeRecord['relations'] = { repointed: [], folded: [], retracted: [] };
  const relations = await write.trx
    .selectFrom('relations')
    .selectAll()
    .where((eb) => eb.or([eb('subject_id', '=', mergedId), eb('object_id', '=', mergedId)]))
    .orderBy('id')
    .forUpdate()
    .execute();

  for (const relation of relations) {
    const toSurvivor = (id: number) => (id === mergedId ? survivorId : id);
    let [subjectId, objectId] = [toSurvivor(relation.subject_id), toSurvivor(relation.object_id)];
    const audit = async (id: number, before: unknown, after: unknown) =>
      write.audit({ action: 'mergeEntities', targetType: 'Relation', targetId: id, before, after, reason });

    if (subjectId === objectId) {
      // A relation between the two would now relate the survivor to itself, which states nothing (and
      // the table refuses it). It is retracted where it stands, still naming the merged entity, so an
      // unmerge only has to bring its state back. Rejected and retracted ones are hidden already.
      if (relation.status === 'candidate' || relation.status === 'curated') {
        const before = await relationSnapshot(write, relation.id);
        await write.trx.updateTable('relations').set({ status: 'retracted' }).where('id', '=', relation.id).execute();
        moved.retracted.push({ id: relation.id, status: relation.status });
        await audit(relation.id, before, await relationSnapshot(write, relation.id));
      }
      continue;
    }
    // A symmetric relation is stored once, lower id first.
    if (SYMMETRIC_RELATION_KINDS.has(relation.kind as RelationKind) && subjectId > objectId) [subjectId, objectId] = [objectId, subjectId];

    const kept = await write.trx
      .selectFrom('relations')
      .selectAll()
      .where('kind', '=', relation.kind)
      .where('subject_id', '=', subjectId)
      .where('object_id', '=', objectId)
      .forUpdate()
      .executeTakeFirst();
    const before = await relationSnapshot(write, relation.id);

    if (!kept) {
      await write.trx.updateTable('relations').set({ subject_id: subjectId, object_id: objectId }).where('id', '=', relation.id).execute();
      moved.repointed.push({
        id: relation.id,
        subject_id: relation.subject_id,
        object_id: relation.object_id,
        new_subject_id: subjectId,
        new_object_id: objectId,
      });
      await audit(relation.id, before, await relationSnapshot(write, relation.id));
      continue;
    }

    // The survivor already has this relation: it keeps its own row (state and detail) and takes the
    // citations, except those of a passage it already cites.
    const keptBefore = await relationSnapshot(write, kept.id);
    const citations = await write.trx.selectFrom('citations').selectAll().where('relation_id', '=', relation.id).orderBy('id').execute();
    const citedPassages = new Set(keptBefore.citations.map((c) => `${c.article_id}|${c.start_offset}`));
    const dropped = citations.filter((c) => citedPassages.has(`${c.article_id}|${c.start_offset}`));
    const movedIds = citations.filter((c) => !citedPassages.has(`${c.article_id}|${c.start_offset}`)).map((c) => c.id);
    if (dropped.length > 0) await write.trx.deleteFrom('citations').where('id', 'in', dropped.map((c) => c.id)).execute();
    if (movedIds.length > 0) await write.trx.updateTable('citations').set({ relation_id: kept.id }).where('id', 'in', movedIds).execute();
    await write.trx.deleteFrom('relations').where('id', '=', relation.id).execute();
    moved.folded.push({ relation, into: kept.id, moved_citation_ids: movedIds, dropped_citations: dropped });
    await audit(relation.id, before, null);
    if (movedIds.length > 0) await audit(kept.id, keptBefore, await relationSnapshot(write, kept.id));
  }
  return moved;
}

async function moveClaimSubjects(write: Write, survivorId: number, mergedId: number, reason: string): Promise<MergeRecord['claimSubjects']> {
  const rows = await write.trx
    .selectFrom('claim_subjects')
    .select(['claim_id', 'role', 'inferred', 'note'])
    .where('entity_id', '=', mergedId)
    .orderBy('claim_id')
    .orderBy('role')
    .execute();
  if (rows.length === 0) return { moved: [], folded: [] };
  const claimIds = [...new Set(rows.map((row) => row.claim_id))];
  const befores = new Map<number, unknown>();
  for (const id of claimIds) befores.set(id, await claimSnapshot(write, id));

  const held = await write.trx
    .selectFrom('claim_subjects')
    .select(['claim_id', 'role'])
    .where('entity_id', '=', survivorId)
    .where('claim_id', 'in', claimIds)
    .execute();
  const heldKeys = new Set(held.map((row) => `${row.claim_id}|${row.role}`));
  const folded = rows.filter((row) => heldKeys.has(`${row.claim_id}|${row.role}`));
  // A moved row keeps its inference and note in place; only a folded one needs them on record.
  const moved = rows.filter((row) => !heldKeys.has(`${row.claim_id}|${row.role}`)).map(({ claim_id, role }) => ({ claim_id, role }));

  for (const row of folded) {
    await write.trx
      .deleteFrom('claim_subjects')
      .where('claim_id', '=', row.claim_id)
      .where('entity_id', '=', mergedId)
      .where('role', '=', row.role)
      .execute();
  }
  if (moved.length > 0) await write.trx.updateTable('claim_subjects').set({ entity_id: survivorId }).where('entity_id', '=', mergedId).execute();
  for (const id of claimIds) {
    await write.audit({ action: 'mergeEntities', targetType: 'Claim', targetId: id, before: befores.get(id), after: await claimSnapshot(write, id), reason });
  }
  return { moved, folded };
}

// ---------------------------------------------------------------------------------------------------
// Unmerge

export interface UnmergeResult {
  /** The merged entity, standing on its own again. */
  entity: EntityRow;
  survivor: EntityRow;
}

/**
 * Undoes the live merge of `mergedId`: every row it moved goes back, every row it removed comes back
 * with its id, and the redirect ends. Refused (ConflictError, saying why) when a later change leaves
 * a row the merge moved somewhere else than the merge left it, since it could not then go back exactly.
 * Later changes that do not stand in the way (a relation reviewed or retracted since, a citation
 * added to it) are kept.
 */
export async function unmergeEntity(write: Write, mergedId: number, reason: string): Promise<UnmergeResult> {
  const current = await write.trx.selectFrom('entities').select(['slug', 'merged_into']).where('id', '=', mergedId).executeTakeFirst();
  if (!current) throw new NotFoundError('input.merged: no entity has this ID.', globalIdOf('Entity', mergedId));
  if (current.merged_into === null) throw new ConflictError(`"${current.slug}" is not merged into another entity.`);

  const { survivor, merged } = await lockPair(write, current.merged_into, mergedId);
  // Read again under the locks: a concurrent unmerge may have got there first.
  if (merged.merged_into !== survivor.id) throw new ConflictError(`"${merged.slug}" was unmerged or merged elsewhere meanwhile.`);
  const merge = await write.trx
    .selectFrom('entity_merges')
    .selectAll()
    .where('merged_id', '=', mergedId)
    .where('undone_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!merge || merge.survivor_id !== survivor.id) {
    throw new ConflictError(`No record of what merging "${merged.slug}" into "${survivor.slug}" moved, so it cannot be undone.`);
  }
  if (survivor.merged_into !== null) {
    const into = await slugOf(write, survivor.merged_into);
    throw new ConflictError(`"${survivor.slug}" has since been merged into "${into}"; unmerge it first.`);
  }
  const record = merge.moved as MergeRecord;
  await refuseLaterMergesBuiltOnThis(write, merge, record, survivor);

  const survivorBefore = await entitySnapshot(write, survivor.id);
  const mergedBefore = await entitySnapshot(write, mergedId);
  const context: RestoreContext = { write, survivor, merged, reason };
  await restoreAliases(context, record.aliases);
  await restoreRelations(context, record.relations);
  await restoreClaimSubjects(context, record.claimSubjects);

  const entity = await write.trx.updateTable('entities').set({ merged_into: null }).where('id', '=', mergedId).returningAll().executeTakeFirstOrThrow();
  await write.trx.updateTable('entity_merges').set({ undone_at: sql<Date>`now()` }).where('id', '=', merge.id).execute();
  for (const [id, before] of [[survivor.id, survivorBefore], [mergedId, mergedBefore]] as const) {
    await write.audit({ action: 'unmergeEntity', targetType: 'Entity', targetId: id, before, after: await entitySnapshot(write, id), reason });
  }
  return { entity, survivor };
}

/** The rows on the survivor's side that a merge created or changed, and those it built on. */
function survivorSideRows(record: MergeRecord) {
  return {
    changed: new Set([
      ...record.aliases.moved.map((row) => `alias ${JSON.stringify(row.alias)}`),
      ...(record.aliases.added ? [`alias ${JSON.stringify(record.aliases.added.alias)}`] : []),
      ...record.relations.repointed.map((row) => `relation ${row.id}`),
      ...record.relations.folded.map((row) => `relation ${row.into}`),
      ...record.claimSubjects.moved.map((row) => `claim ${row.claim_id} as ${row.role}`),
    ]),
    builtOn: new Set([
      ...record.aliases.folded.map((row) => `alias ${JSON.stringify(row.alias)}`),
      ...record.relations.folded.map((row) => `relation ${row.into}`),
      ...record.relations.retracted.map((row) => `relation ${row.id}`),
      ...record.claimSubjects.folded.map((row) => `claim ${row.claim_id} as ${row.role}`),
    ]),
  };
}

/**
 * A later merge into the same survivor may have folded rows into ones this merge moved there (the
 * same alias, relation or claim role); moving them back would take that merge's data along.
 */
async function refuseLaterMergesBuiltOnThis(write: Write, merge: EntityMergeRow, record: MergeRecord, survivor: EntityRow): Promise<void> {
  const later = await write.trx
    .selectFrom('entity_merges')
    .innerJoin('entities', 'entities.id', 'entity_merges.merged_id')
    .select(['entity_merges.moved', 'entities.slug'])
    .where('entity_merges.survivor_id', '=', survivor.id)
    .where('entity_merges.undone_at', 'is', null)
    .where('entity_merges.id', '>', merge.id)
    .orderBy('entity_merges.id', 'desc')
    .execute();
  const ours = survivorSideRows(record).changed;
  for (const other of later) {
    const shared = [...survivorSideRows(other.moved as MergeRecord).builtOn].filter((row) => ours.has(row));
    if (shared.length > 0) {
      throw new ConflictError(
        `"${other.slug}" was merged into "${survivor.slug}" later and folded into what this merge moved (${shared.slice(0, 3).join(', ')}); unmerge "${other.slug}" first.`,
      );
    }
  }
}

interface RestoreContext {
  write: Write;
  survivor: EntityRow;
  merged: EntityRow;
  reason: string;
}

async function restoreAliases({ write, survivor, merged }: RestoreContext, aliases: MergeRecord['aliases']): Promise<void> {
  const renamedTo = aliases.moved.find((row) => row.alias === survivor.name);
  if (renamedTo) {
    throw new ConflictError(`"${survivor.slug}" has since been renamed to ${JSON.stringify(renamedTo.alias)}, an alias the merge brought; rename it first.`);
  }
  if (aliases.moved.length > 0) {
    // The row the merge moved, or, removed and added back since, a row of the same spelling.
    const survivorAliases = await write.trx.selectFrom('entity_aliases').select(['id', 'alias']).where('entity_id', '=', survivor.id).execute();
    const rowIds = aliases.moved.map(
      (moved) => (survivorAliases.find((row) => row.id === moved.id) ?? survivorAliases.find((row) => row.alias === moved.alias))?.id,
    );
    const missing = aliases.moved.filter((_row, index) => rowIds[index] === undefined);
    if (missing.length > 0) {
      throw new ConflictError(
        `The alias ${missing.map((row) => JSON.stringify(row.alias)).join(', ')} that the merge moved was removed from "${survivor.slug}" since; add it back first.`,
      );
    }
    await write.trx.updateTable('entity_aliases').set({ entity_id: merged.id }).where('id', 'in', rowIds as number[]).execute();
  }
  // Removed since by someone else: then there is nothing left to take away. Kept when the survivor
  // has been renamed to it, since an entity's name is always among its aliases.
  if (aliases.added && aliases.added.alias !== survivor.name) await write.trx.deleteFrom('entity_aliases').where('id', '=', aliases.added.id).where('entity_id', '=', survivor.id).execute();
  await insertWithOriginalIds(write, 'entity_aliases', aliases.folded);
}

async function restoreRelations({ write, survivor, reason }: RestoreContext, relations: MergeRecord['relations']): Promise<void> {
  const audit = (id: number, before: unknown, after: unknown) =>
    write.audit({ action: 'unmergeEntity', targetType: 'Relation', targetId: id, before, after, reason });

  for (const fold of relations.folded) {
    const keptBefore = await write.trx.selectFrom('relations').select('id').where('id', '=', fold.into).executeTakeFirst();
    if (!keptBefore && fold.moved_citation_ids.length > 0) {
      throw new ConflictError(`Relation ${globalIdOf('Relation', fold.into)}, which took the citations of a relation the merge folded into it, no longer exists.`);
    }
    const keptSnapshot = keptBefore ? await relationSnapshot(write, fold.into) : null;
    await insertWithOriginalIds(write, 'relations', [fold.relation]);
    if (fold.moved_citation_ids.length > 0) {
      const moved = await write.trx
        .updateTable('citations')
        .set({ relation_id: fold.relation.id })
        .where('id', 'in', fold.moved_citation_ids)
        .where('relation_id', '=', fold.into)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== fold.moved_citation_ids.length) {
        throw new ConflictError(
          `Citations the merge moved to relation ${globalIdOf('Relation', fold.into)} were removed or moved since, so relation ${globalIdOf('Relation', fold.relation.id)} cannot get them back.`,
        );
      }
    }
    await insertWithOriginalIds(write, 'citations', fold.dropped_citations);
    await audit(fold.relation.id, null, await relationSnapshot(write, fold.relation.id));
    if (keptSnapshot && fold.moved_citation_ids.length > 0) await audit(fold.into, keptSnapshot, await relationSnapshot(write, fold.into));
  }

  for (const repoint of relations.repointed) {
    const row = await write.trx.selectFrom('relations').select(['subject_id', 'object_id']).where('id', '=', repoint.id).forUpdate().executeTakeFirst();
    if (!row || row.subject_id !== repoint.new_subject_id || row.object_id !== repoint.new_object_id) {
      throw new ConflictError(
        `Relation ${globalIdOf('Relation', repoint.id)}, which the merge moved to "${survivor.slug}", ${row ? 'has other ends' : 'no longer exists'} now.`,
      );
    }
    const before = await relationSnapshot(write, repoint.id);
    await write.trx
      .updateTable('relations')
      .set({ subject_id: repoint.subject_id, object_id: repoint.object_id })
      .where('id', '=', repoint.id)
      .execute();
    await audit(repoint.id, before, await relationSnapshot(write, repoint.id));
  }

  for (const retracted of relations.retracted) {
    const row = await write.trx.selectFrom('relations').select('status').where('id', '=', retracted.id).forUpdate().executeTakeFirst();
    if (row?.status !== 'retracted') {
      throw new ConflictError(
        `Relation ${globalIdOf('Relation', retracted.id)}, which the merge retracted, ${row ? `is ${row.status} now` : 'no longer exists'}; its state cannot be brought back.`,
      );
    }
    const before = await relationSnapshot(write, retracted.id);
    await write.trx.updateTable('relations').set({ status: retracted.status }).where('id', '=', retracted.id).execute();
    await audit(retracted.id, before, await relationSnapshot(write, retracted.id));
  }
}

async function restoreClaimSubjects({ write, survivor, merged, reason }: RestoreContext, subjects: MergeRecord['claimSubjects']): Promise<void> {
  const claimIds = [...new Set([...subjects.moved, ...subjects.folded].map((row) => row.claim_id))].sort((a, b) => a - b);
  if (claimIds.length === 0) return;
  const rows = await write.trx
    .selectFrom('claim_subjects')
    .select(['claim_id', 'entity_id', 'role'])
    .where('claim_id', 'in', claimIds)
    .where('entity_id', 'in', [survivor.id, merged.id])
    .execute();
  const has = (entityId: number, claimId: number, role: string) =>
    rows.some((row) => row.entity_id === entityId && row.claim_id === claimId && row.role === role);
  for (const row of subjects.moved) {
    if (!has(survivor.id, row.claim_id, row.role)) {
      throw new ConflictError(
        `Claim ${globalIdOf('Claim', row.claim_id)} no longer has "${survivor.slug}" as ${row.role}, where the merge put it; its subjects changed since.`,
      );
    }
  }
  for (const row of [...subjects.moved, ...subjects.folded]) {
    if (has(merged.id, row.claim_id, row.role)) {
      throw new ConflictError(`Claim ${globalIdOf('Claim', row.claim_id)} already has "${merged.slug}" as ${row.role} again.`);
    }
  }

  const befores = new Map<number, unknown>();
  for (const id of claimIds) befores.set(id, await claimSnapshot(write, id));
  for (const row of subjects.moved) {
    await write.trx
      .updateTable('claim_subjects')
      .set({ entity_id: merged.id })
      .where('claim_id', '=', row.claim_id)
      .where('entity_id', '=', survivor.id)
      .where('role', '=', row.role)
      .execute();
  }
  if (subjects.folded.length > 0) {
    await write.trx
      .insertInto('claim_subjects')
      .values(subjects.folded.map((row) => ({
        claim_id: row.claim_id, entity_id: merged.id, role: row.role, inferred: row.inferred ?? false, note: row.note ?? null,
      })))
      .execute();
  }
  for (const id of claimIds) {
    await write.audit({ action: 'unmergeEntity', targetType: 'Claim', targetId: id, before: befores.get(id), after: await claimSnapshot(write, id), reason });
  }
}
