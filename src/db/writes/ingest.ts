// Stores an ingest plan in one transaction: the article (one per content and per URL, even under
// concurrent ingests), its mentions, and the candidate entities, claims and relations found in it,
// each with an audit event. A failure anywhere rolls all of it back.
import anyAscii from 'any-ascii';
import { ConflictError } from '../../domain/errors.ts';
import { globalIdOf } from '../../domain/global-ids.ts';
import { SYMMETRIC_RELATION_KINDS, normalizeName, type RelationKind } from '../../domain/vocabulary.ts';
import type { CandidateEntity, EntityRef, FoundFigure, FoundRelation, Span } from '../../ingest/extraction.ts';
import type { IngestPlan } from '../../ingest/pipeline.ts';
import { ARTICLE_COLUMNS } from '../articles.ts';
import type { Write } from '../audit.ts';
import { findArticleByIdentity } from '../ingest.ts';
import type { ArticleRow } from '../types.ts';
import { relationSnapshot } from './relations.ts';
import { slugFromName } from './entities.ts';

export interface IngestCounts {
  /** Mentions stored (known and candidate entities). */
  mentions: number;
  /** Candidate entities created. */
  candidateEntities: number;
  /** Candidate claims created. */
  candidateClaims: number;
  /** Candidate relations created, or already awaiting review and now cited by this article too. */
  candidateRelations: number;
}

export interface IngestResult {
  article: ArticleRow;
  /** False when the same content or URL was stored already: that article is returned and nothing is written. */
  created: boolean;
  /** What this ingest stored; all zero when created is false. */
  counts: IngestCounts;
}

export const NOTHING_STORED: Readonly<IngestCounts> = Object.freeze({ mentions: 0, candidateEntities: 0, candidateClaims: 0, candidateRelations: 0 });

/** Largest number of rows one INSERT carries; PostgreSQL allows 65,535 parameters a statement. */
const CHUNK = 1000;

function chunks<T>(rows: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) result.push(rows.slice(i, i + CHUNK));
  return result;
}

export async function writeIngest(write: Write, plan: IngestPlan): Promise<IngestResult> {
  const { trx } = write;
  const a = plan.article;
  // ON CONFLICT covers every unique index (content hash, source key, URL): a concurrent ingest of
  // the same article waits for the first to commit, then finds its row.
  const inserted = await trx
    .insertInto('articles')
    .values({
      source_key: a.sourceKey, title: a.title, publisher: a.publisher, byline: a.byline, published_on: a.publishedOn,
      published_text: a.publishedText, url: a.url, language: a.language, raw_text: a.rawText, body: a.body,
      content_hash: a.contentHash, metadata_from_text: a.metadataFromText,
    })
    .onConflict((oc) => oc.doNothing())
    .returning(ARTICLE_COLUMNS)
    .executeTakeFirst();
  if (!inserted) {
    const existing = await findArticleByIdentity(trx, { contentHash: a.contentHash, url: a.url });
    if (!existing) throw new ConflictError(`An article with the source key "${a.sourceKey}" exists with other content.`);
    return { article: existing, created: false, counts: NOTHING_STORED };
  }

  const article = inserted as ArticleRow;
  if (a.captions.length > 0) {
    await trx.insertInto('article_captions')
      .values(a.captions.map((c) => ({ article_id: article.id, start_offset: c.start, end_offset: c.end })))
      .execute();
  }
  const articleId = globalIdOf('Article', article.id);
  const reason = `Found by ingesting article ${articleId}.`;
  const entities = await resolveEntities(write, plan, reason);
  const counts: IngestCounts = { ...NOTHING_STORED, candidateEntities: entities.created };

  // Mentions: one per entity and start; a rejected entity's mentions are dropped.
  const mentionRows = new Map<string, { article_id: number; entity_id: number; start_offset: number; end_offset: number; text: string }>();
  for (const mention of plan.mentions) {
    const entityId = entities.idOf(mention.entity);
    if (entityId === null) continue;
    mentionRows.set(`${mention.start}|${entityId}`, { article_id: article.id, entity_id: entityId, ...offsets(mention) });
  }
  for (const rows of chunks([...mentionRows.values()])) await trx.insertInto('article_mentions').values(rows).execute();
  counts.mentions = mentionRows.size;

  counts.candidateClaims = await insertCandidateClaims(write, article.id, plan.figures, entities, reason);
  counts.candidateRelations = await insertCandidateRelations(write, article.id, plan.relations, entities, reason);

  await write.audit({
    action: 'ingestArticle',
    targetType: 'Article',
    targetId: article.id,
    // The body is the article's own column; the event records what identifies it and what was found.
    after: {
      id: article.id, source_key: article.source_key, title: article.title, publisher: article.publisher, byline: article.byline,
      published_on: article.published_on, published_text: article.published_text, url: article.url, language: article.language,
      content_hash: article.content_hash, metadata_from_text: article.metadata_from_text, counts, discarded: plan.discarded,
    },
  });
  return { article, created: true, counts };
}

const offsets = (span: Span) => ({ start_offset: span.start, end_offset: span.end, text: span.text });

interface ResolvedEntities {
  /** The entity a reference stands for now (a merged one's survivor), or null when it is rejected or gone. */
  idOf(ref: EntityRef): number | null;
  created: number;
}

/**
 * Entity ids for every reference of the plan: known entities as they stand now (merged ones lead to
 * their survivor, rejected ones to nothing), and candidates created, or found among the entities when
 * the same name was stored since the plan was made.
 */
async function resolveEntities(write: Write, plan: IngestPlan, reason: string): Promise<ResolvedEntities> {
  const { trx } = write;
  const knownIds = new Set<number>();
  const collect = (ref: EntityRef) => 'entityId' in ref && knownIds.add(ref.entityId);
  plan.mentions.forEach((m) => collect(m.entity));
  plan.figures.forEach((f) => f.subjects.forEach((s) => collect(s.entity)));
  plan.relations.forEach((r) => (collect(r.subject), collect(r.object)));

  const rows = new Map<number, { status: string; merged_into: number | null }>();
  let wanted = [...knownIds];
  // A survivor may itself have been merged since: follow the redirects to the end.
  for (let hop = 0; wanted.length > 0 && hop < 10; hop++) {
    const found = await trx.selectFrom('entities').select(['id', 'status', 'merged_into']).where('id', 'in', wanted).execute();
    for (const row of found) rows.set(row.id, row);
    wanted = found.flatMap((row) => (row.merged_into !== null && !rows.has(row.merged_into) ? [row.merged_into] : []));
  }
  const current = (id: number): number | null => {
    const seen = new Set<number>();
    for (let row = rows.get(id); row; row = rows.get(id)) {
      if (row.merged_into === null) return row.status === 'rejected' ? null : id;
      if (seen.has(id)) return null;
      seen.add(id);
      id = row.merged_into;
    }
    return null;
  };

  const candidates = new Map<string, number | null>();
  let created = 0;
  // In slug order, so concurrent ingests proposing the same names take their slugs in the same order.
  const ordered = plan.candidates.map((c) => ({ candidate: c, slug: baseSlug(c.name) })).sort((x, y) => x.slug.localeCompare(y.slug));
  const byName = new Map<string, number | null>();
  for (const { candidate, slug } of ordered) {
    const normalized = normalizeName(candidate.name);
    if (!byName.has(normalized)) {
      const existing = await findEntityByName(write, normalized);
      if (existing !== undefined) byName.set(normalized, existing);
      else {
        byName.set(normalized, await createCandidateEntity(write, candidate, slug, normalized, reason));
        created++;
      }
    }
    candidates.set(candidate.key, byName.get(normalized)!);
  }

  return {
    idOf: (ref) => ('entityId' in ref ? current(ref.entityId) : (candidates.get(ref.candidateKey) ?? null)),
    created,
  };
}

/**
 * An entity that already has this name (as any alias): its id, null when it was rejected, undefined
 * when there is none. Merged-away entities hold no aliases (a merge moves them to the survivor).
 */
async function findEntityByName(write: Write, normalized: string): Promise<number | null | undefined> {
  const rows = await write.trx
    .selectFrom('entity_aliases')
    .innerJoin('entities', 'entities.id', 'entity_aliases.entity_id')
    .select(['entities.id', 'entities.status'])
    .where('entity_aliases.normalized', '=', normalized)
    .where('entities.merged_into', 'is', null)
    .orderBy('entities.id')
    .execute();
  if (rows.length === 0) return undefined;
  return (rows.find((row) => row.status === 'curated') ?? rows.find((row) => row.status === 'candidate'))?.id ?? null;
}

/** A slug from the name, transliterated to Latin letters first ("Хоргос" → "khorgos"); "entity" when nothing is left. */
function baseSlug(name: string): string {
  return slugFromName(anyAscii(name)) ?? 'entity';
}

const MAX_SLUG_TRIES = 1000;

async function createCandidateEntity(write: Write, candidate: CandidateEntity, slug: string, normalized: string, reason: string): Promise<number> {
  const name = candidate.name.trim();
  // The first free slug of slug, slug-2, slug-3...: taken by insert, so two ingests cannot take the same one.
  for (let n = 1; n <= MAX_SLUG_TRIES; n++) {
    const row = await write.trx
      .insertInto('entities')
      .values({ slug: n === 1 ? slug : `${slug}-${n}`, name, kind: candidate.kind, description: null, status: 'candidate' })
      .onConflict((oc) => oc.column('slug').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) continue;
    await write.trx.insertInto('entity_aliases').values({ entity_id: row.id, alias: name, normalized }).execute();
    await write.audit({ action: 'ingestArticle', targetType: 'Entity', targetId: row.id, after: { ...row, aliases: [name] }, reason });
    return row.id;
  }
  throw new ConflictError(`No free slug for "${name}" after ${MAX_SLUG_TRIES} tries.`);
}

/** Each storable figure as a candidate claim keyed ingest:<article id>:<n>, with its subjects and quote. */
async function insertCandidateClaims(
  write: Write,
  articleId: number,
  figures: readonly FoundFigure[],
  entities: ResolvedEntities,
  reason: string,
): Promise<number> {
  const { trx } = write;
  const planned = figures.map((figure, index) => {
    const subjects = new Map<string, { entity_id: number; role: string }>();
    for (const subject of figure.subjects) {
      const entityId = entities.idOf(subject.entity);
      if (entityId !== null) subjects.set(`${entityId}|${subject.role}`, { entity_id: entityId, role: subject.role });
    }
    const sorted = [...subjects.values()].sort((x, y) => x.role.localeCompare(y.role) || x.entity_id - y.entity_id);
    return { key: `ingest:${articleId}:${index + 1}`, figure, subjects: sorted };
  });
  if (planned.length === 0) return 0;

  const claims = new Map<string, Awaited<ReturnType<typeof insertClaims>>[number]>();
  for (const rows of chunks(planned)) for (const row of await insertClaims(write, rows)) claims.set(row.key, row);
  const subjectRows = planned.flatMap((p) => p.subjects.map((s) => ({ claim_id: claims.get(p.key)!.id, ...s })));
  for (const rows of chunks(subjectRows)) await trx.insertInto('claim_subjects').values(rows).execute();
  const citations = new Map<number, Array<{ id: number; article_id: number; quote: string; start_offset: number; end_offset: number }>>();
  const citationRows = planned.map((p) => ({
    claim_id: claims.get(p.key)!.id, article_id: articleId, quote: p.figure.quote.text,
    start_offset: p.figure.quote.start, end_offset: p.figure.quote.end,
  }));
  for (const rows of chunks(citationRows)) {
    const stored = await trx.insertInto('citations').values(rows).returning(['id', 'claim_id', 'article_id', 'quote', 'start_offset', 'end_offset']).execute();
    for (const { claim_id, ...citation } of stored) citations.set(claim_id!, [citation]);
  }
  for (const p of planned) {
    const claim = claims.get(p.key)!;
    await write.audit({
      action: 'ingestArticle', targetType: 'Claim', targetId: claim.id, reason,
      after: { ...claim, subjects: p.subjects, citations: citations.get(claim.id) ?? [] },
    });
  }
  return planned.length;
}

function insertClaims(write: Write, rows: ReadonlyArray<{ key: string; figure: FoundFigure }>) {
  return write.trx
    .insertInto('claims')
    .values(
      rows.map(({ key, figure }) => ({
        key, metric: figure.metric, value: figure.value, unit: figure.unit, unit_text: figure.unit === 'other' ? figure.unitText : null,
        hedge: figure.hedge, period_start: figure.period?.start ?? null, period_end: figure.period?.end ?? null,
        period_text: figure.period?.text?.trim() || null, conversion_value: figure.conversion?.value ?? null,
        conversion_unit: figure.conversion?.unit ?? null, conversion_hedge: figure.conversion?.hedge ?? null, status: 'candidate',
      })),
    )
    .returningAll()
    .execute();
}

/**
 * Each found relation between two entities still standing, symmetric ones lower id first. A relation
 * already awaiting review gets this article's quote as one more citation; one already curated,
 * rejected or retracted (or, curated, stated the other way round) is left alone.
 */
async function insertCandidateRelations(
  write: Write,
  articleId: number,
  relations: readonly FoundRelation[],
  entities: ResolvedEntities,
  reason: string,
): Promise<number> {
  const { trx } = write;
  const groups = new Map<string, { kind: RelationKind; subjectId: number; objectId: number; detail: string | null; quotes: Map<number, Span> }>();
  for (const relation of relations) {
    let [subjectId, objectId] = [entities.idOf(relation.subject), entities.idOf(relation.object)];
    if (subjectId === null || objectId === null || subjectId === objectId) continue;
    if (SYMMETRIC_RELATION_KINDS.has(relation.kind) && subjectId > objectId) [subjectId, objectId] = [objectId, subjectId];
    const key = `${relation.kind}|${subjectId}|${objectId}`;
    const group = groups.get(key) ?? { kind: relation.kind, subjectId, objectId, detail: null, quotes: new Map<number, Span>() };
    group.detail ??= relation.detail?.trim() || null;
    group.quotes.set(relation.quote.start, relation.quote);
    groups.set(key, group);
  }

  let count = 0;
  // In key order, so concurrent ingests meet the same relations in the same order.
  for (const [, group] of [...groups].sort(([x], [y]) => x.localeCompare(y))) {
    const stated = await trx
      .selectFrom('relations')
      .select(['id', 'status', 'subject_id'])
      .where('kind', '=', group.kind)
      .where((eb) =>
        eb.or([
          eb.and([eb('subject_id', '=', group.subjectId), eb('object_id', '=', group.objectId)]),
          eb.and([eb('subject_id', '=', group.objectId), eb('object_id', '=', group.subjectId)]),
        ]),
      )
      .execute();
    if (stated.some((row) => row.status === 'curated')) continue;
    let existing = stated.find((row) => row.subject_id === group.subjectId);
    let relationId: number | null = null;
    if (!existing) {
      const row = await trx
        .insertInto('relations')
        .values({ kind: group.kind, subject_id: group.subjectId, object_id: group.objectId, detail: group.detail, status: 'candidate' })
        .onConflict((oc) => oc.columns(['kind', 'subject_id', 'object_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row) relationId = row.id;
      else {
        // Proposed by a concurrent ingest a moment ago.
        existing = await trx
          .selectFrom('relations')
          .select(['id', 'status', 'subject_id'])
          .where('kind', '=', group.kind)
          .where('subject_id', '=', group.subjectId)
          .where('object_id', '=', group.objectId)
          .executeTakeFirstOrThrow();
      }
    }
    if (existing && existing.status !== 'candidate') continue;
    const id = relationId ?? existing!.id;
    const before = relationId === null ? await relationSnapshot(write, id) : null;
    await trx
      .insertInto('citations')
      .values([...group.quotes.values()].map((quote) => ({
        relation_id: id, article_id: articleId, quote: quote.text, start_offset: quote.start, end_offset: quote.end,
      })))
      .execute();
    await write.audit({ action: 'ingestArticle', targetType: 'Relation', targetId: id, before, after: await relationSnapshot(write, id), reason });
    count++;
  }
  return count;
}
