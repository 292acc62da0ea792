// Curation through the API: API tokens (hashes only), an append-only audit trail, a RETRACTED state
// for claims and relations, candidate/rejected entities, and merges that leave a redirect behind.
// Frozen once released: later changes are new migrations. Imports kysely only.
import { sql, type Kysely } from 'kysely';

const STATUSES = ['candidate', 'curated', 'rejected', 'retracted'];
const ENTITY_STATUSES = ['candidate', 'curated', 'rejected'];
const ROLES = ['editor', 'admin'];

const oneOf = (column: string, values: string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    // SHA-256 of the token, hex: the token itself is shown once and never stored.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addCheckConstraint('api_tokens_name_format', sql`name ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$'`)
    .addCheckConstraint('api_tokens_role_known', oneOf('role', ROLES))
    .addCheckConstraint('api_tokens_hash_is_sha256', sql`token_hash ~ '^[0-9a-f]{64}$'`)
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('reason', 'text')
    .addColumn('request_id', 'text')
    .addCheckConstraint('audit_events_role_known', oneOf('role', ROLES))
    .addCheckConstraint('audit_events_action_format', sql`action ~ '^[a-z][a-zA-Z]*$'`)
    .addCheckConstraint('audit_events_target_type_known', oneOf('target_type', ['Entity', 'Claim', 'Relation', 'Token']))
    .execute();
  await db.schema.createIndex('audit_events_target_idx').on('audit_events').columns(['target_type', 'target_id', 'id']).execute();
  await db.schema.createIndex('audit_events_actor_idx').on('audit_events').columns(['actor', 'id']).execute();
  await db.schema.createIndex('audit_events_action_idx').on('audit_events').columns(['action', 'id']).execute();
  await db.schema.createIndex('audit_events_occurred_at_idx').on('audit_events').columns(['occurred_at', 'id']).execute();

  // Retracted: withdrawn after the fact; kept, hidden from default reads.
  for (const table of ['claims', 'relations']) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(`${table}_status_known`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(`${table}_status_known`)} check (${oneOf('status', STATUSES)})`.execute(db);
  }

  await db.schema
    .alterTable('entities')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('curated'))
    // The survivor this entity was merged into: its slug and ID then resolve there.
    .addColumn('merged_into', 'integer', (c) => c.references('entities.id'))
    .execute();
  await sql`alter table entities add constraint entities_status_known check (${oneOf('status', ENTITY_STATUSES)})`.execute(db);
  await sql`alter table entities add constraint entities_not_merged_into_itself check (merged_into <> id)`.execute(db);
  await sql`create index entities_merged_into_idx on entities (merged_into) where merged_into is not null`.execute(db);
  await sql`create index entities_status_pending_idx on entities (status) where status <> 'curated'`.execute(db);

  // What one merge moved, so that it can be undone exactly.
  await db.schema
    .createTable('entity_merges')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('survivor_id', 'integer', (c) => c.notNull().references('entities.id'))
    .addColumn('merged_id', 'integer', (c) => c.notNull().references('entities.id'))
    .addColumn('moved', 'jsonb', (c) => c.notNull())
    .addColumn('merged_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('undone_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('entity_merges_survivor_id_idx').on('entity_merges').column('survivor_id').execute();
  // At most one live merge per merged entity.
  await sql`create unique index entity_merges_live_key on entity_merges (merged_id) where undone_at is null`.execute(db);
}
