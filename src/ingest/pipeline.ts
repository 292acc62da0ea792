// The ingest pipeline as one pure function: a new article's text and metadata in, everything to store
// out (the cleaned article, its mentions, candidate entities, figures and relations), nothing written.
// clean → stated metadata → known mentions → candidate entities → figures → relations.
import { ENTITY_KINDS, HEDGES, RELATION_KINDS, SUBJECT_ROLES, UNITS, isOneOf, normalizeName, type EntityKind } from '../domain/vocabulary.ts';
import type { CandidateEntity, EntityRef, FoundFigure, FoundRelation, KnownAlias, Mention, Span } from './extraction.ts';
import { extractFigures } from './figures.ts';
import { identifyArticle, isRealDate, publisherFromUrl, UNKNOWN_PUBLISHER, type IngestInput } from './ingest-input.ts';
import { createMentionMatcher, proposeCandidateEntities } from './mentions.ts';
import { readStatedMetadata } from './metadata.ts';
import { cleanArticle, type CaptionSpan } from './clean.ts';
import { extractRelations } from './relation-patterns.ts';

/** What the pipeline needs to know of the graph: the aliases to find, their entities' kinds, the metric keys in use. */
export interface IngestKnowledge {
  aliases: readonly KnownAlias[];
  /** The kind of each entity the aliases name (relation patterns check what may relate to what). */
  kinds: ReadonlyMap<number, EntityKind>;
  metrics: readonly string[];
}

/** Article columns that may be filled from what the text states (articles.metadata_from_text). */
export type MetadataField = 'title' | 'byline' | 'published_on';

export interface PlannedIngestArticle {
  sourceKey: string;
  title: string | null;
  publisher: string;
  byline: string | null;
  publishedOn: string | null;
  publishedText: string | null;
  url: string | null;
  language: string;
  rawText: string;
  body: string;
  /** Image captions in the body (code points), as the cleaner marks them. */
  captions: CaptionSpan[];
  contentHash: string;
  metadataFromText: MetadataField[];
}

export interface IngestPlan {
  article: PlannedIngestArticle;
  /** New names, each mentioned at least once; written as candidate entities. */
  candidates: CandidateEntity[];
  /** Known and candidate entities, in body order. */
  mentions: Mention[];
  figures: FoundFigure[];
  relations: FoundRelation[];
  /** Findings left out because the database could not store them as they are (see storable*). */
  discarded: { mentions: number; figures: number; relations: number };
}

/** Runs the whole pipeline on a checked input (see checkIngestInput). */
export function planIngest(input: IngestInput, known: IngestKnowledge): IngestPlan {
  const identity = identifyArticle(input);
  const { body } = identity;

  // Stated metadata fills only what the caller left empty, and is marked as read from the text.
  const stated = readStatedMetadata(input.text, body);
  const metadataFromText: MetadataField[] = [];
  const fromText = <T>(field: MetadataField, given: T | null | undefined, read: T | null): T | null => {
    if (given != null) return given;
    if (read !== null) metadataFromText.push(field);
    return read;
  };
  const title = fromText('title', input.title, stated.title?.trim() || null);
  const byline = fromText('byline', input.byline, stated.byline?.trim() || null);
  const statedDate = stated.publishedOn !== null && isRealDate(stated.publishedOn) ? stated.publishedOn : null;
  const publishedOn = fromText('published_on', input.publishedOn, statedDate);
  // The date's own words only when the date itself came from the text.
  const publishedText = input.publishedOn == null && statedDate !== null ? stated.publishedText : null;

  const knownMentions = createMentionMatcher(known.aliases).find(body);
  const proposed = proposeCandidateEntities(body, knownMentions);
  const allMentions = mergeMentions(knownMentions, proposed.mentions);
  const figures = extractFigures(body, { publishedOn, mentions: allMentions, knownMetrics: known.metrics });
  const candidateKinds = new Map(proposed.candidates.map((c) => [c.key, c.kind]));
  const relations = extractRelations(body, allMentions, (ref) =>
    'entityId' in ref ? known.kinds.get(ref.entityId) : candidateKinds.get(ref.candidateKey));

  // A candidate the entities table would refuse (an unknown kind, a name without letters or digits) is
  // left out, and so is everything that points at it.
  const storableCandidates = proposed.candidates.filter((c) => isOneOf(ENTITY_KINDS, c.kind) && normalizeName(c.name) !== '');
  const check = storableChecks(body, storableCandidates);
  const mentions = allMentions.filter((m) => check.span(m) && check.ref(m.entity));
  const keptFigures = figures.flatMap((figure) => {
    const kept = storableFigure(figure, check);
    return kept ? [kept] : [];
  });
  const keptRelations = relations.filter((r) => storableRelation(r, check));
  // A candidate is stored only when something in the article still points at it.
  const referenced = new Set<string>();
  const note = (ref: EntityRef) => 'candidateKey' in ref && referenced.add(ref.candidateKey);
  mentions.forEach((m) => note(m.entity));
  keptFigures.forEach((f) => f.subjects.forEach((s) => note(s.entity)));
  keptRelations.forEach((r) => (note(r.subject), note(r.object)));

  return {
    article: {
      sourceKey: identity.sourceKey,
      title,
      publisher: input.publisher ?? publisherFromUrl(input.url ?? null) ?? UNKNOWN_PUBLISHER,
      byline,
      publishedOn,
      publishedText,
      url: input.url ?? null,
      language: input.language ?? 'en',
      rawText: input.text,
      body,
      captions: cleanArticle(input.text).captions,
      contentHash: identity.contentHash,
      metadataFromText,
    },
    candidates: storableCandidates.filter((c) => referenced.has(c.key)),
    mentions,
    figures: keptFigures,
    relations: keptRelations,
    discarded: {
      mentions: allMentions.length - mentions.length,
      figures: figures.length - keptFigures.length,
      relations: relations.length - keptRelations.length,
    },
  };
}

const refKey = (ref: EntityRef) => ('entityId' in ref ? `e${ref.entityId}` : `c${ref.candidateKey}`);

/** Known and candidate mentions together, each (span, entity) once, in body order. */
function mergeMentions(...lists: Mention[][]): Mention[] {
  const byKey = new Map<string, Mention>();
  for (const mention of lists.flat()) byKey.set(`${mention.start}|${mention.end}|${refKey(mention.entity)}`, mention);
  return [...byKey.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

// ---------------------------------------------------------------------------------------------
// What the database would refuse is left out here, so that one odd finding cannot fail an ingest.

interface StorableChecks {
  /** The span lies in the body and its text is the body there (code points). */
  span(span: Span): boolean;
  /** A known entity, or a candidate of this plan. */
  ref(ref: EntityRef): boolean;
}

function storableChecks(body: string, candidates: readonly CandidateEntity[]): StorableChecks {
  const chars = Array.from(body);
  const keys = new Set(candidates.map((c) => c.key));
  return {
    span: (span) =>
      Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.end > span.start &&
      span.end <= chars.length && chars.slice(span.start, span.end).join('') === span.text,
    ref: (ref) => ('entityId' in ref ? Number.isInteger(ref.entityId) && ref.entityId > 0 : keys.has(ref.candidateKey)),
  };
}

const METRIC = /^[a-z][a-z0-9_]*$/;
const MAX_METRIC_LENGTH = 100;

/** The figure as the claims table takes it (its subjects without dangling ones), or null when it cannot be stored. */
function storableFigure(figure: FoundFigure, check: StorableChecks): FoundFigure | null {
  if (!isOneOf(UNITS, figure.unit) || !isOneOf(HEDGES, figure.hedge)) return null;
  if (!METRIC.test(figure.metric) || figure.metric.length > MAX_METRIC_LENGTH) return null;
  if (figure.unit === 'date' ? figure.value !== null : figure.value === null || !Number.isFinite(figure.value)) return null;
  if ((figure.unit === 'other') !== Boolean(figure.unitText?.trim())) return null;
  const period = figure.period;
  if (period) {
    if ((period.start !== null && !isRealDate(period.start)) || (period.end !== null && !isRealDate(period.end))) return null;
    if (period.start !== null && period.end !== null && period.start > period.end) return null;
  }
  if (figure.unit === 'date' && !period?.start && !period?.text?.trim()) return null;
  const conversion = figure.conversion;
  if (conversion && (!Number.isFinite(conversion.value) || !isOneOf(UNITS, conversion.unit) || ['date', 'other'].includes(conversion.unit) ||
    !isOneOf(HEDGES, conversion.hedge))) return null;
  if (!check.span(figure.quote)) return null;
  const seen = new Set<string>();
  const subjects = figure.subjects.filter((subject) => {
    const key = `${refKey(subject.entity)}|${subject.role}`;
    if (!check.ref(subject.entity) || !isOneOf(SUBJECT_ROLES, subject.role) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ...figure, subjects };
}

function storableRelation(relation: FoundRelation, check: StorableChecks): boolean {
  return isOneOf(RELATION_KINDS, relation.kind) && check.ref(relation.subject) && check.ref(relation.object) &&
    refKey(relation.subject) !== refKey(relation.object) && check.span(relation.quote);
}
