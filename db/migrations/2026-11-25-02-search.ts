// Search: trigram indexes for typo-tolerant entity names, full-text vectors and indexes for articles,
// citation quotes and claim metrics. Frozen once released: later changes are new migrations.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Spelling variants of transliterated names meet in one form: an h after a consonant is dropped
  // (Bakhtu/Baktu, Urumchi/Urumqi), c and q read as k, y as i (Almati, Nurishev), ou as u, and
  // doubled letters once. Applied to stored names and to the query alike; immutable so it can be
  // indexed. PL/pgSQL rather than SQL so it is not inlined, and priced high: at cost 100 the planner
  // still scanned all 7,500 aliases of the benchmark (180 ms) instead of the trigram indexes
  // (13 ms); at 10000 filtering every alias by it is dearer than the index from a few hundred rows.
  await sql`
    create function search_fold(name text) returns text
    language plpgsql immutable strict parallel safe cost 10000
    as $$
    begin
      return regexp_replace(
        replace(translate(regexp_replace(name, '([bcdgkpstz])h', '\\1', 'g'), 'cqy', 'kki'), 'ou', 'u'),
        '(.)\\1+', '\\1', 'g');
    end
    $$`.execute(db);

  await sql`create index entity_aliases_normalized_trgm_idx on entity_aliases using gin (normalized gin_trgm_ops)`.execute(db);
  await sql`create index entity_aliases_folded_trgm_idx on entity_aliases using gin (search_fold(normalized) gin_trgm_ops)`.execute(db);

  await sql`
    alter table articles add column search_vector tsvector generated always as (
      setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
      setweight(to_tsvector('english', coalesce(body, '')), 'B')
    ) stored`.execute(db);
  await sql`create index articles_search_vector_idx on articles using gin (search_vector)`.execute(db);

  // Claims are found through the words of their quotes and of their metric key.
  await sql`create index citations_quote_fts_idx on citations using gin (to_tsvector('english', quote))`.execute(db);
  await sql`create index claims_metric_fts_idx on claims using gin (to_tsvector('english', replace(metric, '_', ' ')))`.execute(db);
}
