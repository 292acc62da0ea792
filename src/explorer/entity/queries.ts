// The entity page's data: everything but the chart in one request; the chart's series in a second,
// asked when a metric is picked. Page sizes stay modest to keep the cost well under the server's limit.
import { graphql, type ResultOf } from '../graphql.ts';

// Unmasked: the page reads the figure fields directly, as if they were written inline.
const FigureFields = graphql(`
  fragment ExplorerFigure on Claim @_unmask {
    id metric value unit unitText hedge status sourceCount
    period { text start end resolved }
    qualifiers { product direction mode }
    conflicts { id value unit hedge period { text } }
    citations { id article { id title publishedAt } }
  }
`);

export const EntityQuery = graphql(`
  query ExplorerEntity($id: ID!, $asOf: Date) {
    node(id: $id) {
      __typename
      ... on Entity {
        id name slug kind aliases description status
        relations(asOf: $asOf, first: 100) {
          totalCount
          edges {
            direction
            neighbor { id name kind }
            node {
              id kind symmetric detail status
              period { text start end }
              citations { id article { id } }
              conflicts { id }
            }
          }
        }
        curated: claims(asOf: $asOf, first: 100) {
          totalCount
          edges { node { ...ExplorerFigure } }
        }
        candidates: claims(asOf: $asOf, first: 50, status: CANDIDATE) {
          totalCount
          edges { node { ...ExplorerFigure } }
        }
      }
    }
  }
`,
  [FigureFields],
);

export type EntityResult = ResultOf<typeof EntityQuery>;
export type EntityData = Extract<NonNullable<EntityResult['node']>, { __typename: 'Entity' }>;
export type RelationEdge = EntityData['relations']['edges'][number];
export type Figure = EntityData['curated']['edges'][number]['node'];

export const SeriesQuery = graphql(`
  query ExplorerSeries($id: ID!, $metric: String!, $asOf: Date) {
    node(id: $id) {
      ... on Entity {
        id
        series(metric: $metric, asOf: $asOf) {
          start end value unit hedge periodText
          qualifiers { product direction mode }
          claim { id }
        }
      }
    }
  }
`);

export type SeriesResult = ResultOf<typeof SeriesQuery>;
export type SeriesPoint = Extract<NonNullable<SeriesResult['node']>, { series: unknown }>['series'][number];
