// ArticleMention: where an article names an entity (found by ingest), and Article.mentions.
import { builder } from '../builder.ts';
import { pageMentionsByArticleIds } from '../db/article-mentions.ts';
import type { ArticleMentionRow } from '../db/types.ts';
import type { EntityStatus } from '../domain/vocabulary.ts';
import { ArticleNode } from './article.ts';
import { connectionsFor, toPageRequest } from './connection.ts';
import { EntityNode } from './entity.ts';
import { EntityStatusEnum } from './enums.ts';

const ArticleMention = builder.objectRef<ArticleMentionRow>('ArticleMention').implement({
  description: 'A place where an article names an entity: the words as they stand in the clean body, and where.',
  fields: (t) => ({
    entity: t.field({
      type: EntityNode,
      description: 'The entity named (an entity merged away since leads to its survivor).',
      resolve: (mention) => mention.entity_id,
    }),
    text: t.exposeString('text', { description: 'The words of the body that name it, e.g. "Khorgos Gateway".' }),
    startOffset: t.exposeInt('start_offset', { description: 'Where the words start in Article.body, in characters (code points) from 0.' }),
    endOffset: t.exposeInt('end_offset', { description: 'Where they end (exclusive): body[startOffset, endOffset) is the text.' }),
  }),
});

const ArticleMentionConnection = builder.connectionObject({ type: ArticleMention, name: 'ArticleMentionConnection' });

builder.objectField(ArticleNode, 'mentions', (t) =>
  t.loadable({
    type: ArticleMentionConnection,
    description:
      'Where this article names entities, in body order (recorded when the article is ingested; the corpus articles have none). ' +
      'Mentions of rejected entities are left out unless asked for with status.',
    byPath: true,
    args: {
      ...t.arg.connectionArgs(),
      status: t.arg({
        type: EntityStatusEnum,
        description: 'Only mentions of entities in this state; by default curated and candidate entities, not rejected ones.',
      }),
    },
    load: async (ids: number[], context, args) =>
      connectionsFor(ids, await pageMentionsByArticleIds(context.db, ids, (args.status ?? null) as EntityStatus | null, toPageRequest(args))),
    resolve: (article) => article.id,
  }),
);
