// The pure parts of ingest on small texts of their own: the input checked and tidied, the article's
// identity (clean body, hash), the plan the pipeline makes (metadata the text states filling only what
// is missing, mentions and candidates that fit the body), and the per-field string caps.
import {
  GraphQLInputObjectType, GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString, parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/domain/errors.ts';
import { findBadString } from '../src/http/limits.ts';
import { contentHash } from '../src/ingest/content-hash.ts';
import { checkIngestInput, identifyArticle, normalizeArticleUrl, publisherFromUrl, sourceKeyOf } from '../src/ingest/ingest-input.ts';
import { planIngest, type IngestKnowledge } from '../src/ingest/pipeline.ts';
import { STRING_LIMIT_EXTENSION } from '../src/schema/cost.ts';

const TODAY = '2026-11-30';
const check = (input: Record<string, unknown>, maxChars?: number) =>
  checkIngestInput({ text: 'Some text.', ...input }, { today: TODAY, ...(maxChars ? { maxChars } : {}) });

function refusal(act: () => unknown): ValidationError {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('checkIngestInput', () => {
  it('trims the metadata, turns blanks into null and normalises the URL', () => {
    expect(check({ title: '  A title ', publisher: ' ', byline: null, url: ' HTTPS://News.Example.ORG/a/b?x=1#comments ', language: 'kk' }))
      .toEqual({ text: 'Some text.', title: 'A title', publisher: null, byline: null, publishedOn: null, url: 'https://news.example.org/a/b?x=1', language: 'kk' });
  });

  it('refuses, naming the field: an empty or oversized text, impossible or future dates, non-http URLs, unknown language codes', () => {
    expect(refusal(() => check({ text: ' \n\t ' })).field).toBe('input.text');
    expect(refusal(() => check({ text: 'x'.repeat(1001) }, 1000)).message).toMatch(/1001 characters long; the limit is 1000 \(INGEST_MAX_CHARS\)/);
    expect(check({ text: 'x'.repeat(1000) }, 1000).text).toHaveLength(1000);
    for (const date of ['2025-02-29', '2025-13-01', '0000-01-01', '25-01-01', 'yesterday']) expect(refusal(() => check({ publishedOn: date })).field).toBe('input.publishedAt');
    expect(check({ publishedOn: '2024-02-29' }).publishedOn).toBe('2024-02-29');
    // A day of slack for time zones ahead of UTC, no more.
    expect(check({ publishedOn: '2026-12-01' }).publishedOn).toBe('2026-12-01');
    expect(refusal(() => check({ publishedOn: '2026-12-02' })).message).toMatch(/in the future/);
    for (const url of ['ftp://x.org/', 'mailto:a@b.org', 'file:///etc/passwd', '/relative/path', 'https://u:p@x.org/']) {
      expect(refusal(() => check({ url })).field).toBe('input.url');
    }
    for (const language of ['EN', 'english', 'e', 'en_US']) expect(refusal(() => check({ language })).field).toBe('input.language');
    expect(check({ language: 'pt-BR' }).language).toBe('pt-BR');
  });

  it('normalises URLs so that the same page is one value', () => {
    expect(normalizeArticleUrl('https://EXAMPLE.org:443/x#y')).toBe('https://example.org/x');
    expect(normalizeArticleUrl('http://example.org')).toBe('http://example.org/');
    expect(publisherFromUrl('https://www.xinhuanet.com/english/a.htm')).toBe('xinhuanet.com');
    expect(publisherFromUrl(null)).toBeNull();
  });
});

describe('identifyArticle', () => {
  it('cleans the text and hashes the clean body, so chrome and spacing do not make another article', () => {
    const a = identifyArticle({ text: 'Back to top\nKhorgos handled more trains.\nCopyright 2025 Xinhua', url: null });
    const b = identifyArticle({ text: 'Khorgos  handled more\u00a0trains.', url: null });
    expect(a.body).toBe('Khorgos handled more trains.');
    expect(a.contentHash).toBe(b.contentHash);
    expect(a.contentHash).toBe(contentHash('Khorgos handled more trains.'));
    expect(a.sourceKey).toBe(sourceKeyOf(a.contentHash));
    expect(a.sourceKey).toMatch(/^ingest_[0-9a-f]{16}$/);
  });

  it('refuses a text that is all chrome', () => {
    expect(refusal(() => identifyArticle({ text: 'Back to top\nShare\nCopyright 2025 Xinhua', url: null })).field).toBe('input.text');
  });
});

describe('planIngest', () => {
  const KNOWN: IngestKnowledge = {
    aliases: [
      { entityId: 1, alias: 'Almaty' }, { entityId: 2, alias: 'Khorgos' }, { entityId: 3, alias: 'Kazakhstan' },
      { entityId: 4, alias: "Xi'an" },
    ],
    kinds: new Map([[1, 'city'], [2, 'city'], [3, 'country'], [4, 'city']]),
    metrics: ['container_volume'],
  };
  const TEXT = ` date 2025-03-04 Trains from Xi'an to Almaty carried more than 1,200 TEU in February.

Dunes Cargo Co., Ltd. opened a warehouse in Khorgos on the border with Kazakhstan.`;

  it('fills metadata the input leaves empty from what the text states, and records which', () => {
    const plan = planIngest(check({ text: TEXT }), KNOWN);
    expect(plan.article).toMatchObject({ publishedOn: '2025-03-04', publisher: 'unknown', language: 'en' });
    expect(plan.article.metadataFromText).toContain('published_on');
    const given = planIngest(check({ text: TEXT, publishedOn: '2025-03-05', publisher: 'Wire', url: 'https://www.example.org/x' }), KNOWN);
    expect(given.article).toMatchObject({ publishedOn: '2025-03-05', publishedText: null, publisher: 'Wire', url: 'https://www.example.org/x' });
    expect(given.article.metadataFromText).not.toContain('published_on');
    expect(planIngest(check({ text: TEXT, url: 'https://www.example.org/x' }), KNOWN).article.publisher).toBe('example.org');
  });

  it('finds known entities and proposes new names, every span slicing the clean body', () => {
    const plan = planIngest(check({ text: TEXT }), KNOWN);
    const chars = Array.from(plan.article.body);
    const at = (span: { start: number; end: number }) => chars.slice(span.start, span.end).join('');
    for (const mention of plan.mentions) expect(at(mention)).toBe(mention.text);
    expect(new Set(plan.mentions.flatMap((m) => ('entityId' in m.entity ? [m.entity.entityId] : [])))).toEqual(new Set([1, 2, 3, 4]));
    const dunes = plan.candidates.find((c) => c.name.startsWith('Dunes Cargo'));
    expect(dunes).toMatchObject({ kind: 'company' });
    expect(plan.mentions.some((m) => 'candidateKey' in m.entity && m.entity.candidateKey === dunes!.key)).toBe(true);
    // Mentions in body order.
    expect(plan.mentions.map((m) => m.start)).toEqual(plan.mentions.map((m) => m.start).sort((a, b) => a - b));
    for (const figure of plan.figures) {
      expect(at(figure.quote)).toBe(figure.quote.text);
      for (const subject of figure.subjects) {
        if ('candidateKey' in subject.entity) expect(plan.candidates.map((c) => c.key)).toContain(subject.entity.candidateKey);
      }
    }
    expect(plan.figures).toContainEqual(expect.objectContaining({ value: 1200, unit: 'TEU', hedge: 'more_than' }));
    expect(plan.discarded).toEqual({ mentions: 0, figures: 0, relations: 0 });
  });

  it('an empty graph finds no known entities and still plans the article', () => {
    const plan = planIngest(check({ text: 'Nothing known is named here, only 3 trains.' }), { aliases: [], kinds: new Map(), metrics: [] });
    expect(plan.mentions.filter((m) => 'entityId' in m.entity)).toEqual([]);
    expect(plan.article.body).toBe('Nothing known is named here, only 3 trains.');
  });
});

describe('string caps per argument and input field', () => {
  const Input = new GraphQLInputObjectType({
    name: 'In',
    fields: {
      text: { type: GraphQLString, extensions: { [STRING_LIMIT_EXTENSION]: 'LONG' } },
      title: { type: GraphQLString },
      parts: { type: new GraphQLList(new GraphQLInputObjectType({ name: 'Part', fields: { body: { type: GraphQLString, extensions: { [STRING_LIMIT_EXTENSION]: 'LONG' } } } })) },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: { f: { type: GraphQLString, args: { input: { type: Input }, s: { type: GraphQLString } } } },
    }),
  });
  const limits = { default: 10, named: { LONG: 100 } };
  const bad = (query: string, variables?: Record<string, unknown>) => findBadString(parse(query), variables, limits, schema);
  const long = 'x'.repeat(50);

  it('a field naming a setting takes that cap, as a literal or a variable, nested in lists too', () => {
    expect(bad(`{ f(input: {text: "${long}"}) }`)).toBeNull();
    expect(bad(`query ($i: In) { f(input: $i) }`, { i: { text: long } })).toBeNull();
    expect(bad(`query ($t: String) { f(input: {text: $t}) }`, { t: long })).toBeNull();
    expect(bad(`query ($i: In) { f(input: $i) }`, { i: { parts: [{ body: long }] } })).toBeNull();
    expect(bad(`query ($i: In) { f(input: $i) }`, { i: { text: 'x'.repeat(101) } })).toMatchObject({ argument: '$i.text', cap: { limit: 100, setting: 'LONG' } });
  });

  it('everything else keeps the default cap, and a variable used in two places the tighter one', () => {
    expect(bad(`{ f(input: {title: "${long}"}) }`)).toMatchObject({ argument: 'input.title', cap: { limit: 10, setting: 'STRING_LIMIT' } });
    expect(bad(`{ f(s: "${long}") }`)).toMatchObject({ argument: 's' });
    expect(bad(`query ($i: In) { f(input: $i) }`, { i: { title: long } })).toMatchObject({ argument: '$i.title' });
    expect(bad(`query ($t: String) { f(input: {text: $t, title: $t}) }`, { t: long })).toMatchObject({ argument: '$t', cap: { limit: 10 } });
    expect(bad(`query ($t: String) { f(s: "a") }`, { t: long, unused: long })).toMatchObject({ cap: { limit: 10 } });
    // Without a schema every string meets the default cap.
    expect(findBadString(parse(`{ f(input: {text: "${long}"}) }`), undefined, limits)).toMatchObject({ argument: 'input.text', cap: { limit: 10 } });
  });

  it('refuses NUL characters whatever the cap', () => {
    expect(bad(`query ($t: String) { f(input: {text: $t}) }`, { t: 'a\u0000b' })).toMatchObject({ argument: '$t', nul: true });
  });
});
