// Citations written through the API: a quote checked against the article's clean body, its offsets
// found here (the database trigger checks them again), and the citations of a claim or relation.
import { globalIdOf } from '../../domain/global-ids.ts';
import { ConflictError, NotFoundError, QuoteNotFoundError, ValidationError } from '../../domain/errors.ts';
import { countQuoteOccurrences, locateQuote, type QuoteLocation } from '../../ingest/quotes.ts';
import type { Write } from '../audit.ts';
import type { CitationRow } from '../types.ts';

/** Longest quote a citation takes: a clause that states the fact, not a paragraph. */
export const MAX_QUOTE_LENGTH = 1000;

/** A citation as a client gives it: which of several occurrences, by number or by offset, when the quote repeats. */
export interface CitationInput {
  articleId: number;
  quote: string;
  /** 1-based. */
  occurrence?: number | null;
  /** Where the quote starts in the body, in characters (code points), 0-based. */
  startOffset?: number | null;
}

export interface VerifiedCitation extends QuoteLocation {
  articleId: number;
  quote: string;
}

/** A citation's target: exactly one of a claim and a relation. */
export type CitationTarget = { claimId: number } | { relationId: number };

/**
 * The citation with its offsets in the article body. `field` is the citation's path in the input
 * (e.g. "input.citation"), so each refusal names the part at fault.
 */
export async function verifyCitation(write: Write, input: CitationInput, field: string): Promise<VerifiedCitation> {
  const quote = input.quote.trim();
  if (quote === '') throw new ValidationError('A quote must not be blank.', `${field}.quote`);
  if ([...quote].length > MAX_QUOTE_LENGTH) {
    throw new ValidationError(`A quote is at most ${MAX_QUOTE_LENGTH} characters; cite the clause that states the fact.`, `${field}.quote`);
  }
  const { occurrence, startOffset } = input;
  if (occurrence != null && (!Number.isInteger(occurrence) || occurrence < 1)) {
    throw new ValidationError('occurrence counts from 1.', `${field}.occurrence`);
  }
  if (startOffset != null && (!Number.isInteger(startOffset) || startOffset < 0)) {
    throw new ValidationError('startOffset counts characters from 0.', `${field}.startOffset`);
  }

  const article = await write.trx.selectFrom('articles').select(['id', 'body']).where('id', '=', input.articleId).executeTakeFirst();
  const articleId = globalIdOf('Article', input.articleId);
  if (!article) throw new NotFoundError(`${field}.article: no article has this ID.`, articleId);

  const count = countQuoteOccurrences(article.body, quote);
  if (count === 0) {
    throw new QuoteNotFoundError('The quote does not occur verbatim in the article\'s body (Article.body); copy it exactly.', articleId, quote);
  }
  if (count > 1 && occurrence == null && startOffset == null) {
    throw new ValidationError(
      `The quote occurs ${count} times in the article; say which with occurrence (1 to ${count}) or startOffset.`,
      `${field}.occurrence`,
    );
  }
  if (occurrence != null && occurrence > count) {
    throw new ValidationError(`The quote occurs ${count} time${count === 1 ? '' : 's'} in the article, so occurrence ${occurrence} does not exist.`, `${field}.occurrence`);
  }

  let located: QuoteLocation | null = locateQuote(article.body, quote, occurrence ?? 1);
  if (startOffset != null) {
    located = null;
    for (let nth = 1; nth <= count && !located; nth++) {
      const candidate = locateQuote(article.body, quote, nth)!;
      if (candidate.startOffset === startOffset) {
        if (occurrence != null && occurrence !== nth) {
          throw new ValidationError(`startOffset ${startOffset} is occurrence ${nth} of the quote, not occurrence ${occurrence}.`, `${field}.startOffset`);
        }
        located = candidate;
      }
    }
    if (!located) throw new ValidationError(`The quote does not start at offset ${startOffset} of the article body.`, `${field}.startOffset`);
  }
  return { articleId: input.articleId, quote, ...located! };
}

/** Stores a verified citation of a claim or relation; the same passage cited twice is a ConflictError. */
export async function insertCitation(write: Write, target: CitationTarget, citation: VerifiedCitation): Promise<CitationRow> {
  const [column, id] = 'claimId' in target ? (['claim_id', target.claimId] as const) : (['relation_id', target.relationId] as const);
  const existing = await write.trx
    .selectFrom('citations')
    .select('id')
    .where(column, '=', id)
    .where('article_id', '=', citation.articleId)
    .where('start_offset', '=', citation.startOffset)
    .executeTakeFirst();
  if (existing) throw new ConflictError(`This passage is already cited (citation ${globalIdOf('Citation', existing.id)}).`);
  return write.trx
    .insertInto('citations')
    .values({
      [column]: id,
      article_id: citation.articleId,
      quote: citation.quote,
      start_offset: citation.startOffset,
      end_offset: citation.endOffset,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A citation as audit snapshots record it. */
export type CitationSnapshot = Pick<CitationRow, 'id' | 'article_id' | 'quote' | 'start_offset' | 'end_offset'>;

export async function citationSnapshots(write: Write, target: CitationTarget): Promise<CitationSnapshot[]> {
  const [column, id] = 'claimId' in target ? (['claim_id', target.claimId] as const) : (['relation_id', target.relationId] as const);
  return write.trx
    .selectFrom('citations')
    .select(['id', 'article_id', 'quote', 'start_offset', 'end_offset'])
    .where(column, '=', id)
    .orderBy('id')
    .execute();
}
