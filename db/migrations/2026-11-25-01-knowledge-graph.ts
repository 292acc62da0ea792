// The knowledge graph's tables: articles, entities and aliases, claims, relations, citations.
// Frozen once released: later changes are new migrations. Imports kysely only.
import { sql, type Kysely } from 'kysely';

const ENTITY_KINDS = [
  'company', 'branch', 'terminal', 'dry_port', 'logistics_center', 'port', 'station', 'city', 'region',
  'country', 'rail_service', 'route', 'organisation', 'economic_zone', 'policy', 'initiative', 'person',
  'facility', 'event',
];
const RELATION_KINDS = [
  'operates_terminal', 'sister_city_of', 'border_port_of', 'located_in', 'branch_of', 'hub_of', 'on_route',
  'works_for', 'plans_facility', 'part_of', 'partner_of', 'largest_trading_partner_of', 'shares_border_with',
  'national_of', 'educated_at', 'met_with', 'member_of',
];
const SYMMETRIC_RELATION_KINDS = ['sister_city_of', 'partner_of', 'shares_border_with', 'met_with'];
const UNITS = [
  'USD', 'CNY', 'TEU', 'tonne', 'train', 'trip', 'vehicle', 'percent', 'mu', 'hectare', 'person',
  'organisation', 'project', 'route', 'year', 'month', 'day', 'hour', 'times', 'visit', 'date',
];
const HEDGES = ['exact', 'more_than', 'at_least', 'less_than', 'about', 'nearly', 'up_to'];
const STATUSES = ['candidate', 'curated', 'rejected'];
const SUBJECT_ROLES = ['subject', 'origin', 'destination', 'location', 'counterpart', 'source', 'channel'];

const oneOf = (column: string, values: string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create extension if not exists unaccent`.execute(db);

  await db.schema
    .createTable('articles')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('source_key', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text')
    .addColumn('publisher', 'text', (c) => c.notNull())
    .addColumn('byline', 'text')
    .addColumn('published_on', 'date')
    .addColumn('published_text', 'text')
    .addColumn('url', 'text')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('raw_text', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull().unique())
    .addCheckConstraint('articles_body_not_empty', sql`length(body) > 0`)
    .addCheckConstraint('articles_url_is_http', sql`url is null or url ~ '^https?://'`)
    .addCheckConstraint('articles_content_hash_is_sha256', sql`content_hash ~ '^[0-9a-f]{64}$'`)
    .execute();

  await db.schema
    .createTable('entities')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addCheckConstraint('entities_slug_format', sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
    .addCheckConstraint('entities_kind_known', oneOf('kind', ENTITY_KINDS))
    .addCheckConstraint('entities_name_not_blank', sql`btrim(name) <> ''`)
    .execute();
  await db.schema.createIndex('entities_kind_idx').on('entities').column('kind').execute();

  await db.schema
    .createTable('entity_aliases')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('entity_id', 'integer', (c) => c.notNull().references('entities.id').onDelete('cascade'))
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('normalized', 'text', (c) => c.notNull())
    .addUniqueConstraint('entity_aliases_entity_alias_key', ['entity_id', 'alias'])
    .addCheckConstraint('entity_aliases_not_blank', sql`btrim(alias) <> '' and normalized <> ''`)
    .execute();
  await db.schema.createIndex('entity_aliases_entity_id_idx').on('entity_aliases').column('entity_id').execute();
  await db.schema.createIndex('entity_aliases_normalized_idx').on('entity_aliases').column('normalized').execute();

  await db.schema
    .createTable('claims')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('value', 'numeric')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('hedge', 'text', (c) => c.notNull().defaultTo('exact'))
    .addColumn('period_start', 'date')
    .addColumn('period_end', 'date')
    .addColumn('period_text', 'text')
    .addColumn('conversion_value', 'numeric')
    .addColumn('conversion_unit', 'text')
    .addColumn('conversion_hedge', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('curated'))
    .addCheckConstraint('claims_metric_format', sql`metric ~ '^[a-z][a-z0-9_]*$'`)
    .addCheckConstraint('claims_unit_known', oneOf('unit', UNITS))
    .addCheckConstraint('claims_hedge_known', oneOf('hedge', HEDGES))
    .addCheckConstraint('claims_status_known', oneOf('status', STATUSES))
    // A date claim (an opening, a launch) carries its date in the period, not in value.
    .addCheckConstraint('claims_value_present_unless_date', sql`(value is null) = (unit = 'date')`)
    .addCheckConstraint('claims_date_has_period', sql`unit <> 'date' or period_start is not null or period_text is not null`)
    .addCheckConstraint('claims_period_ordered', sql`period_start is null or period_end is null or period_start <= period_end`)
    .addCheckConstraint(
      'claims_conversion_complete',
      sql`(conversion_value is null and conversion_unit is null and conversion_hedge is null)
        or (conversion_value is not null and conversion_unit is not null and conversion_hedge is not null)`,
    )
    .addCheckConstraint('claims_conversion_unit_known', sql`conversion_unit is null or ${oneOf('conversion_unit', UNITS)}`)
    .addCheckConstraint('claims_conversion_hedge_known', sql`conversion_hedge is null or ${oneOf('conversion_hedge', HEDGES)}`)
    .execute();
  await db.schema.createIndex('claims_metric_idx').on('claims').columns(['metric', 'period_start']).execute();

  await db.schema
    .createTable('claim_subjects')
    .addColumn('claim_id', 'integer', (c) => c.notNull().references('claims.id').onDelete('cascade'))
    .addColumn('entity_id', 'integer', (c) => c.notNull().references('entities.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('subject'))
    .addPrimaryKeyConstraint('claim_subjects_pkey', ['claim_id', 'entity_id', 'role'])
    .addCheckConstraint('claim_subjects_role_known', oneOf('role', SUBJECT_ROLES))
    .execute();
  await db.schema.createIndex('claim_subjects_entity_id_idx').on('claim_subjects').column('entity_id').execute();

  await db.schema
    .createTable('relations')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('entities.id').onDelete('cascade'))
    .addColumn('object_id', 'integer', (c) => c.notNull().references('entities.id').onDelete('cascade'))
    .addColumn('detail', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('curated'))
    .addUniqueConstraint('relations_kind_subject_object_key', ['kind', 'subject_id', 'object_id'])
    .addCheckConstraint('relations_kind_known', oneOf('kind', RELATION_KINDS))
    .addCheckConstraint('relations_status_known', oneOf('status', STATUSES))
    .addCheckConstraint('relations_not_reflexive', sql`subject_id <> object_id`)
    // A symmetric relation is stored once, lower id first, so it cannot be stored twice.
    .addCheckConstraint(
      'relations_symmetric_stored_once',
      sql`not (${oneOf('kind', SYMMETRIC_RELATION_KINDS)}) or subject_id < object_id`,
    )
    .execute();
  await db.schema.createIndex('relations_subject_id_idx').on('relations').columns(['subject_id', 'kind']).execute();
  await db.schema.createIndex('relations_object_id_idx').on('relations').columns(['object_id', 'kind']).execute();

  await db.schema
    .createTable('citations')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('claim_id', 'integer', (c) => c.references('claims.id').onDelete('cascade'))
    .addColumn('relation_id', 'integer', (c) => c.references('relations.id').onDelete('cascade'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('start_offset', 'integer', (c) => c.notNull())
    .addColumn('end_offset', 'integer', (c) => c.notNull())
    .addCheckConstraint('citations_exactly_one_target', sql`num_nonnulls(claim_id, relation_id) = 1`)
    .addCheckConstraint('citations_offsets_ordered', sql`start_offset >= 0 and end_offset > start_offset`)
    .addCheckConstraint('citations_offsets_span_quote', sql`end_offset - start_offset = char_length(quote)`)
    .execute();
  await db.schema.createIndex('citations_claim_id_idx').on('citations').column('claim_id').execute();
  await db.schema.createIndex('citations_relation_id_idx').on('citations').column('relation_id').execute();
  await db.schema.createIndex('citations_article_id_idx').on('citations').column('article_id').execute();
  await sql`create unique index citations_claim_article_offset_key on citations (claim_id, article_id, start_offset) where claim_id is not null`.execute(db);
  await sql`create unique index citations_relation_article_offset_key on citations (relation_id, article_id, start_offset) where relation_id is not null`.execute(db);

  // A check constraint cannot see the article's body, so a trigger checks that the quote is
  // exactly the text at its offsets (offsets count characters, as PostgreSQL does).
  await sql`
    create function citations_quote_matches_body() returns trigger language plpgsql as $$
    declare
      article_body text;
    begin
      -- Misordered offsets get the check constraint's own name, before substr() sees them.
      if new.start_offset < 0 or new.end_offset <= new.start_offset then
        raise exception 'citation offsets [%, %) violate check constraint "citations_offsets_ordered"', new.start_offset, new.end_offset
          using errcode = 'check_violation', constraint = 'citations_offsets_ordered';
      end if;
      select body into article_body from articles where id = new.article_id;
      if new.end_offset > char_length(article_body) then
        raise exception 'citation offsets [%, %) lie outside the body of article % (% characters)',
          new.start_offset, new.end_offset, new.article_id, char_length(article_body)
          using errcode = 'check_violation', constraint = 'citations_offsets_inside_body';
      end if;
      if substr(article_body, new.start_offset + 1, new.end_offset - new.start_offset) <> new.quote then
        raise exception 'citation quote does not match the body of article % at [%, %)',
          new.article_id, new.start_offset, new.end_offset
          using errcode = 'check_violation', constraint = 'citations_quote_matches_body';
      end if;
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger citations_quote_matches_body before insert or update on citations
    for each row execute function citations_quote_matches_body()`.execute(db);
}
