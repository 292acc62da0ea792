// Citation: the article and verbatim quote that a claim or relation rests on.
import { builder } from '../builder.ts';
import { findCitationIdsInCaptions, findCitationsByIds, type CitationReadRow } from '../db/citations.ts';
import { ArticleNode } from './article.ts';
import { parseNumericId } from './ids.ts';

export const CitationNode = builder.loadableNodeRef<CitationReadRow, number, number>('Citation', {
  id: { resolve: (citation) => citation.id, parse: parseNumericId },
  load: (ids: number[], context) => findCitationsByIds(context.db, ids),
  sort: (citation) => citation.id,
});

CitationNode.implement({
  description: 'Where a claim or relation is stated: an article and the exact words, with their position in its body.',
  fields: (t) => ({
    article: t.field({
      type: ArticleNode,
      description: 'The article that states it.',
      // Read along with the citation when the query showed it, else loaded by id.
      resolve: (c) => c.article ?? c.article_id,
    }),
    quote: t.exposeString('quote', { description: 'The verbatim words of the article.' }),
    startOffset: t.exposeInt('start_offset', {
      description: 'Position of the quote\'s first character in the article body (0-based, in characters).',
    }),
    endOffset: t.exposeInt('end_offset', { description: 'Position just after the quote\'s last character.' }),
    fromCaption: t.loadable({
      type: 'Boolean',
      nullable: false,
      description: 'True when the quote lies in an image caption of the article, not in its running text.',
      load: async (ids: number[], context) => {
        const inCaptions = await findCitationIdsInCaptions(context.db, ids);
        return ids.map((id) => inCaptions.has(id));
      },
      resolve: (c) => c.id,
    }),
  }),
});
