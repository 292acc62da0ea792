// Home: one search box over entities, figures and articles, as you type (debounced) or on Enter.
import { useEffect, useRef, useState } from 'preact/hooks';
import { link } from '../as-of.ts';
import { ErrorAlert, useTitle, words } from '../components.tsx';
import { describeFigure } from '../format.ts';
import { graphql, type ResultOf } from '../graphql.ts';
import { Snippet, snippetText } from '../snippet.tsx';
import { useQuery } from '../use-query.ts';
import type { PageProps } from './page-props.ts';

const DEBOUNCE_MS = 200;
const MAX_QUERY = 200;

const SearchQuery = graphql(`
  query ExplorerSearch($query: String!, $asOf: Date) {
    search(query: $query, first: 20, asOf: $asOf) {
      score
      snippet
      node {
        __typename
        ... on Entity { id name kind }
        ... on Claim {
          id metric value unit unitText hedge
          period { text }
          subjects { entity { id name } }
          citations { id article { id publishedAt collectedAt } }
        }
        ... on Article { id title publisher publishedAt collectedAt }
      }
    }
  }
`);

type Hit = ResultOf<typeof SearchQuery>['search'][number];

/** An entity's snippet is the name or alias that matched: worth showing only when it is an alias. */
function snippetAddsSomething(hit: Hit): boolean {
  if (!hit.snippet) return false;
  if (hit.node.__typename !== 'Entity') return true;
  return snippetText(hit.snippet).trim().toLowerCase() !== hit.node.name.trim().toLowerCase();
}
type Dated = { publishedAt?: string | null; collectedAt: string };

/** The day an article counts as published for asOf: its date, else the day it was collected. */
function visibleOn(article: Dated): string {
  return article.publishedAt ?? article.collectedAt.slice(0, 10);
}

function HitLink({ hit, asOf }: { hit: Hit; asOf: string | null }) {
  const node = hit.node;
  if (node.__typename === 'Entity') {
    return (
      <>
        <a href={link(`/entity/${node.id}`)}>{node.name}</a> <span class="tag">{words(node.kind)}</span>
      </>
    );
  }
  if (node.__typename === 'Claim') {
    // The search is scoped by asOf, its hits' citations are not: link a quote known by then.
    const citation = node.citations.find((c) => !asOf || visibleOn(c.article) <= asOf);
    const about = node.subjects.map((s) => s.entity.name).join(', ');
    // A DATE figure has no value: its period is the content ("launched in 2023").
    const figure = node.unit === 'DATE' ? (node.period.text ?? 'a date') : `${describeFigure(node)}${node.period.text ? `, ${node.period.text}` : ''}`;
    const text = `${node.metric}: ${figure}${about ? ` — ${about}` : ''}`;
    return citation ? <a href={link(`/article/${citation.article.id}`, { citation: citation.id })}>{text}</a> : <span>{text}</span>;
  }
  return (
    <>
      <a href={link(`/article/${node.id}`)}>{node.title ?? 'Untitled article'}</a>{' '}
      <span class="meta">
        {node.publisher}
        {node.publishedAt ? `, ${node.publishedAt}` : ''}
      </span>
    </>
  );
}

/** Arrow keys walk from the box through the result links and back. */
function moveFocus(event: KeyboardEvent, list: HTMLElement | null, input: HTMLInputElement | null): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const links = Array.from(list?.querySelectorAll<HTMLAnchorElement>('li > a:first-of-type') ?? []);
  if (links.length === 0) return;
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  event.preventDefault();
  if (event.key === 'ArrowDown') links[Math.min(at + 1, links.length - 1)]?.focus();
  else if (at <= 0) input?.focus();
  else links[at - 1]?.focus();
}

export function SearchPage({ params }: PageProps) {
  useTitle(null);
  const asOf = params.get('asOf');
  const [text, setText] = useState(params.get('q') ?? '');
  const [query, setQuery] = useState(text.trim());
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => input.current?.focus(), []);
  // As you type: the search runs once typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  // The query lives in the hash too (without a history entry per keystroke), so back returns to it.
  useEffect(() => {
    const next = link('/', { q: query || null });
    if (location.hash !== next) history.replaceState(null, '', next);
  }, [query]);

  const { data, error, loading } = useQuery(SearchQuery, query ? { query: query.slice(0, MAX_QUERY), asOf } : null);
  const hits = data?.search ?? [];

  return (
    <>
      <h1>Search the corridor graph</h1>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(text.trim());
        }}
      >
        <input
          ref={input}
          type="search"
          aria-label="Search the graph"
          placeholder="A place, company, figure or article: Khorgos, KTZ, trade volume…"
          value={text}
          maxLength={MAX_QUERY}
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => moveFocus(event, list.current, input.current)}
        />
      </form>
      <ErrorAlert error={error} />
      {query && !loading && !error && data && (
        <p class="result-count" aria-live="polite">
          {hits.length === 0 ? `Nothing found for “${query}”.` : `${hits.length} result${hits.length === 1 ? '' : 's'} for “${query}”`}
        </p>
      )}
      {hits.length > 0 && (
        <ul data-testid="search-results" class="results" ref={list} onKeyDown={(event) => moveFocus(event, list.current, input.current)}>
          {hits.map((hit) => (
            <li key={hit.node.id} data-kind={hit.node.__typename} data-id={hit.node.id}>
              <HitLink hit={hit} asOf={asOf} />
              {snippetAddsSomething(hit) && (
                <div class="snippet-line">
                  {hit.node.__typename === 'Entity' && 'also written '}
                  <Snippet html={hit.snippet} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
