// "quote" links: each opens the article with that citation highlighted and focused.
import { Fragment } from 'preact';
import { link } from '../as-of.ts';

export interface CitationRef {
  id: string;
  article: { id: string; title?: string | null; publishedAt?: string | null };
}

export function quoteHref(citation: CitationRef): string {
  return link(`/article/${citation.article.id}`, { citation: citation.id });
}

export function QuoteLinks({ citations }: { citations: readonly CitationRef[] }) {
  return (
    <span class="quote-links">
      {citations.map((citation, index) => (
        <Fragment key={citation.id}>
          {index > 0 && ' '}
          <a
            href={quoteHref(citation)}
            title={citation.article.title ? `${citation.article.title}${citation.article.publishedAt ? `, ${citation.article.publishedAt}` : ''}` : undefined}
          >
            quote
          </a>
        </Fragment>
      ))}
    </span>
  );
}

/** Distinct articles among the citations: "1 source", "3 sources". */
export function sourceCountText(count: number): string {
  return `${count} source${count === 1 ? '' : 's'}`;
}

export function distinctArticles(citations: readonly CitationRef[]): number {
  return new Set(citations.map((c) => c.article.id)).size;
}
