// Table interfaces as Kysely sees them (snake_case, as in SQL), with Row/NewRow aliases per table.
import type { Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';

export interface ArticlesTable {
  id: Generated<number>;
  source_key: string;
  title: string | null;
  publisher: string;
  byline: string | null;
  /** 'YYYY-MM-DD', or null when the text gives no date. */
  published_on: string | null;
  published_text: string | null;
  url: string | null;
  language: Generated<string>;
  raw_text: string;
  body: string;
  /** SHA-256 of the normalised clean body (src/ingest/content-hash.ts); one article per value. */
  content_hash: string;
  /** When the article was stored. */
  collected_at: Generated<Date>;
  /** Which of title, byline and published_on were read from the text because the collector gave none. */
  metadata_from_text: Generated<string[]>;
}

export interface EntitiesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: string;
  description: string | null;
  status: Generated<string>;
  /** The survivor of a merge this entity went into; its slug and ID resolve there. */
  merged_into: number | null;
}

export interface EntityAliasesTable {
  id: Generated<number>;
  entity_id: number;
  alias: string;
  normalized: string;
  /** search_fold(normalized), computed by the database. */
  folded: GeneratedAlways<string>;
}

export interface ClaimsTable {
  id: Generated<number>;
  key: string;
  metric: string;
  value: number | null;
  unit: string;
  /** The text's own word for the unit, set exactly when unit is 'other'. */
  unit_text: string | null;
  hedge: Generated<string>;
  period_start: string | null;
  period_end: string | null;
  period_text: string | null;
  conversion_value: number | null;
  conversion_unit: string | null;
  conversion_hedge: string | null;
  status: Generated<string>;
  /** Qualifiers: the product the figure is about (normalizeProduct's form), trade direction, transport mode. */
  product: string | null;
  direction: string | null;
  mode: string | null;
}

export interface ClaimSubjectsTable {
  claim_id: number;
  entity_id: number;
  role: Generated<string>;
  /** True when the quote does not name the entity: attaching it is the curator's inference, `note` says why. */
  inferred: Generated<boolean>;
  note: string | null;
}

export interface RelationsTable {
  id: Generated<number>;
  kind: string;
  subject_id: number;
  object_id: number;
  detail: string | null;
  status: Generated<string>;
  /** When the relation holds, as the text states or implies it (as claims' periods). */
  period_start: string | null;
  period_end: string | null;
  period_text: string | null;
}

export interface CitationsTable {
  id: Generated<number>;
  claim_id: number | null;
  relation_id: number | null;
  article_id: number;
  quote: string;
  start_offset: number;
  end_offset: number;
}

/** Where an article names an entity: [start_offset, end_offset) in code points of its body. */
export interface ArticleMentionsTable {
  id: Generated<number>;
  article_id: number;
  entity_id: number;
  start_offset: number;
  end_offset: number;
  text: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  role: string;
  token_hash: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  occurred_at: Generated<Date>;
  actor: string;
  role: string;
  action: string;
  target_type: string;
  target_id: number;
  before: unknown;
  after: unknown;
  reason: string | null;
  request_id: string | null;
}

export interface EntityMergesTable {
  id: Generated<number>;
  survivor_id: number;
  merged_id: number;
  moved: unknown;
  merged_at: Generated<Date>;
  undone_at: Date | null;
}

export interface Database {
  api_tokens: ApiTokensTable;
  audit_events: AuditEventsTable;
  entity_merges: EntityMergesTable;
  articles: ArticlesTable;
  entities: EntitiesTable;
  entity_aliases: EntityAliasesTable;
  claims: ClaimsTable;
  claim_subjects: ClaimSubjectsTable;
  relations: RelationsTable;
  citations: CitationsTable;
  article_mentions: ArticleMentionsTable;
  article_captions: ArticleCaptionsTable;
}

/** An image caption in an article body (code points), as the cleaner marks it. */
export interface ArticleCaptionsTable {
  id: Generated<number>;
  article_id: number;
  start_offset: number;
  end_offset: number;
}

export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticleRow = Insertable<ArticlesTable>;
export type EntityRow = Selectable<EntitiesTable>;
export type NewEntityRow = Insertable<EntitiesTable>;
export type EntityAliasRow = Selectable<EntityAliasesTable>;
export type ClaimRow = Selectable<ClaimsTable>;
export type NewClaimRow = Insertable<ClaimsTable>;
export type ClaimSubjectRow = Selectable<ClaimSubjectsTable>;
export type RelationRow = Selectable<RelationsTable>;
export type NewRelationRow = Insertable<RelationsTable>;
export type CitationRow = Selectable<CitationsTable>;
export type NewCitationRow = Insertable<CitationsTable>;
export type ArticleMentionRow = Selectable<ArticleMentionsTable>;
export type NewArticleMentionRow = Insertable<ArticleMentionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEventRow = Insertable<AuditEventsTable>;
export type EntityMergeRow = Selectable<EntityMergesTable>;
