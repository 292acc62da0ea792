// The path finder's query: chains with, for each step, its ends, its relation and the quotes stating it.
import { graphql, type ResultOf } from '../graphql.ts';

export const PathQuery = graphql(`
  query ExplorerPath($from: ID!, $to: ID!, $maxDepth: Int) {
    path(from: $from, to: $to, maxDepth: $maxDepth) {
      length
      steps {
        forward
        from { id name kind }
        to { id name kind }
        relation {
          id kind detail
          period { text }
          citations { id quote article { id title publisher publishedAt collectedAt } }
        }
      }
    }
  }
`);

export type FoundPath = ResultOf<typeof PathQuery>['path'][number];
export type FoundStep = FoundPath['steps'][number];
