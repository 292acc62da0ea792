// Writes to entities and their aliases. Each takes a Write (transaction + audit) and records a
// before/after snapshot of the entity.
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { normalizeName, type EntityKind, type EntityStatus } from '../../domain/vocabulary.ts';
import type { Write } from '../audit.ts';
import { changeStatus, review, type StatusTarget } from './status.ts';
import type { EntityRow } from '../types.ts';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** An entity as the audit trail records it: its row and its aliases. */
export interface EntitySnapshot extends EntityRow {
  aliases: string[];
}

export async function entitySnapshot(write: Write, id: number): Promise<EntitySnapshot> {
  const entity = await write.trx.selectFrom('entities').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const aliases = await write.trx.selectFrom('entity_aliases').select('alias').where('entity_id', '=', id).orderBy('alias').execute();
  return { ...entity, aliases: aliases.map((row) => row.alias) };
}

/** The entity, locked for the rest of the transaction; NotFoundError when it does not exist or was merged away. */
export async function lockEntity(write: Write, id: number, field: string): Promise<EntityRow> {
  const entity = await write.trx.selectFrom('entities').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!entity) throw new NotFoundError(`${field}: no entity has this ID.`, String(id));
  if (entity.merged_into !== null) {
    throw new ConflictError(`${field}: entity "${entity.slug}" was merged into another entity; write to the survivor instead.`);
  }
  return entity;
}

/** A slug from a name: Latin letters and digits joined by hyphens; null when the name has none. */
export function slugFromName(name: string): string | null {
  const slug = normalizeName(name).replace(/ /g, '-');
  return SLUG.test(slug) ? slug : null;
}

async function insertAlias(write: Write, entityId: number, alias: string): Promise<boolean> {
  const inserted = await write.trx
    .insertInto('entity_aliases')
    .values({ entity_id: entityId, alias, normalized: normalizeName(alias) })
    .onConflict((oc) => oc.columns(['entity_id', 'alias']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

function checkName(name: string, field: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || normalizeName(trimmed) === '') throw new ValidationError('A name needs at least one letter or digit.', field);
  return trimmed;
}

export interface NewEntity {
  name: string;
  kind: EntityKind;
  slug?: string | null;
  description?: string | null;
  aliases?: readonly string[] | null;
  status?: EntityStatus;
}

export async function createEntity(write: Write, input: NewEntity, reason: string | null): Promise<EntityRow> {
  const name = checkName(input.name, 'input.name');
  const slug = input.slug ?? slugFromName(name);
  if (!slug) throw new ValidationError('The name has no Latin letters or digits to make a slug from; give a slug.', 'input.slug');
  if (!SLUG.test(slug)) throw new ValidationError('A slug is lowercase letters and digits in words joined by hyphens.', 'input.slug');
  const taken = await write.trx.selectFrom('entities').select('id').where('slug', '=', slug).executeTakeFirst();
  if (taken) throw new ConflictError(`The slug "${slug}" is taken.`);
  const entity = await write.trx
    .insertInto('entities')
    .values({ slug, name, kind: input.kind, description: input.description?.trim() || null, status: input.status ?? 'curated' })
    .returningAll()
    .executeTakeFirstOrThrow();
  // The canonical name is stored as an alias too, so search looks in one place.
  for (const [index, alias] of [name, ...(input.aliases ?? [])].entries()) {
    await insertAlias(write, entity.id, index === 0 ? alias : checkName(alias, `input.aliases.${index - 1}`));
  }
  await write.audit({ action: 'createEntity', targetType: 'Entity', targetId: entity.id, after: await entitySnapshot(write, entity.id), reason });
  return entity;
}

export interface EntityChanges {
  name?: string | null;
  kind?: EntityKind | null;
  /** null clears it; undefined leaves it. */
  description?: string | null;
}

export async function updateEntity(write: Write, id: number, changes: EntityChanges, reason: string | null): Promise<EntityRow> {
  await lockEntity(write, id, 'input.id');
  const before = await entitySnapshot(write, id);
  const name = changes.name == null ? undefined : checkName(changes.name, 'input.name');
  const set = {
    ...(name !== undefined ? { name } : {}),
    ...(changes.kind ? { kind: changes.kind } : {}),
    ...(changes.description !== undefined ? { description: changes.description?.trim() || null } : {}),
  };
  if (Object.keys(set).length === 0) throw new ValidationError('Nothing to change: give a name, kind or description.', 'input');
  const entity = await write.trx.updateTable('entities').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  // A renamed entity stays findable under both names.
  if (name !== undefined) await insertAlias(write, id, name);
  await write.audit({ action: 'updateEntity', targetType: 'Entity', targetId: id, before, after: await entitySnapshot(write, id), reason });
  return entity;
}

export async function addAlias(write: Write, id: number, alias: string, reason: string | null): Promise<EntityRow> {
  const entity = await lockEntity(write, id, 'input.entity');
  const before = await entitySnapshot(write, id);
  const clean = checkName(alias, 'input.alias');
  if (!(await insertAlias(write, id, clean))) throw new ConflictError(`"${entity.name}" already has the alias "${clean}".`);
  await write.audit({ action: 'addAlias', targetType: 'Entity', targetId: id, before, after: await entitySnapshot(write, id), reason });
  return entity;
}

export async function removeAlias(write: Write, id: number, alias: string, reason: string | null): Promise<EntityRow> {
  const entity = await lockEntity(write, id, 'input.entity');
  if (alias === entity.name) throw new ValidationError('The canonical name cannot be removed; rename the entity instead.', 'input.alias');
  const before = await entitySnapshot(write, id);
  const removed = await write.trx.deleteFrom('entity_aliases').where('entity_id', '=', id).where('alias', '=', alias).executeTakeFirst();
  if (Number(removed.numDeletedRows) === 0) throw new NotFoundError(`"${entity.name}" has no alias "${alias}".`, alias);
  await write.audit({ action: 'removeAlias', targetType: 'Entity', targetId: id, before, after: await entitySnapshot(write, id), reason });
  return entity;
}

const ENTITY: StatusTarget<EntityRow> = { type: 'Entity', table: 'entities', lock: lockEntity, snapshot: entitySnapshot };

/** ACCEPT makes a candidate entity curated, REJECT rejected; anything else is a ConflictError. */
export const reviewEntity = (write: Write, id: number, accept: boolean, reason: string | null): Promise<EntityRow> =>
  changeStatus(write, ENTITY, id, review('reviewEntity', accept), reason);

