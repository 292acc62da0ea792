// createApp(config): the database (migrated) and the yoga app around the schema; no listening.
import { createYoga, type GraphiQLOptions, type YogaServerInstance } from 'graphql-yoga';
import type { Kysely } from 'kysely';
import { globalIdOf } from './builder.ts';
import type { Config } from './config.ts';
import { hashToken } from './auth/tokens.ts';
import { createContext, type Context } from './context.ts';
import { createDatabase, type DatabaseOptions } from './db/client.ts';
import { findEntityBySlug } from './db/entities.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { Database } from './db/types.ts';
import { maskError } from './errors.ts';
import { corsPolicy, csrfPrevention, offlineGraphiQL } from './http/browser.ts';
import { defaultExplorerDir, explorerPages } from './http/explorer.ts';
import { wellFormedGetParams } from './http/params.ts';
import { compiledExecution } from './http/compiled-execution.ts';
import { ExecutionGate, executionGate } from './http/execution-gate.ts';
import { costLimit, documentShapeLimits, inputLimits, introspectionSwitch } from './http/limits.ts';
import { createMetrics, metricsEndpoint, readinessEndpoint, requestIdOf, requestLog, type ServiceMetrics } from './http/operations.ts';
import { InFlightRequests, requestScope } from './http/request-scope.ts';
import { createIngestPlanner, type IngestPlanner } from './ingest/planner.ts';
import { createLogger, type Logger } from './logger.ts';
import { schema } from './schema/index.ts';

export type Yoga = YogaServerInstance<Record<string, never>, Context>;

export interface App {
  yoga: Yoga;
  db: Kysely<Database>;
  logger: Logger;
  /** Requests being served, so shutdown can wait for them and then cancel the rest. */
  inFlight: InFlightRequests;
  metrics: ServiceMetrics;
  ingestPlanner: IngestPlanner;
  close(): Promise<void>;
}

export interface AppServices {
  logger: Logger;
  inFlight: InFlightRequests;
  metrics: ServiceMetrics;
  ingestPlanner: IngestPlanner;
}

export function createYogaFor(db: Kysely<Database>, config: Config, services: AppServices): Yoga {
  const { logger, inFlight, metrics, ingestPlanner } = services;
  const onRefused = (limit: string) => metrics.refused.inc({ limit });
  const adminTokenHash = config.adminToken ? hashToken(config.adminToken) : null;
  return createYoga<Record<string, never>, Context>({
    schema,
    // A fresh object per request: the dataloader plugin keys its per-request caches to it.
    context: ({ request }): Context =>
      createContext(db, {
        authorization: request.headers.get('authorization'),
        requestId: requestIdOf(request),
        adminTokenHash,
        planIngest: ingestPlanner.plan,
      }),
    graphiql: config.graphiql ? () => graphiqlOptions(db) : false,
    renderGraphiQL: offlineGraphiQL(),
    landingPage: false,
    // Masked errors stay on: only GraphQLErrors thrown on purpose (and typed database failures) reach the client.
    maskedErrors: { maskError },
    logging: {
      debug: (...args) => logger.debug(args.length === 1 ? args[0] : args),
      info: (...args) => logger.info(args.length === 1 ? args[0] : args),
      warn: (...args) => logger.warn(args.length === 1 ? args[0] : args),
      error: (...args) => logger.error(args.length === 1 ? args[0] : args),
    },
    maxRequestBodySize: config.limits.bodyBytes,
    batching: config.limits.batch > 1 ? { limit: config.limits.batch } : false,
    cors: corsPolicy(config.corsOrigins),
    plugins: [
      requestScope(config.limits.requestTimeoutMs, inFlight),
      requestLog(logger),
      // The explorer's page and assets: plain GETs outside /graphql, answered before any GraphQL handling.
      explorerPages(config.explorerDir ?? defaultExplorerDir()),
      csrfPrevention(),
      wellFormedGetParams(),
      readinessEndpoint(db),
      metricsEndpoint(metrics),
      documentShapeLimits(config.limits, config.fieldSuggestions, onRefused),
      introspectionSwitch(config.introspection),
      inputLimits({ default: config.limits.stringLength, named: { INGEST_MAX_CHARS: config.limits.ingestChars } }, onRefused),
      costLimit(config.limits.cost, onRefused),
      // Last, so that every check above has run on the operation before it is executed.
      compiledExecution(),
      // Wraps execution with its onExecute hooks: an operation waits for a slot before any of it runs.
      executionGate(new ExecutionGate(config.executionConcurrency)),
    ],
  });
}

export async function createApp(config: Config, options: DatabaseOptions & { logger?: Logger } = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config);
  const db = await createDatabase(config, {
    onConnectionProblem: (message) => logger.warn(message),
    ...options,
  });
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const services: AppServices = {
    logger,
    inFlight: new InFlightRequests(),
    metrics: createMetrics(db),
    ingestPlanner: createIngestPlanner(config.ingestThreads),
  };
  const close = async () => {
    await services.ingestPlanner.close();
    await db.destroy();
  };
  return { yoga: createYogaFor(db, config, services), db, ...services, close };
}

// ---- GraphiQL's opening tabs ------------------------------------------------------------------

export const EXAMPLE_QUERY = `# Company -> terminals it operates -> figures about them -> the articles that state them
{
  entities(search: "KTZ", kind: COMPANY, first: 5) {
    edges {
      node {
        name
        relations(kind: OPERATES_TERMINAL) {
          edges {
            node {
              object {
                name
                claims(first: 20) {
                  edges {
                    node {
                      metric value unit hedge
                      period { text start end }
                      citations { quote article { title publishedAt } }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
`;

const SEARCH_EXAMPLE = `# One ranked list for a search box: entities, figures and articles
{
  search(query: "Khorgos", first: 10) {
    score
    snippet
    node {
      __typename
      ... on Entity { name kind }
      ... on Claim { metric value unit }
      ... on Article { title publishedAt }
    }
  }
}
`;

const SERIES_EXAMPLE = `# A metric over time, ready for a chart
{
  series(metric: "trade_volume", subject: "china") {
    start end value unit hedge
    citations { quote article { title } }
  }
}
`;

const PATH_EXAMPLE = `# The shortest chains of relations between two entities (IDs from entity(slug:) { id })
query Path($from: ID!, $to: ID!) {
  path(from: $from, to: $to, maxDepth: 3) {
    length
    steps { forward from { name } to { name } relation { kind citations { quote } } }
  }
}
`;

const PATH_ENDS = ['xian', 'kazakhstan'] as const;

/** The example tabs; the path tab's variables name two corpus entities when the database has them. */
async function graphiqlOptions(db: Kysely<Database>): Promise<GraphiQLOptions> {
  const ends = await Promise.all(PATH_ENDS.map((slug) => findEntityBySlug(db, slug).catch(() => undefined)));
  const [from, to] = ends.map((row) => (row ? globalIdOf('Entity', row.id) : null));
  return {
    title: 'China–Central Asia corridor graph',
    defaultTabs: [
      { query: EXAMPLE_QUERY },
      { query: SEARCH_EXAMPLE },
      { query: SERIES_EXAMPLE },
      { query: PATH_EXAMPLE, variables: JSON.stringify({ from, to }, null, 2) },
    ],
  };
}
