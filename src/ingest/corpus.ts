// Reads the curated corpus (db/corpus/*.yaml beside their raw .txt) into a validated plan.
// Every check runs before anything is written; errors name the file and the item.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  CONVERSION_UNITS, ENTITY_KINDS, HEDGES, MAX_PRODUCT_LENGTH, RELATION_KINDS, SUBJECT_ROLES, SYMMETRIC_RELATION_KINDS,
  TRADE_DIRECTIONS, TRANSPORT_MODES, UNITS, isOneOf, normalizeName, normalizeProduct,
  type ConversionUnit, type EntityKind, type Hedge, type RelationKind, type SubjectRole, type TradeDirection,
  type TransportMode, type Unit,
} from '../domain/vocabulary.ts';
import { cleanArticle } from './clean.ts';
import { contentHash } from './content-hash.ts';
import { locateQuote } from './quotes.ts';
import { unreferencedRelationEnds } from './references.ts';

/** One article as found on disk: its raw text and its curated data file. */
export interface CorpusFile {
  /** Base name shared by the .txt and .yaml, e.g. "000_19c56d0388764abe". */
  sourceKey: string;
  raw: string;
  yaml: string;
}

export interface PlannedArticle {
  sourceKey: string;
  title: string | null;
  publisher: string;
  byline: string | null;
  publishedOn: string | null;
  publishedText: string | null;
  /** The latest day (YYYY-MM-DD) the text can have been collected, as the file states it; null: when loaded. */
  collectedOn: string | null;
  url: string | null;
  language: string;
  rawText: string;
  body: string;
  /** Image captions in the body (code points), as the cleaner marks them. */
  captions: Array<{ start: number; end: number }>;
  contentHash: string;
}

export interface PlannedCitation {
  sourceKey: string;
  quote: string;
  startOffset: number;
  endOffset: number;
  /**
   * Contextual mentions the file declares for this statement: entity slug -> the phrase of the quote
   * that refers to it ("the border city"). Checked, not stored: such phrases are no aliases.
   */
  refersTo?: Record<string, string>;
  /** Claim subjects this statement's file attaches by inference (see PlannedClaim.subjects). */
  inferred?: string[];
}

export interface PlannedEntity {
  slug: string;
  kind: EntityKind;
  name: string;
  description: string | null;
  aliases: string[];
}

export interface PlannedClaim {
  key: string;
  metric: string;
  value: number | null;
  unit: Unit;
  /** The text's own word for the unit, exactly when unit is "other". */
  unitText: string | null;
  hedge: Hedge;
  periodStart: string | null;
  periodEnd: string | null;
  periodText: string | null;
  conversion: { value: number; unit: ConversionUnit; hedge: Hedge } | null;
  qualifiers: PlannedQualifiers;
  /**
   * `inferred` when no statement of the claim names the entity or refers to it, so attaching it is
   * the curator's inference; `note` says why (from the first file that marks it).
   */
  subjects: Array<{ slug: string; role: SubjectRole; inferred: boolean; note: string | null }>;
  citations: PlannedCitation[];
}

/** What a figure is about besides its metric and subjects; part of its identity. */
export interface PlannedQualifiers {
  /** In normalizeProduct's form. */
  product: string | null;
  direction: TradeDirection | null;
  mode: TransportMode | null;
}

export interface PlannedRelation {
  kind: RelationKind;
  subject: string;
  object: string;
  detail: string | null;
  /** When the relation holds: the span of the periods its statements give (see FORMAT.md). */
  periodStart: string | null;
  periodEnd: string | null;
  periodText: string | null;
  citations: PlannedCitation[];
}

export interface CorpusPlan {
  articles: PlannedArticle[];
  entities: PlannedEntity[];
  claims: PlannedClaim[];
  relations: PlannedRelation[];
}

export class CorpusError extends Error {
  constructor(readonly problems: string[]) {
    super(`the corpus has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    this.name = 'CorpusError';
  }
}

export async function readCorpusFiles(dir: string): Promise<CorpusFile[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.yaml')).sort();
  return Promise.all(
    names.map(async (name) => {
      const sourceKey = name.slice(0, -'.yaml'.length);
      const [yaml, raw] = await Promise.all([
        readFile(join(dir, name), 'utf8'),
        readFile(join(dir, `${sourceKey}.txt`), 'utf8').catch(() => {
          throw new CorpusError([`${name}: no raw text ${sourceKey}.txt beside it`]);
        }),
      ]);
      return { sourceKey, raw, yaml };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Small readers that record a problem and return a fallback, so one run reports every problem.

type Problems = string[];
type Item = Record<string, unknown>;

const isItem = (value: unknown): value is Item => typeof value === 'object' && value !== null && !Array.isArray(value);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const METRIC = /^[a-z][a-z0-9_]*$/;

function text(problems: Problems, where: string, item: Item, field: string, required: boolean): string | null {
  const value = item[field];
  if (value === undefined || value === null) {
    if (required) problems.push(`${where}: "${field}" is required`);
    return null;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push(`${where}: "${field}" must be a non-empty string`);
    return null;
  }
  return value;
}

/** YAML reads an unquoted 2025-02-21 as a Date; both forms are accepted and checked to be real dates. */
function date(problems: Problems, where: string, item: Item, field: string): string | null {
  const value = item[field];
  if (value === undefined || value === null) return null;
  const iso = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  if (typeof iso !== 'string' || !ISO_DATE.test(iso) || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) {
    problems.push(`${where}: "${field}" must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
    return null;
  }
  return iso;
}

/** asOf falls back to it for an undated article, so a day after today would hide the article wrongly. */
function collectedOn(problems: Problems, where: string, item: Item): string | null {
  const day = date(problems, where, item, 'collected');
  if (day !== null && day > new Date().toISOString().slice(0, 10)) problems.push(`${where}: "collected" ${day} lies in the future`);
  return day;
}

function oneOf<T extends string>(problems: Problems, where: string, item: Item, field: string, values: readonly T[], fallback?: T): T {
  const value = item[field] ?? fallback;
  if (!isOneOf(values, value)) {
    problems.push(`${where}: unknown ${field} ${JSON.stringify(value)} (known: ${values.join(', ')})`);
    // Carry the value as written: later comparisons then report what the file says, and the
    // plan is rejected anyway because a problem was recorded.
    return String(value) as T;
  }
  return value;
}

function list(problems: Problems, where: string, value: unknown, field: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push(`${where}: "${field}" must be a list`);
    return [];
  }
  return value;
}

// ---------------------------------------------------------------------------------------------

interface FileContext {
  file: string;
  sourceKey: string;
  body: string;
  problems: Problems;
}

function citationOf(ctx: FileContext, where: string, item: Item): PlannedCitation | null {
  const quote = text(ctx.problems, where, item, 'quote', true);
  if (quote === null) return null;
  const occurrence = item.occurrence ?? 1;
  if (!Number.isInteger(occurrence) || (occurrence as number) < 1) {
    ctx.problems.push(`${where}: "occurrence" must be a positive integer`);
    return null;
  }
  const located = locateQuote(ctx.body, quote, occurrence as number);
  if (!located) {
    ctx.problems.push(`${where}: quote not found verbatim in the clean body${occurrence === 1 ? '' : ` (occurrence ${occurrence})`}: ${JSON.stringify(quote)}`);
    return null;
  }
  return { sourceKey: ctx.sourceKey, quote, ...located };
}

function readArticle(ctx: FileContext, data: Item, raw: string): PlannedArticle {
  const where = `${ctx.file} article`;
  const article = isItem(data.article) ? data.article : {};
  if (!isItem(data.article)) ctx.problems.push(`${where}: an "article" section is required`);
  const url = text(ctx.problems, where, article, 'url', false);
  if (url !== null && !/^https?:\/\//.test(url)) ctx.problems.push(`${where}: "url" must start with http(s)://`);
  return {
    sourceKey: ctx.sourceKey,
    title: text(ctx.problems, where, article, 'title', false),
    publisher: text(ctx.problems, where, article, 'publisher', true) ?? '',
    byline: text(ctx.problems, where, article, 'byline', false),
    publishedOn: date(ctx.problems, where, article, 'publishedOn'),
    publishedText: text(ctx.problems, where, article, 'publishedText', false),
    collectedOn: collectedOn(ctx.problems, where, article),
    url,
    language: text(ctx.problems, where, article, 'language', false) ?? 'en',
    rawText: raw,
    body: ctx.body,
    captions: cleanArticle(raw).captions,
    contentHash: contentHash(ctx.body),
  };
}

interface PlannedPeriod {
  start: string | null;
  end: string | null;
  text: string | null;
}

/** A period as claims and relations write it: {start, end, text}, each null when the text gives nothing. */
function periodOf(problems: Problems, at: string, value: unknown): PlannedPeriod {
  const period = isItem(value) ? value : {};
  if (value !== undefined && value !== null && !isItem(value)) problems.push(`${at}: "period" must be a mapping with start, end and text`);
  const start = date(problems, at, period, 'start');
  const end = date(problems, at, period, 'end');
  if (start && end && start > end) problems.push(`${at}: period starts after it ends`);
  return { start, end, text: text(problems, at, period, 'text', false) };
}

const QUALIFIER_FIELDS = ['product', 'direction', 'mode'];

function qualifiersOf(problems: Problems, at: string, value: unknown): PlannedQualifiers {
  const none: PlannedQualifiers = { product: null, direction: null, mode: null };
  if (value === undefined || value === null) return none;
  if (!isItem(value)) return problems.push(`${at}: "qualifiers" must be a mapping of product, direction and mode`), none;
  for (const field of Object.keys(value)) {
    if (!QUALIFIER_FIELDS.includes(field)) problems.push(`${at}: unknown qualifier "${field}" (known: ${QUALIFIER_FIELDS.join(', ')})`);
  }
  const written = text(problems, `${at} qualifiers`, value, 'product', false);
  const product = written === null ? null : normalizeProduct(written);
  if (product !== null && Array.from(product).length > MAX_PRODUCT_LENGTH) {
    problems.push(`${at} qualifiers: product is longer than ${MAX_PRODUCT_LENGTH} characters`);
  }
  const optional = <T extends string>(field: string, values: readonly T[]): T | null =>
    value[field] === undefined || value[field] === null ? null : oneOf(problems, `${at} qualifiers`, value, field, values);
  return { product, direction: optional('direction', TRADE_DIRECTIONS), mode: optional('mode', TRANSPORT_MODES) };
}

/**
 * A statement's contextual mentions: `refers_to: {slug: "phrase of the quote"}`, for the entities it
 * is about (`ends`) that the quote refers to without naming them ("the border city", "the two countries").
 */
function refersToOf(problems: Problems, at: string, value: unknown, ends: readonly string[], quote: string | null): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isItem(value)) return problems.push(`${at}: "refers_to" must map entity slugs to phrases of the quote`), {};
  const mentions: Record<string, string> = {};
  for (const [slug, phrase] of Object.entries(value)) {
    if (!ends.includes(slug)) {
      problems.push(`${at}: refers_to names "${slug}", which this statement is not about`);
      continue;
    }
    if (typeof phrase !== 'string' || phrase.trim() === '') {
      problems.push(`${at}: refers_to "${slug}" must be a phrase of the quote`);
      continue;
    }
    if (quote !== null && !quote.includes(phrase)) problems.push(`${at}: refers_to "${slug}": ${JSON.stringify(phrase)} is not in the quote`);
    mentions[slug] = phrase;
  }
  return mentions;
}

/**
 * One relation's period from its statements' periods: the one given, or, when several articles give
 * different ones, their span (earliest start to latest end), with a text only if they all say the same.
 */
function spanOf(periods: readonly PlannedPeriod[]): PlannedPeriod {
  const given = periods.filter((p) => p.start !== null || p.end !== null || p.text !== null);
  if (given.length === 0) return { start: null, end: null, text: null };
  const starts = given.flatMap((p) => (p.start === null ? [] : [p.start])).sort();
  const ends = given.flatMap((p) => (p.end === null ? [] : [p.end])).sort();
  const texts = new Set(given.map((p) => p.text));
  return { start: starts[0] ?? null, end: ends.at(-1) ?? null, text: texts.size === 1 ? given[0]!.text : null };
}

/** Validates every file and merges them: one entity per slug, one claim per key, one relation per (kind, ends). */
export function planCorpus(files: readonly CorpusFile[]): CorpusPlan {
  const problems: Problems = [];
  const articles: PlannedArticle[] = [];
  const entities = new Map<string, PlannedEntity & { file: string }>();
  const claims = new Map<string, PlannedClaim & { file: string; signature: string }>();
  const relations = new Map<string, PlannedRelation & { periods: PlannedPeriod[] }>();
  const pendingRefs: Array<{ where: string; slug: string }> = [];

  for (const file of files) {
    const name = `${file.sourceKey}.yaml`;
    let data: unknown;
    try {
      data = parseYaml(file.yaml);
    } catch (error) {
      problems.push(`${name}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    if (!isItem(data)) {
      problems.push(`${name}: must be a mapping with article, entities, claims and relations`);
      continue;
    }
    const ctx: FileContext = { file: name, sourceKey: file.sourceKey, body: cleanArticle(file.raw).body, problems };
    articles.push(readArticle(ctx, data, file.raw));

    list(problems, name, data.entities, 'entities').forEach((entry, index) => {
      const where = `${name} entities[${index}]`;
      if (!isItem(entry)) return void problems.push(`${where}: must be a mapping`);
      const slug = text(problems, where, entry, 'slug', true);
      if (slug === null) return;
      const at = `${name} entity "${slug}"`;
      if (!SLUG.test(slug)) problems.push(`${at}: slug must be lowercase words joined by hyphens`);
      const kind = oneOf(problems, at, entry, 'kind', ENTITY_KINDS);
      const entityName = text(problems, at, entry, 'name', true) ?? slug;
      const description = text(problems, at, entry, 'description', false);
      const aliases = list(problems, at, entry.aliases, 'aliases').filter((alias): alias is string => {
        if (typeof alias === 'string' && alias.trim() !== '') return true;
        problems.push(`${at}: aliases must be non-empty strings`);
        return false;
      });
      const known = entities.get(slug);
      if (!known) {
        entities.set(slug, { slug, kind, name: entityName, description, aliases: [...aliases], file: name });
        return;
      }
      if (known.kind !== kind || known.name !== entityName) {
        problems.push(`${at}: kind/name "${kind}"/"${entityName}" disagree with ${known.file} ("${known.kind}"/"${known.name}")`);
      }
      known.description ??= description;
      for (const alias of aliases) if (!known.aliases.includes(alias)) known.aliases.push(alias);
    });

    list(problems, name, data.claims, 'claims').forEach((entry, index) => {
      const where = `${name} claims[${index}]`;
      if (!isItem(entry)) return void problems.push(`${where}: must be a mapping`);
      const key = text(problems, where, entry, 'key', true);
      if (key === null) return;
      const at = `${name} claim "${key}"`;
      const metric = text(problems, at, entry, 'metric', true) ?? '';
      if (metric && !METRIC.test(metric)) problems.push(`${at}: metric must be snake_case`);
      const unit = oneOf(problems, at, entry, 'unit', UNITS);
      const unitText = text(problems, at, entry, 'unitText', false);
      if ((unit === 'other') !== (unitText !== null)) problems.push(`${at}: unitText is given exactly when unit is "other"`);
      const hedge = oneOf(problems, at, entry, 'hedge', HEDGES, 'exact');
      const value = entry.value ?? null;
      if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) problems.push(`${at}: value must be a number`);
      if ((value === null) !== (unit === 'date')) problems.push(`${at}: value must be null exactly when unit is "date"`);
      const { start: periodStart, end: periodEnd, text: periodText } = periodOf(problems, at, entry.period);
      if (unit === 'date' && !periodStart && !periodText) problems.push(`${at}: a date claim needs a period`);
      let conversion: PlannedClaim['conversion'] = null;
      if (isItem(entry.conversion)) {
        const conversionValue = entry.conversion.value;
        if (typeof conversionValue !== 'number') problems.push(`${at}: conversion.value must be a number`);
        // "nearly 19.5 billion yuan ($2.77 billion)": the conversion is as hedged as the figure it converts,
        // unless the text hedges it in words of its own (ownHedge).
        const ownHedge = entry.conversion.ownHedge ?? false;
        if (typeof ownHedge !== 'boolean') problems.push(`${at} conversion: "ownHedge" must be true or false`);
        const conversionHedge = oneOf(problems, `${at} conversion`, entry.conversion, 'hedge', HEDGES, hedge);
        if (conversionHedge !== hedge && ownHedge !== true) {
          problems.push(
            `${at} conversion: hedge "${conversionHedge}" differs from the figure's "${hedge}"; a conversion inherits its figure's hedge ` +
              'unless the text hedges it separately (then say ownHedge: true)',
          );
        }
        conversion = {
          value: Number(conversionValue),
          unit: oneOf(problems, `${at} conversion`, entry.conversion, 'unit', CONVERSION_UNITS),
          hedge: conversionHedge,
        };
      }
      const subjects = list(problems, at, entry.subjects, 'subjects').flatMap((subject, i) => {
        if (!isItem(subject)) return void problems.push(`${at} subjects[${i}]: must be a mapping`), [];
        const slug = text(problems, `${at} subjects[${i}]`, subject, 'entity', true);
        if (slug === null) return [];
        pendingRefs.push({ where: `${at}`, slug });
        const inferred = subject.inferred ?? false;
        if (typeof inferred !== 'boolean') problems.push(`${at} subjects[${i}]: "inferred" must be true or false`);
        const note = text(problems, `${at} subjects[${i}]`, subject, 'note', false);
        if (inferred === true && note === null) problems.push(`${at} subjects[${i}]: an inferred subject needs a note saying why`);
        if (inferred !== true && note !== null) problems.push(`${at} subjects[${i}]: a note is only for an inferred subject`);
        const role = oneOf(problems, `${at} subjects[${i}]`, subject, 'role', SUBJECT_ROLES, 'subject');
        return [{ slug, role, inferred: inferred === true, note: inferred === true ? note : null }];
      });
      if (subjects.length === 0) problems.push(`${at}: needs at least one subject`);
      const qualifiers = qualifiersOf(problems, at, entry.qualifiers);
      const citation = citationOf({ ...ctx }, at, entry);
      const refersTo = refersToOf(problems, at, entry.refers_to, subjects.map((s) => s.slug), citation?.quote ?? null);
      const inferredSlugs = subjects.filter((s) => s.inferred).map((s) => s.slug);
      if (citation) Object.assign(citation, { refersTo, inferred: inferredSlugs });
      const claim = {
        key, metric, value: value as number | null, unit, unitText, hedge, periodStart, periodEnd, periodText, conversion, qualifiers, subjects,
      };
      // Whether a subject is named is the statement's business, not the figure's: two articles state
      // the same figure whether or not each names every subject.
      const identity = subjects.map(({ slug, role }) => ({ slug, role })).sort((a, b) => a.slug.localeCompare(b.slug) || a.role.localeCompare(b.role));
      const signature = JSON.stringify({ ...claim, subjects: identity });
      const known = claims.get(key);
      if (!known) {
        claims.set(key, { ...claim, citations: citation ? [citation] : [], file: name, signature });
      } else if (known.signature !== signature) {
        problems.push(`${at}: differs from the claim with the same key in ${known.file}; one figure must be stated identically`);
      } else {
        if (citation) known.citations.push(citation);
        // An inference only while no article names the entity.
        for (const mine of known.subjects) {
          if (mine.inferred && !inferredSlugs.includes(mine.slug)) Object.assign(mine, { inferred: false, note: null });
        }
      }
    });

    list(problems, name, data.relations, 'relations').forEach((entry, index) => {
      const where = `${name} relations[${index}]`;
      if (!isItem(entry)) return void problems.push(`${where}: must be a mapping`);
      const kind = oneOf(problems, where, entry, 'kind', RELATION_KINDS);
      let subject = text(problems, where, entry, 'subject', true);
      let object = text(problems, where, entry, 'object', true);
      if (subject === null || object === null) return;
      const at = `${name} relation ${kind} ${subject} -> ${object}`;
      if (subject === object) problems.push(`${at}: an entity cannot relate to itself`);
      pendingRefs.push({ where: at, slug: subject }, { where: at, slug: object });
      // A symmetric relation stated either way round is the same relation.
      if (SYMMETRIC_RELATION_KINDS.has(kind) && subject > object) [subject, object] = [object, subject];
      const citation = citationOf(ctx, at, entry);
      if (citation) citation.refersTo = refersToOf(problems, at, entry.refers_to, [subject, object], citation.quote);
      const detail = text(problems, at, entry, 'detail', false);
      const period = periodOf(problems, at, entry.period);
      const id = `${kind}|${subject}|${object}`;
      const known = relations.get(id);
      if (!known) {
        relations.set(id, {
          kind, subject, object, detail, periodStart: null, periodEnd: null, periodText: null, periods: [period],
          citations: citation ? [citation] : [],
        });
      } else {
        known.detail ??= detail;
        known.periods.push(period);
        if (citation) known.citations.push(citation);
      }
    });
  }

  for (const ref of pendingRefs) {
    if (!entities.has(ref.slug)) problems.push(`${ref.where}: unknown entity "${ref.slug}"`);
  }
  const plannedRelations = [...relations.values()].map(({ periods, ...relation }) => {
    const span = spanOf(periods);
    return { ...relation, periodStart: span.start, periodEnd: span.end, periodText: span.text };
  });
  // Every relation's quote names both ends, or refers to them in words its file declares.
  for (const end of unreferencedRelationEnds({ entities: [...entities.values()], relations: plannedRelations })) {
    if (!entities.has(end.slug)) continue;
    problems.push(
      `${end.sourceKey}.yaml relation ${end.item}: the quote ${JSON.stringify(end.quote)} neither names "${end.slug}" ` +
        '(its name or an alias) nor refers to it in words declared under refers_to',
    );
  }
  const sourceKeys = new Set<string>();
  const hashes = new Map<string, string>();
  for (const article of articles) {
    if (sourceKeys.has(article.sourceKey)) problems.push(`${article.sourceKey}: listed twice`);
    sourceKeys.add(article.sourceKey);
    const twin = hashes.get(article.contentHash);
    if (twin) problems.push(`${article.sourceKey}.txt: the same text as ${twin}.txt`);
    hashes.set(article.contentHash, article.sourceKey);
    if (article.body.trim() === '') problems.push(`${article.sourceKey}.txt: nothing is left after cleaning`);
  }
  for (const entity of entities.values()) {
    const normalized = new Set<string>();
    for (const alias of entity.aliases) {
      const form = normalizeName(alias);
      if (form === '') problems.push(`entity "${entity.slug}": alias ${JSON.stringify(alias)} has no letters or digits`);
      normalized.add(form);
    }
  }
  if (problems.length > 0) throw new CorpusError([...new Set(problems)]);

  return {
    articles,
    entities: [...entities.values()].map(({ file: _file, ...entity }) => entity),
    claims: [...claims.values()].map(({ file: _file, signature: _signature, ...claim }) => claim),
    relations: plannedRelations,
  };
}
