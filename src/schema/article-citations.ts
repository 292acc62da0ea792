// Article.citations: every quote an article is cited for, so a reader can mark them in its body; and
// Citation.claim / Citation.relation: what each quote supports. Its own file because it joins the
// article, citation, claim and relation types, which import one another.
import { builder } from '../builder.ts';
import { findCitationsByArticleIds } from '../db/article-citations.ts';
import type { CitationRow } from '../db/types.ts';
import type { Status } from '../domain/vocabulary.ts';
import type { Context } from '../context.ts';
import type { AsOf } from '../db/scope.ts';
import { ArticleNode, type ArticleShape } from './article.ts';
import { CitationNode } from './citation.ts';
import { ClaimNode } from './claim.ts';
import { StatusEnum } from './enums.ts';
import { RelationNode } from './relation.ts';
import { loadScoped, scoped, scopeKey, type Scoped } from './scope.ts';

/** The number of quotes the cost estimate assumes an article has. */
const ARTICLE_CITATIONS_ESTIMATE = 50;

builder.objectField(ArticleNode, 'citations', (t) =>
  t.loadableList({
    type: CitationNode,
    description:
      'Every quote of this article that a claim or relation cites, in body order (by startOffset): what to mark when showing ' +
      'the body. Quotes may overlap. Citation.claim or Citation.relation says what each supports.',
    byPath: true,
    // Not paged: the cost counts an article's quotes as a page of them (the corpus has up to about 50).
    complexity: { field: 1, multiplier: ARTICLE_CITATIONS_ESTIMATE },
    args: {
      asOf: t.arg({
        type: 'Date',
        description:
          'As of this date: none when the article was published later. An undated article counts as published on the day it ' +
          'was collected (collectedAt), the latest day it can have been.',
      }),
      status: t.arg({
        type: StatusEnum,
        description: 'Only quotes of claims and relations in this curation state (default CURATED).',
      }),
    },
    load: (keys: string[], context, args) =>
      loadScoped(
        keys,
        async (ids, asOf) =>
          (await findCitationsByArticleIds(context.db, ids, asOf, (args.status ?? null) as Status | null)).map((c) => scoped(c, asOf)),
        (c) => c.article_id,
      ),
    resolve: (article, args) => scopeKey(article.id, args.asOf ?? (article as Scoped<ArticleShape>).as_of),
  }),
);

/** The claim or relation loaded by id, seen through the asOf the citation was read with. */
async function scopedTarget<Row extends object>(
  load: (id: number) => Promise<Row>,
  id: number | null,
  asOf: AsOf | undefined,
): Promise<Scoped<Row> | number | null> {
  if (id === null) return null;
  if (!asOf) return id;
  return scoped(await load(id), asOf);
}

const asOfOf = (citation: CitationRow): AsOf | undefined => (citation as Scoped<CitationRow>).as_of;

builder.objectFields(CitationNode, (t) => ({
  claim: t.field({
    type: ClaimNode,
    nullable: true,
    description: 'The figure this quote supports; null when it supports a relation.',
    resolve: (c, _args, context: Context) =>
      scopedTarget((id) => ClaimNode.getDataloader(context).load(id), c.claim_id, asOfOf(c)),
  }),
  relation: t.field({
    type: RelationNode,
    nullable: true,
    description: 'The relation this quote supports; null when it supports a figure.',
    resolve: (c, _args, context: Context) =>
      scopedTarget((id) => RelationNode.getDataloader(context).load(id), c.relation_id, asOfOf(c)),
  }),
}));
