// Path finder: two entities, the shortest chains of relations between them, each step with its
// quote. The ends live in the URL (#/path?from=..&to=..), so a result is linkable.
import { useEffect, useState } from 'preact/hooks';
import { link } from '../as-of.ts';
import { ErrorAlert, useTitle } from '../components.tsx';
import { isGlobalIdOf } from '../global-ids.ts';
import { graphql } from '../graphql.ts';
import { EntityPicker, type EntityChoice } from '../path/entity-picker.tsx';
import { PathList } from '../path/path-list.tsx';
import { PathQuery } from '../path/path-query.ts';
import { navigate } from '../router.ts';
import { useQuery } from '../use-query.ts';
import type { PageProps } from './page-props.ts';
import '../path/path.css';

const DEPTHS = [1, 2, 3, 4] as const;
const DEFAULT_DEPTH = 3;

// The names of ends given by ID in the URL, to show in the fields.
const EndNamesQuery = graphql(`
  query ExplorerPathEnds($ids: [ID!]!) {
    nodes(ids: $ids) { __typename ... on Entity { id name } }
  }
`);

function depthOf(params: URLSearchParams): number {
  const depth = Number(params.get('depth'));
  return (DEPTHS as readonly number[]).includes(depth) ? depth : DEFAULT_DEPTH;
}

const choiceOf = (value: string | null): EntityChoice => ({ text: value ?? '', picked: null });

/** What an end field sends: the picked entity's ID, else the text typed (a slug). */
const endOf = (choice: EntityChoice): string => choice.picked?.id ?? choice.text.trim();

export function PathPage({ params }: PageProps) {
  useTitle('Path finder');
  const from = params.get('from')?.trim() || null;
  const to = params.get('to')?.trim() || null;
  const depth = depthOf(params);
  const asOf = params.get('asOf');

  // The fields follow the URL (a link, back and forward); IDs are shown by their entity's name.
  const [fromChoice, setFrom] = useState(() => choiceOf(from));
  const [toChoice, setTo] = useState(() => choiceOf(to));
  const [maxDepth, setMaxDepth] = useState(depth);
  const [missing, setMissing] = useState<string | null>(null);
  useEffect(() => {
    setFrom(choiceOf(from));
    setTo(choiceOf(to));
    setMaxDepth(depth);
  }, [from, to, depth]);
  const ids = [from, to].filter((end): end is string => isGlobalIdOf(end, 'Entity'));
  const ends = useQuery(EndNamesQuery, ids.length > 0 ? { ids } : null);
  useEffect(() => {
    for (const node of ends.data?.nodes ?? []) {
      if (node?.__typename !== 'Entity') continue;
      const named = { text: node.name, picked: { id: node.id, name: node.name } };
      if (node.id === from) setFrom(named);
      if (node.id === to) setTo(named);
    }
  }, [ends.data]);

  const { data, error, loading } = useQuery(PathQuery, from && to ? { from, to, maxDepth: depth } : null);

  const submit = (event: Event) => {
    event.preventDefault();
    const [start, end] = [endOf(fromChoice), endOf(toChoice)];
    if (!start || !end) {
      setMissing(!start ? 'Choose where the chains start (From).' : 'Choose where the chains end (To).');
      return;
    }
    setMissing(null);
    navigate(link('/path', { from: start, to: end, depth: maxDepth === DEFAULT_DEPTH ? null : String(maxDepth) }));
  };

  return (
    <>
      <h1>Path finder</h1>
      <p class="meta">The shortest chains of relations between two entities, each step with the quote that states it.</p>
      <form class="path-form" onSubmit={submit}>
        <EntityPicker id="path-from" label="From" value={fromChoice} onChange={setFrom} />
        <EntityPicker id="path-to" label="To" value={toChoice} onChange={setTo} />
        <div class="path-depth">
          <label for="path-depth">Up to</label>
          <select id="path-depth" value={String(maxDepth)} onChange={(event) => setMaxDepth(Number(event.currentTarget.value))}>
            {DEPTHS.map((n) => (
              <option key={n} value={String(n)}>
                {n} {n === 1 ? 'step' : 'steps'}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Find paths</button>
      </form>
      <ErrorAlert error={missing ?? error ?? ends.error} />
      {data && !error && !loading && <PathList paths={data.path} depth={depth} asOf={asOf} />}
    </>
  );
}
