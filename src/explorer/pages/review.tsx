// Review queue (editors): candidate figures, each accepted or rejected through reviewClaim. The
// token is typed into the page and kept in memory only; it goes nowhere but the Authorization header.
import { useState } from 'preact/hooks';
import { request } from '../api.ts';
import { ErrorAlert, useTitle } from '../components.tsx';
import { CandidateItem, figureLine, type Decision } from '../review/candidate-item.tsx';
import { QUEUE_PAGE, ReviewClaimMutation, ReviewQueueQuery, type CandidateClaim } from '../review/review-queries.ts';
import { whileBusy } from '../use-query.ts';
import type { PageProps } from './page-props.ts';
import '../review/review.css';

// In memory for the life of the page (not in any storage): leaving the queue and coming back keeps it.
let tokenInMemory = '';

const DEFAULT_REASON: Record<Decision, string> = {
  ACCEPT: 'Accepted in the explorer review queue.',
  REJECT: 'Rejected in the explorer review queue.',
};

interface Queue {
  editor: string;
  claims: CandidateClaim[];
  total: number;
}

export function ReviewPage(_props: PageProps) {
  useTitle('Review queue');
  const [token, setToken] = useState(tokenInMemory);
  const [queue, setQueue] = useState<Queue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [loading, setLoading] = useState(false);
  const [deciding, setDeciding] = useState<string | null>(null);

  const load = async (event: Event) => {
    event.preventDefault();
    const typed = token.trim();
    tokenInMemory = typed;
    setError(null);
    setStatus('');
    if (!typed) {
      setQueue(null);
      setError('Enter your editor token to load the queue.');
      return;
    }
    setLoading(true);
    try {
      const data = await whileBusy(request(ReviewQueueQuery, { first: QUEUE_PAGE }, typed));
      if (!data.viewer) throw new Error('The token was not accepted.');
      const claims = data.reviewQueue.edges.flatMap((edge) => (edge.node.__typename === 'Claim' ? [edge.node] : []));
      setQueue({ editor: data.viewer.name, claims, total: data.reviewQueue.totalCount });
    } catch (failure) {
      setQueue(null);
      setError((failure as Error).message);
    } finally {
      setLoading(false);
    }
  };

  const decide = async (claim: CandidateClaim, decision: Decision, reason: string) => {
    setDeciding(claim.id);
    setError(null);
    try {
      const input = { id: claim.id, decision, reason: reason.trim() || DEFAULT_REASON[decision] };
      const { reviewClaim: result } = await whileBusy(request(ReviewClaimMutation, { input }, tokenInMemory));
      if (result.__typename !== 'ReviewClaimPayload') {
        setError(`${figureLine(claim)}: ${'message' in result ? result.message : 'not decided.'}`);
        return;
      }
      setQueue((current) => current && { ...current, claims: current.claims.filter((c) => c.id !== claim.id), total: current.total - 1 });
      const outcome = decision === 'ACCEPT' ? 'Accepted' : 'Rejected';
      setStatus(`${outcome} “${figureLine(claim)}”: it is now ${result.claim.status.toLowerCase()}.`);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setDeciding(null);
    }
  };

  return (
    <>
      <h1>Review queue</h1>
      <p class="meta">Candidate figures found in ingested articles wait here for an editor to accept or reject them.</p>
      <form class="token-form" onSubmit={load}>
        <label for="editor-token">Editor token</label>
        <input
          id="editor-token"
          type="password"
          aria-label="Editor token"
          autocomplete="off"
          value={token}
          onInput={(event) => setToken(event.currentTarget.value)}
        />
        <button type="submit" disabled={loading}>
          Load queue
        </button>
      </form>
      <p class="meta">The token stays in this page; it is sent only to this server, with each request.</p>
      <ErrorAlert error={error} />
      <p role="status" class="review-status">
        {status}
      </p>
      {queue && (
        <section aria-labelledby="queue-heading">
          <h2 id="queue-heading" class="queue-heading">
            {queue.total} candidate {queue.total === 1 ? 'figure' : 'figures'}
            <span class="meta"> · signed in as {queue.editor}</span>
          </h2>
          {queue.claims.length === 0 ? (
            <p>Nothing waits for review.</p>
          ) : (
            <ul class="review-list">
              {queue.claims.map((claim) => (
                <CandidateItem key={claim.id} claim={claim} busy={deciding === claim.id} onDecide={decide} />
              ))}
            </ul>
          )}
          {queue.total > queue.claims.length && queue.claims.length === 0 && <p>Load the queue again for the next candidates.</p>}
        </section>
      )}
    </>
  );
}
