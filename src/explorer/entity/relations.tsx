// Relations grouped by kind, both directions: the other entity, which way the relation points,
// its period, how many articles state it and a link to each quote.
import { link } from '../as-of.ts';
import { words } from '../components.tsx';
import { describePeriod } from '../format.ts';
import type { RelationEdge } from './queries.ts';
import { QuoteLinks, distinctArticles, sourceCountText } from './citation-links.tsx';

function directionWord(edge: RelationEdge): string {
  if (edge.node.symmetric) return 'with';
  return edge.direction === 'OUTGOING' ? 'to' : 'from';
}

function directionHint(edge: RelationEdge, entityName: string): string {
  const kind = words(edge.node.kind);
  if (edge.node.symmetric) return `${entityName} and ${edge.neighbor.name}: ${kind}`;
  return edge.direction === 'OUTGOING' ? `${entityName} ${kind} ${edge.neighbor.name}` : `${edge.neighbor.name} ${kind} ${entityName}`;
}

/** Kinds in the order of their first appearance, each with its edges. */
function groupByKind(edges: readonly RelationEdge[]): Array<[string, RelationEdge[]]> {
  const groups = new Map<string, RelationEdge[]>();
  for (const edge of edges) {
    const group = groups.get(edge.node.kind);
    if (group) group.push(edge);
    else groups.set(edge.node.kind, [edge]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

export function Relations({ edges, totalCount, entityName }: { edges: readonly RelationEdge[]; totalCount: number; entityName: string }) {
  return (
    <section data-testid="relations" class="relations" aria-labelledby="relations-heading">
      <h2 id="relations-heading">Relations</h2>
      {edges.length === 0 && <p>No relations{totalCount > 0 ? ' on this page' : ''}.</p>}
      {edges.length < totalCount && (
        <p class="meta">
          Showing {edges.length} of {totalCount}.
        </p>
      )}
      {groupByKind(edges).map(([kind, group]) => (
        <div key={kind} class="relation-group">
          <h3>{words(kind)}</h3>
          <ul>
            {group.map((edge) => {
              const period = describePeriod(edge.node.period);
              return (
                <li key={`${edge.node.id}-${edge.direction}`} data-testid="relation" data-relation-id={edge.node.id} title={directionHint(edge, entityName)}>
                  <span class="direction">{directionWord(edge)}</span> <a href={link(`/entity/${edge.neighbor.id}`)}>{edge.neighbor.name}</a>
                  {edge.node.detail && <span class="meta"> ({edge.node.detail})</span>}
                  {period && <span class="meta">, {period}</span>}
                  {' · '}
                  <span class="sources">{sourceCountText(distinctArticles(edge.node.citations))}</span>{' '}
                  <QuoteLinks citations={edge.node.citations} />
                  {edge.node.conflicts.length > 0 && (
                    <>
                      {' '}
                      <span class="conflict-marker">conflict</span>
                    </>
                  )}
                  {edge.node.status !== 'CURATED' && (
                    <>
                      {' '}
                      <span class="tag">{edge.node.status.toLowerCase()}</span>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
