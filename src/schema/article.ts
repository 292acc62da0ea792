// Article: a source text with its metadata and clean body; the articles behind an entity; article search.
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { findArticlesByIds, findArticleTextsByIds, pageArticles, pageArticlesByEntityIds, type ArticleSummaryRow } from '../db/articles.ts';
import { pageEntitiesByArticleIds } from '../db/entities.ts';
import type { ArticleRow } from '../db/types.ts';
import { connectionsFor, toConnection, toPageRequest } from './connection.ts';
import { EntityConnection, EntityNode } from './entity.ts';
import { parseNumericId } from './ids.ts';
import { loadScopedConnections, scopeKey } from './scope.ts';
import { checkSearchLength, MAX_SEARCH_LENGTH } from './search-terms.ts';

/** An article as reads give it: its texts only when the code that read it had them at hand (a write). */
export type ArticleShape = ArticleSummaryRow & Partial<Pick<ArticleRow, 'raw_text' | 'body'>>;

export const ArticleNode = builder.loadableNodeRef<ArticleShape, number, number>('Article', {
  id: { resolve: (article) => article.id, parse: parseNumericId },
  load: (ids: number[], context) => findArticlesByIds(context.db, ids),
  sort: (article) => article.id,
});

/** Per request, a batched reader of one of the article texts, which article reads leave out. */
const articleTextLoader = (text: 'raw_text' | 'body') =>
  createContextCache(
    (context: Context) =>
      new DataLoader<number, string>(async (ids) => {
        const texts = new Map((await findArticleTextsByIds(context.db, ids, text)).map((row) => [row.id, row.text]));
        return ids.map((id) => texts.get(id) ?? new Error(`article ${id} has no ${text}`));
      }),
  );
const bodyLoader = articleTextLoader('body');
const rawTextLoader = articleTextLoader('raw_text');

/** The article columns each field reads; every other field reads the id only (its own loads go by id). */
const COLUMNS_OF_FIELD: Readonly<Record<string, readonly string[]>> = {
  sourceKey: ['source_key'],
  title: ['title'],
  publisher: ['publisher'],
  byline: ['byline'],
  publishedAt: ['published_on'],
  publishedText: ['published_text'],
  url: ['url'],
  language: ['language'],
  contentHash: ['content_hash'],
  collectedAt: ['collected_at'],
  metadataFromText: ['metadata_from_text'],
};

/** The columns a read of articles needs for these selected Article fields (ids are always read). */
export function articleColumnsFor(fieldNames: ReadonlySet<string>): string[] {
  return ['id', ...[...fieldNames].flatMap((name) => COLUMNS_OF_FIELD[name] ?? [])];
}

ArticleNode.implement({
  description: 'A source article. Metadata the text does not give is null.',
  fields: (t) => ({
    sourceKey: t.exposeString('source_key', {
      description: 'The file the article was collected as, e.g. "000_19c56d0388764abe"; "ingest_" and its content hash\'s first 16 digits for an ingested one.',
    }),
    title: t.exposeString('title', { nullable: true, description: 'Headline, or null when the collected text has none.' }),
    publisher: t.exposeString('publisher', { description: 'The publication, as the text names it.' }),
    byline: t.exposeString('byline', { nullable: true, description: 'Author(s), or null when the text names none.' }),
    publishedAt: t.field({
      type: 'Date',
      nullable: true,
      description: 'Publication date as the text states it; null when the text gives no date.',
      resolve: (article) => article.published_on,
    }),
    publishedText: t.exposeString('published_text', {
      nullable: true,
      description: 'The date and time exactly as the text writes them.',
    }),
    url: t.exposeString('url', { nullable: true, description: 'Where the article was published, or null when unknown.' }),
    language: t.exposeString('language', { description: 'ISO 639-1 language code of the text.' }),
    body: t.string({
      description: 'The article text with site chrome removed; citation offsets point into it.',
      resolve: (article, _args, context) => article.body ?? bodyLoader(context).load(article.id),
    }),
    rawText: t.string({
      description: 'The text exactly as collected, chrome and all.',
      resolve: (article, _args, context) => article.raw_text ?? rawTextLoader(context).load(article.id),
    }),
    contentHash: t.exposeString('content_hash', {
      description: 'SHA-256 of the clean body, normalised (NFKC, white space runs as one space, trimmed): one article per value.',
    }),
    collectedAt: t.string({
      description:
        'When the article was collected, as an ISO 8601 instant in UTC: when it was ingested, or for the bundled corpus ' +
        'midnight of the latest day its data file says it can have been collected. asOf counts an undated article as published then.',
      resolve: (article) => (article.collected_at instanceof Date ? article.collected_at : new Date(article.collected_at)).toISOString(),
    }),
    metadataFromText: t.stringList({
      description:
        'Which of title, byline and publishedAt were read from the text itself because the collector gave none ' +
        '(as field names: "title", "byline", "publishedAt"); empty when all came from the collector.',
      resolve: (article) => article.metadata_from_text.map((field) => (field === 'published_on' ? 'publishedAt' : field)),
    }),
  }),
});

interface ArticleSearchEdge {
  score?: number | null;
  snippet?: string | null;
}

export const ArticleConnection = builder.connectionObject(
  { type: ArticleNode, name: 'ArticleConnection' },
  {
    name: 'ArticleEdge',
    fields: (t) => ({
      score: t.float({
        nullable: true,
        description: 'How well the article matches the search, from 0 to 1 (rank / (rank + 1)); null when not searching.',
        resolve: (edge) => (edge as unknown as ArticleSearchEdge).score ?? null,
      }),
      snippet: t.string({
        nullable: true,
        description:
          'The passages that match the search, as HTML: the text escaped, matched words in <mark>...</mark>, ' +
          'fragments joined by " … "; null when not searching.',
        resolve: (edge) => (edge as unknown as ArticleSearchEdge).snippet ?? null,
      }),
    }),
  },
);

builder.objectField(ArticleNode, 'entities', (t) =>
  t.loadable({
    type: EntityConnection,
    description: 'Entities this article states something about (claim subjects and relation ends).',
    byPath: true,
    args: { ...t.arg.connectionArgs() },
    load: async (ids: number[], context, args, info) =>
      connectionsFor(ids, await pageEntitiesByArticleIds(context.db, ids, toPageRequest(args, info))),
    resolve: (article) => article.id,
  }),
);

builder.objectField(EntityNode, 'articles', (t) =>
  t.loadable({
    type: ArticleConnection,
    description: 'Articles that state a claim or relation about this entity, newest first.',
    byPath: true,
    args: {
      ...t.arg.connectionArgs(),
      asOf: t.arg({ type: 'Date', description: 'Only articles published on or before this date. An undated article counts as published on the day it was collected (collectedAt), the latest day it can have been.' }),
    },
    load: async (keys: string[], context, args, info) => {
      const page = toPageRequest(args, info);
      return loadScopedConnections(keys, (ids, asOf) => pageArticlesByEntityIds(context.db, ids, page, asOf));
    },
    resolve: (entity, args) => scopeKey(entity.id, args.asOf ?? entity.as_of),
  }),
);

builder.queryField('articles', (t) =>
  t.field({
    type: ArticleConnection,
    description: 'Source articles, newest first (undated last); with a search, best match first.',
    args: {
      ...t.arg.connectionArgs(),
      publisher: t.arg.string({ description: 'Only articles from this publisher.' }),
      publishedFrom: t.arg({ type: 'Date', description: 'Only articles published on or after this date.' }),
      publishedTo: t.arg({ type: 'Date', description: 'Only articles published on or before this date.' }),
      search: t.arg.string({
        description:
          'Full-text search of titles and bodies (English stemming; "quoted phrases", or, -excluded words). ' +
          `Only common words or no words at all match nothing. Blank means no search. At most ${MAX_SEARCH_LENGTH} characters.`,
      }),
    },
    resolve: async (_root, args, context, info) => {
      const filter = {
        publisher: args.publisher ?? null,
        publishedFrom: args.publishedFrom ?? null,
        publishedTo: args.publishedTo ?? null,
        search: args.search?.trim() ? checkSearchLength('search', args.search) : null,
      };
      const page = await pageArticles(context.db, filter, toPageRequest(args, info));
      return toConnection(page, (row) => ({ node: row, score: row.score ?? null, snippet: row.snippet ?? null }));
    },
  }),
);
