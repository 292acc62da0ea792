// ingestArticle: an editor hands in a new article's text; it is cleaned and stored with the entities
// it mentions, and its new names, figures and relations are proposed as candidates for review.
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { IngestCounts, IngestResult } from '../db/writes/ingest.ts';
import { ingestArticle } from '../ingest/ingest-article.ts';
import { checkIngestInput, UNKNOWN_PUBLISHER } from '../ingest/ingest-input.ts';
import { ArticleNode } from './article.ts';
import { STRING_LIMIT_EXTENSION } from './cost.ts';
import { MUTATION_ERRORS } from './errors.ts';
import { MAX_TEXT_LENGTH } from './mutation-inputs.ts';
import { write } from './write.ts';

const metadataText = z.string().trim().max(MAX_TEXT_LENGTH, `At most ${MAX_TEXT_LENGTH} characters.`).nullish();

const IngestCountsRef = builder.objectRef<IngestCounts>('IngestCounts').implement({
  description: 'What one ingest stored; all zero when the article existed already.',
  fields: (t) => ({
    mentions: t.exposeInt('mentions', { description: 'Places the article names an entity, known or candidate (Article.mentions).' }),
    candidateEntities: t.exposeInt('candidateEntities', { description: 'New names proposed as CANDIDATE entities (reviewEntity).' }),
    candidateClaims: t.exposeInt('candidateClaims', { description: 'Figures proposed as CANDIDATE claims citing the article (reviewClaim).' }),
    candidateRelations: t.exposeInt('candidateRelations', {
      description: 'Relations proposed as CANDIDATE, or already awaiting review and now cited by this article too (reviewRelation).',
    }),
  }),
});

builder.relayMutationField(
  'ingestArticle',
  {
    description: 'Input of ingestArticle: the article text as collected and whatever metadata is known.',
    inputFields: (t) => ({
      text: t.string({
        required: true,
        description:
          'The article as collected, site chrome and all (it is cleaned here). At most INGEST_MAX_CHARS characters ' +
          '(default 100,000), a limit of its own instead of STRING_LIMIT.',
        extensions: { [STRING_LIMIT_EXTENSION]: 'INGEST_MAX_CHARS' },
        validate: z.string().refine((text) => text.trim() !== '', 'The article text is empty.'),
      }),
      title: t.string({ description: 'Headline; when omitted, read from the text if it states one.', validate: metadataText }),
      publisher: t.string({
        description: `The publication; when omitted, the URL's host (without "www."), or "${UNKNOWN_PUBLISHER}" without a URL.`,
        validate: metadataText,
      }),
      byline: t.string({ description: 'Author(s); when omitted, read from the text if it names them.', validate: metadataText }),
      publishedAt: t.field({
        type: 'Date',
        description: 'Publication date; when omitted, read from the text if it states one (a dateline, "date YYYY-MM-DD"). Not in the future.',
      }),
      url: t.string({ description: 'Where the article was published: an http:// or https:// URL. One article per URL.' }),
      language: t.string({ description: 'ISO 639-1 code of the text\'s language; "en" when omitted.' }),
    }),
  },
  {
    description:
      'Stores a new article (editor): cleaned, with every known entity it names linked (Article.mentions), its new names proposed as ' +
      'CANDIDATE entities, and its figures and relations as CANDIDATE claims and relations citing it, for review with reviewEntity, ' +
      'reviewClaim and reviewRelation (see reviewQueue). The same content or URL again returns the stored article with created: false ' +
      'and writes nothing. Empty text, an impossible or future date, a URL that is not http(s) or an unknown language code is a ValidationError.',
    authScopes: { editor: true },
    errors: { types: MUTATION_ERRORS },
    resolve: async (_root, { input }, context) => {
      const checked = checkIngestInput(
        {
          text: input.text,
          title: input.title ?? null,
          publisher: input.publisher ?? null,
          byline: input.byline ?? null,
          publishedOn: input.publishedAt ?? null,
          url: input.url ?? null,
          language: input.language ?? null,
        },
        // INGEST_MAX_CHARS is enforced on input.text before execution (src/http/limits.ts).
        { today: new Date().toISOString().slice(0, 10) },
      );
      return ingestArticle(context.db, checked, (work) => write(context, work), context.planIngest);
    },
  },
  {
    description: 'Result of ingestArticle.',
    outputFields: (t) => ({
      article: t.field({ type: ArticleNode, description: 'The article as stored (or as it was stored before).', resolve: (p: IngestResult) => p.article }),
      created: t.boolean({
        description: 'False when an article with the same content (clean body) or URL was stored already; it is returned and nothing is written.',
        resolve: (p: IngestResult) => p.created,
      }),
      counts: t.field({ type: IngestCountsRef, description: 'What this ingest stored.', resolve: (p: IngestResult) => p.counts }),
    }),
  },
);
