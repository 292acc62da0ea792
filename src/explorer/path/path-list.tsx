// The chains found, each an <ol> of steps: from → kind → to, and the quote that states the step.
import { link } from '../as-of.ts';
import { words } from '../components.tsx';
import type { FoundPath, FoundStep } from './path-query.ts';

type Citation = FoundStep['relation']['citations'][number];

/** The day an article counts as published for asOf: its date, else the day it was collected. */
const publishedOn = (citation: Citation) => citation.article.publishedAt ?? citation.article.collectedAt.slice(0, 10);

/** path takes no asOf: a step counts as known when one of its quotes was published by then. */
function knownCitations(step: FoundStep, asOf: string | null): Citation[] {
  return asOf ? step.relation.citations.filter((c) => publishedOn(c) <= asOf) : step.relation.citations;
}

function StepView({ step, asOf }: { step: FoundStep; asOf: string | null }) {
  const citation = knownCitations(step, asOf)[0];
  const kind = words(step.relation.kind);
  // Walked against the relation: say which way the text states it.
  const stated = step.forward ? null : `${step.to.name} ${kind} ${step.from.name}`;
  return (
    <li data-testid="path-step" class="path-step">
      <div class="step-line">
        <a href={link(`/entity/${step.from.id}`)}>{step.from.name}</a>
        <span class="arrow" aria-hidden="true"> → </span>
        <span class="kind" {...(stated ? { title: `The text states: ${stated}` } : {})}>
          {kind}
          {stated && <span class="reversed"> (reversed)</span>}
        </span>
        <span class="arrow" aria-hidden="true"> → </span>
        <a href={link(`/entity/${step.to.id}`)}>{step.to.name}</a>
        {step.relation.period.text && <span class="meta"> · {step.relation.period.text}</span>}
      </div>
      {citation ? (
        <p class="step-quote">
          <q>{citation.quote}</q>{' '}
          <a href={link(`/article/${citation.article.id}`, { citation: citation.id })} title={citation.article.title ?? 'Untitled article'}>
            quote
          </a>
          <span class="meta">
            {' '}
            · {citation.article.publisher}
            {citation.article.publishedAt ? `, ${citation.article.publishedAt}` : ''}
          </span>
        </p>
      ) : (
        <p class="meta">No quote published by then.</p>
      )}
    </li>
  );
}

export function PathList({ paths, depth, asOf }: { paths: readonly FoundPath[]; depth: number; asOf: string | null }) {
  // As of a date, a chain with a step not yet stated was not known: it is left out.
  const shown = asOf ? paths.filter((path) => path.steps.every((step) => knownCitations(step, asOf).length > 0)) : paths;
  const hidden = paths.length - shown.length;
  if (shown.length === 0) {
    return (
      <p role="status" class="path-none">
        No path within {depth} {depth === 1 ? 'step' : 'steps'}
        {hidden > 0 ? ` known as of ${asOf} (${hidden} found from later articles)` : ''}.
      </p>
    );
  }
  const length = shown[0]!.length;
  return (
    <section aria-labelledby="paths-heading">
      <h2 id="paths-heading">Chains found</h2>
      <p role="status" class="meta">
        {shown.length} {shown.length === 1 ? 'chain' : 'chains'} of {length} {length === 1 ? 'step' : 'steps'}
        {hidden > 0 ? ` (${hidden} more from articles after ${asOf})` : ''}
      </p>
      {shown.map((path, index) => (
        <ol data-testid="path" class="path" aria-label={`Chain ${index + 1}`} key={path.steps.map((s) => s.relation.id).join('-') || index}>
          {path.steps.map((step) => (
            <StepView key={step.relation.id} step={step} asOf={asOf} />
          ))}
        </ol>
      ))}
    </section>
  );
}
