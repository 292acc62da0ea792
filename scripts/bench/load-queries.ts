// The GraphQL requests put under load, aimed at the bundled corpus, and the one-off check that each answers.

export interface LoadQuery {
  name: string;
  /** The JSON request body: { query, variables? }. */
  body: string;
}

// README.md's first example, verbatim.
const WALK = `{
  entities(search: "KTZ", kind: COMPANY, first: 5) {
    edges { node { name
      relations(kind: OPERATES_TERMINAL) { edges { node { object { name
        claims(first: 20) { edges { node {
          metric value unit hedge period { text start end }
          citations { quote article { title publishedAt } }
        } } }
      } } } }
    } }
  }
}`;

const ENTITY_SEARCH = `{ entities(search: "Khorgos") { edges { score node { name kind aliases } } } }`;

const CLAIMS_FILTER = `{
  claims(subject: "xinjiang", includeContained: true, orderBy: VALUE, direction: DESC) {
    edges { node { metric value unit sourceCount conflicts { key } } }
  }
}`;

const PATH = `query($from: ID!, $to: ID!) {
  path(from: $from, to: $to, maxDepth: 3) {
    length
    steps { forward from { name } to { name } relation { kind citations { quote } } }
  }
}`;

/**
 * Both in db/corpus/000_*.yaml, three relations apart (company -> the terminal it operates -> Xi'an -> Shaanxi),
 * so the search explores the full maxDepth of 3; test/paths.test.ts checks this chain.
 */
export const PATH_FROM_SLUG = 'xinjiang-ktz-international-logistics';
export const PATH_TO_SLUG = 'shaanxi';

export const WALK_NAME = 'walk (README)';

export interface GraphQLAnswer {
  status: number;
  json: { data?: Record<string, unknown> | null; errors?: Array<{ message: string }> } | undefined;
  text: string;
}

export async function postGraphQL(url: string, body: string): Promise<GraphQLAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let json: GraphQLAnswer['json'];
  try {
    json = JSON.parse(text) as GraphQLAnswer['json'];
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

function describeFailure(name: string, answer: GraphQLAnswer): string {
  return `query "${name}" answered ${answer.status}: ${answer.text.slice(0, 500)}`;
}

/** The Query.path arguments are global IDs; the API hands them out, so nothing here knows their format. */
async function pathEnds(url: string): Promise<{ from: string; to: string }> {
  const body = JSON.stringify({
    query: `{ from: entity(slug: ${JSON.stringify(PATH_FROM_SLUG)}) { id } to: entity(slug: ${JSON.stringify(PATH_TO_SLUG)}) { id } }`,
  });
  const answer = await postGraphQL(url, body);
  const data = answer.json?.data as { from?: { id: string } | null; to?: { id: string } | null } | undefined;
  if (answer.status !== 200 || answer.json?.errors || !data?.from || !data.to) {
    throw new Error(`could not look up the path ends ${PATH_FROM_SLUG} and ${PATH_TO_SLUG}: ${describeFailure('path ends', answer)}`);
  }
  return { from: data.from.id, to: data.to.id };
}

/** The queries with their bodies ready to send (the path query needs two IDs from the server first). */
export async function loadQueries(url: string): Promise<LoadQuery[]> {
  const ends = await pathEnds(url);
  return [
    { name: WALK_NAME, body: JSON.stringify({ query: WALK }) },
    { name: 'entity search', body: JSON.stringify({ query: ENTITY_SEARCH }) },
    { name: 'claims filter', body: JSON.stringify({ query: CLAIMS_FILTER }) },
    { name: 'path', body: JSON.stringify({ query: PATH, variables: ends }) },
  ];
}

/**
 * Sends each query once and throws unless every one answers 200 with data and without `errors`, and the path
 * query finds at least one path: load on a failing query would only measure how fast the server says no.
 */
export async function checkQueries(url: string, queries: readonly LoadQuery[]): Promise<void> {
  for (const query of queries) {
    const answer = await postGraphQL(url, query.body);
    if (answer.status !== 200 || !answer.json || answer.json.errors || !answer.json.data) {
      throw new Error(`pre-check failed, not loading: ${describeFailure(query.name, answer)}`);
    }
    const paths = answer.json.data.path;
    if (paths !== undefined && (!Array.isArray(paths) || paths.length === 0)) {
      throw new Error(`pre-check failed, not loading: no path between ${PATH_FROM_SLUG} and ${PATH_TO_SLUG} within 3 steps`);
    }
  }
}
