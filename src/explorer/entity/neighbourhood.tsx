// The entity's neighbourhood as a small graph (click a node to walk to it), and the same neighbours
// as a list of links for keyboards and screen readers.
// cytoscape's code arrives in its own chunk when a graph is first drawn.
import type cytoscape from 'cytoscape';
import { useRef } from 'preact/hooks';
import { link } from '../as-of.ts';
import { ErrorAlert, words } from '../components.tsx';
import { navigate } from '../router.ts';
import { useDrawing } from '../use-drawing.ts';
import type { RelationEdge } from './queries.ts';

interface Neighbour {
  id: string;
  name: string;
  kind: string;
  relationKinds: Set<string>;
}

function neighboursOf(edges: readonly RelationEdge[], selfId: string): Neighbour[] {
  const byId = new Map<string, Neighbour>();
  for (const edge of edges) {
    if (edge.neighbor.id === selfId) continue;
    const neighbour = byId.get(edge.neighbor.id) ?? { ...edge.neighbor, relationKinds: new Set<string>() };
    neighbour.relationKinds.add(words(edge.node.kind));
    byId.set(edge.neighbor.id, neighbour);
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function elementsOf(self: { id: string; name: string }, edges: readonly RelationEdge[], neighbours: readonly Neighbour[]): cytoscape.ElementDefinition[] {
  const nodes: cytoscape.ElementDefinition[] = [
    { data: { id: self.id, label: self.name }, classes: 'self' },
    ...neighbours.map((n) => ({ data: { id: n.id, label: n.name } })),
  ];
  const seen = new Set<string>();
  const links: cytoscape.ElementDefinition[] = [];
  for (const edge of edges) {
    if (edge.neighbor.id === self.id) continue;
    const [source, target] = edge.direction === 'OUTGOING' ? [self.id, edge.neighbor.id] : [edge.neighbor.id, self.id];
    const id = `${edge.node.id}:${source}`;
    if (seen.has(id)) continue;
    seen.add(id);
    links.push({ data: { id, source, target, label: words(edge.node.kind) }, classes: edge.node.symmetric ? 'symmetric' : '' });
  }
  return [...nodes, ...links];
}

const GRAPH_STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-size': 11,
      'text-wrap': 'ellipsis',
      'text-max-width': '120px',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'background-color': '#0b5cad',
      width: 14,
      height: 14,
      color: '#1b1f24',
    },
  },
  { selector: 'node.self', style: { 'background-color': '#e36209', width: 22, height: 22, 'font-weight': 'bold' } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#8c959f',
      'target-arrow-color': '#8c959f',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
    },
  },
  { selector: 'edge.symmetric', style: { 'target-arrow-shape': 'none' } },
];

function Graph({ self, edges, neighbours }: { self: { id: string; name: string }; edges: readonly RelationEdge[]; neighbours: readonly Neighbour[] }) {
  const box = useRef<HTMLDivElement>(null);
  const failed = useDrawing(
    box,
    () => import('cytoscape'),
    ({ default: createGraph }, container) => {
      const graph = createGraph({
        container,
        elements: elementsOf(self, edges, neighbours),
        style: GRAPH_STYLE,
        layout: { name: 'concentric', concentric: (node) => (node.id() === self.id ? 2 : 1), levelWidth: () => 1, minNodeSpacing: 30, animate: false },
        minZoom: 0.3,
        maxZoom: 3,
      });
      graph.on('tap', 'node', (event) => {
        const id = event.target.id() as string;
        // After cytoscape has finished with the tap: navigating unmounts and destroys the graph,
        // and a graph destroyed inside its own event handler throws from its renderer.
        if (id !== self.id) setTimeout(() => navigate(link(`/entity/${id}`)), 0);
      });
      // A pointer over a node is a link: say so.
      graph.on('mouseover', 'node', () => (container.style.cursor = 'pointer'));
      graph.on('mouseout', 'node', () => (container.style.cursor = ''));
      return () => graph.destroy();
    },
    [self.id, edges],
  );
  return (
    <>
      <ErrorAlert error={failed ? 'The graph could not be loaded; the list below has the same links.' : null} />
      <div ref={box} data-testid="neighbourhood" class="neighbourhood" role="img" aria-label={`Graph of ${self.name} and its ${neighbours.length} neighbours; the list below has the same links`} />
    </>
  );
}

export function Neighbourhood({ self, edges }: { self: { id: string; name: string }; edges: readonly RelationEdge[] }) {
  const neighbours = neighboursOf(edges, self.id);
  if (neighbours.length === 0) return null;
  return (
    <section aria-labelledby="neighbourhood-heading">
      <h2 id="neighbourhood-heading">Neighbourhood</h2>
      <Graph self={self} edges={edges} neighbours={neighbours} />
      <ul data-testid="neighbour-list" class="neighbour-list">
        {neighbours.map((n) => (
          <li key={n.id}>
            <a href={link(`/entity/${n.id}`)}>{n.name}</a> <span class="meta">({[...n.relationKinds].join(', ')})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
