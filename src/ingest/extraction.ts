// What extraction finds in a clean article body, before anything is written: the shapes the
// pipeline steps (metadata, mentions, figures, relations) hand to the ingest write.
// Offsets count Unicode code points into the clean body, as PostgreSQL and Citation.startOffset do.
import type { EntityKind, Hedge, RelationKind, SubjectRole } from '../domain/vocabulary.ts';

/** A span of the clean body: [start, end) in code points, and the text there. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** An entity a finding refers to: a known one by id, or a candidate proposed in the same article by key. */
export type EntityRef = { entityId: number } | { candidateKey: string };

/** An alias of a known entity, as the mention matcher is built from. */
export interface KnownAlias {
  entityId: number;
  alias: string;
}

/** A new name proposed as a candidate entity; `key` is unique within one article. */
export interface CandidateEntity {
  key: string;
  name: string;
  kind: EntityKind;
}

export interface Mention extends Span {
  entity: EntityRef;
}

export interface FoundPeriod {
  /** 'YYYY-MM-DD', null when the text gives no resolvable start. */
  start: string | null;
  end: string | null;
  /** The text's own words for the period ("last year", "in the first 11 months of this year"). */
  text: string | null;
}

export interface FoundFigure {
  /** Null only for unit "date" (the date is the period). */
  value: number | null;
  /** A unit of the vocabulary (src/domain/vocabulary.ts UNITS). */
  unit: string;
  /** The unit's own word when the vocabulary has no unit for it (unit is then "other"). */
  unitText: string | null;
  hedge: Hedge;
  period: FoundPeriod | null;
  /** A figure stated alongside in another unit: "19.5 billion yuan ($2.77 billion)". */
  conversion: { value: number; unit: string; hedge: Hedge } | null;
  /** snake_case metric key. */
  metric: string;
  /** The sentence (or clause) quoted as the citation. */
  quote: Span;
  /** The number itself within the body. */
  figure: Span;
  subjects: Array<{ entity: EntityRef; role: SubjectRole }>;
}

export interface FoundRelation {
  kind: RelationKind;
  subject: EntityRef;
  object: EntityRef;
  detail: string | null;
  quote: Span;
}

/** Metadata the text itself states, used only for fields the caller left empty. */
export interface StatedMetadata {
  title: string | null;
  byline: string | null;
  publishedOn: string | null;
  /** The words the date was read from. */
  publishedText: string | null;
}
