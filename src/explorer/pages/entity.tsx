// Entity page: what it is, its relations, its figures, a chart of a metric over time and its
// neighbourhood — one request for all but the chart.
import { asOfOf } from '../as-of.ts';
import { ErrorAlert, Loading, useTitle, words } from '../components.tsx';
import { Figures } from '../entity/figures.tsx';
import { Neighbourhood } from '../entity/neighbourhood.tsx';
import { EntityQuery, type EntityData } from '../entity/queries.ts';
import { Relations } from '../entity/relations.tsx';
import { chartableMetrics, SeriesChart } from '../entity/series-chart.tsx';
import { useQuery } from '../use-query.ts';
import type { PageProps } from './page-props.ts';

function EntityView({ entity, asOf }: { entity: EntityData; asOf: string | null }) {
  const curated = entity.curated.edges.map((edge) => edge.node);
  const candidates = entity.candidates.edges.map((edge) => edge.node);
  const relations = entity.relations.edges;
  const nothingYet = asOf !== null && entity.relations.totalCount + entity.curated.totalCount + entity.candidates.totalCount === 0;
  return (
    <>
      <h1>{entity.name}</h1>
      <p class="facts">
        <span data-testid="entity-kind" class="tag">
          {words(entity.kind)}
        </span>
        {entity.status !== 'CURATED' && <span class="tag">{entity.status.toLowerCase()}</span>}
      </p>
      <p data-testid="aliases">{entity.aliases.length > 0 ? `Also written: ${entity.aliases.join(', ')}` : 'No other names recorded.'}</p>
      <p data-testid="description">{entity.description ?? 'No description yet.'}</p>
      {nothingYet && (
        <p role="status" class="as-of-note">
          Nothing about {entity.name} had been published by {asOf}.
        </p>
      )}
      <Relations edges={relations} totalCount={entity.relations.totalCount} entityName={entity.name} />
      <Figures figures={[...curated, ...candidates]} shownOf={entity.curated.totalCount + entity.candidates.totalCount} />
      <SeriesChart key={`${entity.id}-${asOf ?? ''}`} entityId={entity.id} metrics={chartableMetrics(curated)} asOf={asOf} />
      <Neighbourhood self={entity} edges={relations} />
    </>
  );
}

export function EntityPage({ params, id }: PageProps) {
  const asOf = asOfOf(params);
  const { data, error, loading } = useQuery(EntityQuery, id ? { id, asOf } : null);
  const entity = data?.node?.__typename === 'Entity' ? data.node : null;
  useTitle(entity?.name);
  if (error) return <ErrorAlert error={error} />;
  if (loading || !data) return <Loading what="Loading the entity" />;
  if (!entity) {
    return (
      <>
        <h1>Entity not found</h1>
        <p role="alert">No entity has this ID.</p>
      </>
    );
  }
  return <EntityView entity={entity} asOf={asOf} />;
}
