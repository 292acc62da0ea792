// Typed operations: `graphql(...)` documents take their result and variable types from schema.graphql
// through the generated introspection in graphql-env.d.ts (`npm run explorer:types` rewrites it).
import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: {
    /** Calendar dates travel as YYYY-MM-DD strings. */
    Date: string;
    JSON: unknown;
    ID: string;
  };
}>();

export type { FragmentOf, ResultOf, VariablesOf, TadaDocumentNode } from 'gql.tada';
export { readFragment } from 'gql.tada';
