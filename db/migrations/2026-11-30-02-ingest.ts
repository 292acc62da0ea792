// Ingest of new articles: where each entity is mentioned in an article (offsets checked against the
// body), one article per URL and per content (the hash now over the normalised clean body), when an
// article was collected and which of its metadata the text itself stated, and Article audit events.
// Frozen once released: later changes are new migrations. Imports kysely only.
import { sql, type Kysely } from 'kysely';

const AUDIT_TARGET_TYPES = ['Entity', 'Claim', 'Relation', 'Token', 'Article'];
/** Article fields that may be filled from what the text states when the collector gave none. */
const METADATA_FROM_TEXT = ['title', 'byline', 'published_on'];

const oneOf = (column: string, values: string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

/**
 * The content hash of a body, as src/ingest/content-hash.ts computes it: SHA-256 (hex) of the body in
 * NFKC with every run of white space (JavaScript's \s) made one space, trimmed.
 */
const contentHashOf = (body: string) =>
  sql.raw(`encode(sha256(convert_to(btrim(regexp_replace(normalize(${body}, NFKC),
    '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]+', ' ', 'g'), ' '), 'UTF8')), 'hex')`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('articles')
    .addColumn('collected_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('metadata_from_text', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .execute();
  await sql`alter table articles add constraint articles_metadata_from_text_known
    check (metadata_from_text <@ array[${sql.raw(METADATA_FROM_TEXT.map((f) => `'${f}'`).join(', '))}]::text[])`.execute(db);
  // The same page collected twice is one article.
  await sql`create unique index articles_url_key on articles (url) where url is not null`.execute(db);
  // Until now the hash was over the raw text; the same article with other chrome or spacing must meet.
  await sql`update articles set content_hash = ${contentHashOf('body')}`.execute(db);

  await db.schema
    .createTable('article_mentions')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('entity_id', 'integer', (c) => c.notNull().references('entities.id').onDelete('cascade'))
    .addColumn('start_offset', 'integer', (c) => c.notNull())
    .addColumn('end_offset', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addUniqueConstraint('article_mentions_article_start_entity_key', ['article_id', 'start_offset', 'entity_id'])
    .addCheckConstraint('article_mentions_offsets_ordered', sql`start_offset >= 0 and end_offset > start_offset`)
    .addCheckConstraint('article_mentions_offsets_span_text', sql`end_offset - start_offset = char_length(text)`)
    .execute();
  // The unique key leads with article_id, which serves Article.mentions; entities look up their mentions here.
  await db.schema.createIndex('article_mentions_entity_id_idx').on('article_mentions').columns(['entity_id', 'article_id']).execute();

  // As for citations: a check constraint cannot see the body, so a trigger checks the text at the offsets.
  await sql`
    create function article_mentions_text_matches_body() returns trigger language plpgsql as $$
    declare
      article_body text;
    begin
      if new.start_offset < 0 or new.end_offset <= new.start_offset then
        raise exception 'mention offsets [%, %) violate check constraint "article_mentions_offsets_ordered"', new.start_offset, new.end_offset
          using errcode = 'check_violation', constraint = 'article_mentions_offsets_ordered';
      end if;
      select body into article_body from articles where id = new.article_id;
      if new.end_offset > char_length(article_body) then
        raise exception 'mention offsets [%, %) lie outside the body of article % (% characters)',
          new.start_offset, new.end_offset, new.article_id, char_length(article_body)
          using errcode = 'check_violation', constraint = 'article_mentions_offsets_inside_body';
      end if;
      if substr(article_body, new.start_offset + 1, new.end_offset - new.start_offset) <> new.text then
        raise exception 'mention text does not match the body of article % at [%, %)',
          new.article_id, new.start_offset, new.end_offset
          using errcode = 'check_violation', constraint = 'article_mentions_text_matches_body';
      end if;
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger article_mentions_text_matches_body before insert or update on article_mentions
    for each row execute function article_mentions_text_matches_body()`.execute(db);

  // An ingest is recorded against the article it stored.
  await sql`alter table audit_events drop constraint audit_events_target_type_known`.execute(db);
  await sql`alter table audit_events add constraint audit_events_target_type_known check (${oneOf('target_type', AUDIT_TARGET_TYPES)})`.execute(db);
}
