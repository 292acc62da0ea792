// Query.search: one ranked list of entities, claims and articles for a search box.
import { brandedCopy } from './branding.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { searchGraph, type SearchHitRow } from '../db/search.ts';
import { clientError } from '../errors.ts';
import { checkSearchLength, MAX_SEARCH_LENGTH } from './search-terms.ts';
import { ArticleNode } from './article.ts';
import { ClaimNode } from './claim.ts';
import { EntityNode } from './entity.ts';

export const MAX_SEARCH_HITS = 50;

const SearchResultKindEnum = builder.enumType('SearchResultKind', {
  description: 'The kinds of thing Query.search returns.',
  values: {
    ENTITY: { value: 'Entity' as const, description: 'Entities, matched by name or alias, typos and spelling variants tolerated.' },
    CLAIM: { value: 'Claim' as const, description: 'Figures, matched by the words of their quotes and metric, or by their subjects\' names.' },
    ARTICLE: { value: 'Article' as const, description: 'Articles, matched by the words of their title and body.' },
  },
});

const SearchResult = builder.unionType('SearchResult', {
  description: 'Something Query.search found: an entity, a claim or an article.',
  types: [EntityNode, ClaimNode, ArticleNode],
});

const SearchHit = builder.objectRef<SearchHitRow>('SearchHit').implement({
  description: 'One result of a search, with how well it matches and why.',
  fields: (t) => ({
    score: t.exposeFloat('score', {
      description:
        'How well it matches, from 0 to 1, comparable across kinds: trigram similarity for entities, ' +
        'full-text rank / (rank + 1) for articles and claims (a claim matched only through a subject scores half that subject\'s score).',
    }),
    snippet: t.exposeString('snippet', {
      nullable: true,
      description:
        'Why it matched, as HTML with the matches in <mark>...</mark>: the name or alias for an entity, ' +
        'the best-matching quote for a claim, the matching passages for an article.',
    }),
    node: t.field({
      type: SearchResult,
      description: 'The entity, claim or article.',
      resolve: (hit, _args, context) => loadHitNode(hit, context),
    }),
  }),
});

/** Loads the hit's row through its type's batched loader and brands it, so the union knows its type. */
async function loadHitNode(hit: SearchHitRow, context: Context) {
  const ref = hit.kind === 'Entity' ? EntityNode : hit.kind === 'Claim' ? ClaimNode : ArticleNode;
  return brandedCopy(await ref.getDataloader(context).load(hit.id), ref);
}

builder.queryField('search', (t) =>
  t.field({
    type: [SearchHit],
    description:
      'A search box over the whole graph: entities, claims and articles in one list, best match first. ' +
      'Entity names tolerate typos and spelling variants; claims and articles match by their words (English stemming).',
    args: {
      query: t.arg.string({ required: true, description: `What to look for (1 to ${MAX_SEARCH_LENGTH} characters, not blank).` }),
      first: t.arg.int({
        defaultValue: 10,
        description: `Return at most this many hits (0 to ${MAX_SEARCH_HITS}; default 10).`,
      }),
      kinds: t.arg({
        type: [SearchResultKindEnum],
        description: 'Only these kinds of result (default: all).',
      }),
      asOf: t.arg({
        type: 'Date',
        description:
          'Only what was known by this date: entities with a claim or relation stated by then, figures stated by then, articles published by then. ' +
          'An undated article counts as published on the day it was collected (collectedAt), the latest day it can have been.',
      }),
    },
    resolve: async (_root, args, context) => {
      if (args.query.trim() === '') throw clientError('"query" must not be empty');
      checkSearchLength('query', args.query);
      const first = args.first ?? 10;
      if (first < 0 || first > MAX_SEARCH_HITS) throw clientError(`"first" must be between 0 and ${MAX_SEARCH_HITS}, got ${first}`);
      const kinds = args.kinds ?? ['Entity', 'Claim', 'Article'];
      return searchGraph(context.db, args.query, { first, kinds, asOf: args.asOf ?? null });
    },
  }),
);
