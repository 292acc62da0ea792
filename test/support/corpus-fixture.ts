// A small synthetic corpus for loader tests of qualifiers, inferred subjects, contextual mentions and
// relation periods: one article text, two cities and a base claim and relation that each test varies.
import { stringify } from 'yaml';
import type { CorpusFile } from '../../src/ingest/corpus.ts';

export const RAW = [
  'Alpha and Beta deepen trade ties',
  '',
  'Alpha City and Beta City became sister cities in 2019.',
  '',
  'Alpha City exported apples worth about 36 million yuan ($5 million) to Beta City by rail last year. Its mayor said the city also sold pears.',
  '',
  'Exports rose 12 percent.',
].join('\n');

type Doc = Record<string, unknown>;

export const entity = (slug: string, over: Doc = {}): Doc => ({
  slug, kind: 'city', name: `${slug[0]!.toUpperCase()}${slug.slice(1)} City`, ...over,
});

/** Alpha City's apple exports to Beta City: both named by the quote. */
export const claim = (key: string, over: Doc = {}): Doc => ({
  key, metric: 'export_value', value: 36000000, unit: 'CNY', hedge: 'about',
  period: { start: '2024-01-01', end: '2024-12-31', text: 'last year' },
  subjects: [{ entity: 'alpha', role: 'origin' }, { entity: 'beta', role: 'destination' }],
  quote: 'Alpha City exported apples worth about 36 million yuan ($5 million) to Beta City by rail last year.',
  ...over,
});

export const relation = (over: Doc = {}): Doc => ({
  kind: 'sister_city_of', subject: 'alpha', object: 'beta', quote: 'Alpha City and Beta City became sister cities', ...over,
});

/** A valid file with the two cities and the given claims and relations (none by default). */
export function corpusFile(sourceKey: string, sections: { claims?: Doc[]; relations?: Doc[]; publishedOn?: string | null } = {}): CorpusFile {
  const doc = {
    article: {
      title: 'Alpha and Beta deepen trade ties', publisher: 'Test Wire', byline: null,
      publishedOn: sections.publishedOn === undefined ? '2025-02-21' : sections.publishedOn, publishedText: null, url: null, language: 'en',
    },
    entities: [entity('alpha'), entity('beta')],
    claims: sections.claims ?? [],
    relations: sections.relations ?? [],
  };
  // Each file's raw text differs: two articles with the same text are refused as duplicates.
  return { sourceKey, raw: `${RAW}\n\nFiled as ${sourceKey}.`, yaml: stringify(doc) };
}
