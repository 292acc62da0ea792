// The citation that citing mutations take (an article and a verbatim quote), and its conversion to
// what src/db/writes/citations.ts verifies.
import { z } from 'zod';
import { builder } from '../builder.ts';
import { MAX_QUOTE_LENGTH, type CitationInput as CitationToVerify } from '../db/writes/citations.ts';
import { idOfType } from './mutation-inputs.ts';

export const CitationInput = builder.inputType('CitationInput', {
  description:
    'Where a claim or relation is stated: an article and the exact words of its clean body (Article.body). ' +
    'The server finds the quote and stores its offsets; when the quote occurs more than once, say which with occurrence or startOffset.',
  fields: (t) => ({
    article: t.id({ required: true, description: 'The article (its global ID) that states it.' }),
    quote: t.string({
      required: true,
      description: `The words as they stand in the article body, at most ${MAX_QUOTE_LENGTH} characters; leading and trailing spaces are ignored.`,
      validate: z.string().trim().min(1, 'Must not be blank.').max(MAX_QUOTE_LENGTH, `At most ${MAX_QUOTE_LENGTH} characters.`),
    }),
    occurrence: t.int({
      description: 'Which occurrence of the quote is meant, counting from 1; needed when it occurs more than once (unless startOffset is given).',
      validate: z.number().int().min(1, 'Counts from 1.').nullish(),
    }),
    startOffset: t.int({
      description: 'Where the quote starts in the article body, in characters from 0 (as Citation.startOffset); an alternative to occurrence.',
      validate: z.number().int().min(0, 'Counts from 0.').nullish(),
    }),
  }),
});

/** The citation input with its article ID resolved; `field` is its path in the mutation's input. */
export function citationToVerify(
  citation: { article: string | number; quote: string; occurrence?: number | null; startOffset?: number | null },
  field: string,
): CitationToVerify {
  return {
    articleId: idOfType(String(citation.article), 'Article', `${field}.article`),
    quote: citation.quote,
    occurrence: citation.occurrence ?? null,
    startOffset: citation.startOffset ?? null,
  };
}
