// Every quote of the article in body order, with what it supports: a way to reach each marked
// passage by keyboard (each links to itself in the text) and to the entities it is about.
import { link } from '../as-of.ts';
import { describeSupport, type EntityLink, type QuotedCitation } from './supports.ts';

function entitiesOf(citation: QuotedCitation): EntityLink[] {
  if (citation.claim) return (citation.claim.subjects ?? []).map((s) => s.entity);
  if (citation.relation) return [citation.relation.subject, citation.relation.object];
  return [];
}

export function QuoteList({ articleId, citations, currentId }: { articleId: string; citations: readonly QuotedCitation[]; currentId: string | null }) {
  if (citations.length === 0) return <p class="meta">No quote of this article is cited.</p>;
  return (
    <section aria-labelledby="quotes-heading" class="quote-list">
      <h2 id="quotes-heading">Cited quotes ({citations.length})</h2>
      <ol>
        {citations.map((citation) => {
          const status = citation.claim?.status ?? citation.relation?.status;
          return (
            <li key={citation.id} data-testid="quote-item" {...(citation.id === currentId ? { 'aria-current': 'true', class: 'current' } : {})}>
              <a href={link(`/article/${articleId}`, { citation: citation.id })}>“{citation.quote}”</a>
              {citation.fromCaption && <span class="tag">caption</span>}
              {status && status !== 'CURATED' && <span class="tag">{status.toLowerCase()}</span>}
              <div class="support">
                {describeSupport(citation)}
                {entitiesOf(citation).length > 0 && ' · '}
                {entitiesOf(citation).map((entity, index) => (
                  <span key={`${entity.id}-${index}`}>
                    {index > 0 && ', '}
                    <a href={link(`/entity/${entity.id}`)}>{entity.name}</a>
                  </span>
                ))}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
