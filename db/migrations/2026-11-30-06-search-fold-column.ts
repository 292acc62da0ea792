// Faster name search. The folded spelling of each alias is stored (a generated column) instead of
// computed by the plpgsql search_fold() for every candidate row the trigram index hands back, and the
// GIN indexes stop using a pending list (fastupdate): after a bulk insert every search scanned that
// list in full until a vacuum merged it (29 ms -> 3 ms for a typo search over 30,000 aliases). Writes
// here are few and searches many, so an insert pays to update the index at once.
// prefer_trigram_index() is a planner hint: always true, declared costly. The planner costs pg_trgm's
// operators like '=', so on a small table it chose to compute four trigram similarities for every
// alias (64 ms for 7,500 aliases) over the index (1.3 ms); the costly search_fold() call used to hide
// that. Quals run cheapest first, so the hint only runs on the few rows the trigram test lets through.
// Frozen once released: later changes are new migrations. Imports kysely only.
import { sql, type Kysely } from 'kysely';

const GIN_INDEXES = [
  'entity_aliases_normalized_trgm_idx',
  'articles_search_vector_idx',
  'citations_quote_fts_idx',
  'claims_metric_fts_idx',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function prefer_trigram_index(name text) returns boolean
    language plpgsql immutable strict parallel safe cost 10000
    as $$ begin return true; end $$`.execute(db);
  await sql`alter table entity_aliases add column folded text generated always as (search_fold(normalized)) stored`.execute(db);
  await sql`drop index entity_aliases_folded_trgm_idx`.execute(db);
  await sql`create index entity_aliases_folded_trgm_idx on entity_aliases using gin (folded gin_trgm_ops) with (fastupdate = off)`.execute(db);
  for (const index of GIN_INDEXES) {
    await sql`alter index ${sql.id(index)} set (fastupdate = off)`.execute(db);
    // Turning fastupdate off keeps what the list holds already: merge it into the index now.
    await sql`select gin_clean_pending_list(${index}::regclass)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of GIN_INDEXES) await sql`alter index ${sql.id(index)} reset (fastupdate)`.execute(db);
  await sql`drop index entity_aliases_folded_trgm_idx`.execute(db);
  await sql`alter table entity_aliases drop column folded`.execute(db);
  await sql`create index entity_aliases_folded_trgm_idx on entity_aliases using gin (search_fold(normalized) gin_trgm_ops)`.execute(db);
  await sql`drop function prefer_trigram_index(text)`.execute(db);
}
