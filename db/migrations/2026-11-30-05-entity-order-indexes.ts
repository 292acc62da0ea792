// Entity lists are ordered by name then id, mostly within one kind: indexes in that order let a page
// be read in order and stop at its size instead of sorting every entity of the kind. Frozen once
// released: later changes are new migrations. Imports kysely only.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('entities_kind_name_id_idx').on('entities').columns(['kind', 'name', 'id']).execute();
  await db.schema.createIndex('entities_name_id_idx').on('entities').columns(['name', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('entities_name_id_idx').execute();
  await db.schema.dropIndex('entities_kind_name_id_idx').execute();
}
