// The benchmark's GraphQL queries, aimed at entities of synthetic country 0 (present at every scale).
import type { BenchTargets } from './synthetic.ts';

export interface BenchQuery {
  name: string;
  query: string;
  /** Share of BENCH_ITERATIONS to run: heavy queries run fewer times to keep the whole run short. */
  share: number;
}

/** Global IDs are what Query.path takes; the API hands them out, so nothing here knows their format. */
export interface PathEnds {
  fromId: string;
  toId: string;
}

const walk = (first: number) => `{ entities(search: "KTZ", kind: COMPANY, first: ${first}) { edges { node { name
  relations(kind: OPERATES_TERMINAL) { edges { node { object { name
    claims(first: 20) { edges { node { metric value unit citations { quote article { title publishedAt } } } } } } } } } } } } }`;

export function benchQueries(t: BenchTargets, ends: PathEnds): BenchQuery[] {
  const str = JSON.stringify;
  return [
    { name: 'walk first:5', share: 0.5, query: walk(5) },
    { name: 'walk first:50', share: 0.1, query: walk(50) },
    {
      name: 'entities search (typo)',
      share: 0.5,
      query: `{ entities(search: ${str(t.cityTypo)}, first: 10) { edges { score node { name kind } } } }`,
    },
    {
      name: 'articles full-text',
      share: 0.25,
      query: `{ articles(search: ${str(`${t.cityName} terminal`)}, first: 10) { edges { snippet node { title } } } }`,
    },
    {
      name: 'Query.search',
      share: 0.25,
      query: `{ search(query: ${str(t.cityName)}, first: 10) { score snippet node { __typename
        ... on Entity { name } ... on Claim { metric value } ... on Article { title } } } }`,
    },
    {
      name: 'claims metric+period by value',
      share: 0.5,
      query: `{ claims(metric: ${str(t.seriesMetric)}, periodFrom: "2019-01-01", periodTo: "2020-12-31", orderBy: VALUE, direction: DESC, first: 50) {
        edges { node { metric value unit period { start end } } } } }`,
    },
    {
      name: 'claims in country (contained)',
      share: 0.5,
      query: `{ claims(subject: ${str(t.countrySlug)}, includeContained: true, first: 50) { edges { node { metric value unit } } } }`,
    },
    {
      name: 'relations LOCATED_IN',
      share: 1,
      query: '{ relations(kind: LOCATED_IN, first: 50) { edges { node { subject { name } object { name } } } } }',
    },
    {
      name: 'articles by date',
      share: 1,
      query: '{ articles(publishedFrom: "2020-01-01", publishedTo: "2020-12-31", first: 20) { edges { node { title publishedAt } } } }',
    },
    {
      name: 'entity series',
      share: 1,
      query: `{ entity(slug: ${str(t.seriesSlug)}) { series(metric: ${str(t.seriesMetric)}) { value start end citations { quote } } } }`,
    },
    {
      name: 'claims sources+conflicts',
      share: 0.1,
      query: '{ claims(first: 50) { edges { node { sourceCount conflicts { id } } } } }',
    },
    {
      name: 'path (3 hops)',
      share: 1,
      query: `{ path(from: ${str(ends.fromId)}, to: ${str(ends.toId)}, maxDepth: 4) { length steps { forward relation { kind } from { name } to { name } } } }`,
    },
  ];
}
