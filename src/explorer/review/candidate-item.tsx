// One candidate figure of the review queue: the figure, what it is about, its quotes, and the
// decision (an optional reason, Accept, Reject).
import { useState } from 'preact/hooks';
import { link } from '../as-of.ts';
import { words } from '../components.tsx';
import { describeFigure, describePeriod, hedgeWords, unitWords, formatNumber } from '../format.ts';
import type { CandidateClaim } from './review-queries.ts';

export type Decision = 'ACCEPT' | 'REJECT';

interface Props {
  claim: CandidateClaim;
  busy: boolean;
  onDecide: (claim: CandidateClaim, decision: Decision, reason: string) => void;
}

/** "trade volume: more than 43.8 billion USD" */
export function figureLine(claim: CandidateClaim): string {
  return `${words(claim.metric)}: ${claim.unit === 'DATE' ? describePeriod(claim.period) : describeFigure(claim)}`;
}

function Qualifiers({ claim }: { claim: CandidateClaim }) {
  const { product, direction, mode } = claim.qualifiers;
  const parts = [product, direction && words(direction), mode && words(mode)].filter(Boolean);
  return parts.length > 0 ? <span class="meta"> · {parts.join(', ')}</span> : null;
}

export function CandidateItem({ claim, busy, onDecide }: Props) {
  const [reason, setReason] = useState('');
  const reasonId = `reason-${claim.id}`;
  return (
    <li data-testid="review-item" data-claim-id={claim.id} class="review-item" aria-busy={busy ? 'true' : 'false'}>
      <h3 class="figure">{figureLine(claim)}</h3>
      <dl class="figure-facts">
        <dt>Value</dt>
        <dd>{claim.value == null ? 'none (a date)' : formatNumber(claim.value)}</dd>
        <dt>Unit</dt>
        <dd>{unitWords(claim.unit, claim.unitText)}</dd>
        <dt>Hedge</dt>
        <dd>{hedgeWords(claim.hedge) || 'exact'}</dd>
        <dt>Period</dt>
        <dd>{describePeriod(claim.period) || 'not stated'}</dd>
        {claim.conversion && (
          <>
            <dt>Also stated as</dt>
            <dd>{describeFigure(claim.conversion)}</dd>
          </>
        )}
      </dl>
      <p class="about">
        About{' '}
        {claim.subjects.length === 0
          ? 'no entity yet'
          : claim.subjects.map((subject, index) => (
              <span key={subject.entity.id}>
                {index > 0 && ', '}
                <a href={link(`/entity/${subject.entity.id}`)}>{subject.entity.name}</a>
                {subject.role !== 'SUBJECT' && <span class="meta"> ({words(subject.role)})</span>}
                {subject.inferred && <span class="tag" title={subject.note ?? undefined}>inferred</span>}
              </span>
            ))}
        <Qualifiers claim={claim} />
      </p>
      {claim.citations.map((citation) => (
        <blockquote key={citation.id} class="candidate-quote">
          <q>{citation.quote}</q>{' '}
          <a href={link(`/article/${citation.article.id}`, { citation: citation.id })}>quote</a>
          <span class="meta">
            {' '}
            · {citation.article.title ?? 'Untitled article'}, {citation.article.publisher}
            {citation.article.publishedAt ? `, ${citation.article.publishedAt}` : ''}
          </span>
        </blockquote>
      ))}
      <div class="decision">
        <label for={reasonId}>Reason (optional)</label>
        <input id={reasonId} type="text" value={reason} maxLength={500} onInput={(event) => setReason(event.currentTarget.value)} />
        <div class="decision-buttons">
          <button type="button" disabled={busy} onClick={() => onDecide(claim, 'ACCEPT', reason)}>
            Accept
          </button>
          <button type="button" class="reject" disabled={busy} onClick={() => onDecide(claim, 'REJECT', reason)}>
            Reject
          </button>
        </div>
      </div>
    </li>
  );
}
