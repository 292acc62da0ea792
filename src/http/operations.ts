// What operators see: /health (the process answers), /ready (the database answers and is migrated),
// /metrics (Prometheus text), and one structured log line per request with its request id.
import { randomUUID } from 'node:crypto';
import { createCounter, createHistogram, usePrometheus, type FillLabelsFnParams } from '@graphql-yoga/plugin-prometheus';
import { getOperationAST } from 'graphql';
import { useReadinessCheck, type Plugin } from 'graphql-yoga';
import type { Kysely } from 'kysely';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { poolStatsOf } from '../db/client.ts';
import { runInQueryScope } from '../db/query-scope.ts';
import { checkReadiness } from '../db/readiness.ts';
import type { Database } from '../db/types.ts';
import type { Logger } from '../logger.ts';

export const REQUEST_ID_HEADER = 'x-request-id';
// A client's own id is kept when it is short and plain (it ends up in logs and headers).
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const READY_TIMEOUT_MS = 2_000;

export interface ServiceMetrics {
  registry: Registry;
  refused: Counter<'limit'>;
}

export function createMetrics(db: Kysely<Database>): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const refused = new Counter({
    name: 'corridor_requests_refused_total',
    help: 'Requests refused before execution, by the limit that refused them (cost, depth, aliases, tokens, string-length...).',
    labelNames: ['limit'],
    registers: [registry],
  });
  new Gauge({
    name: 'corridor_db_pool_connections',
    help: 'Connections of the PostgreSQL pool by state (absent on PGlite, which has no pool).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const stats = poolStatsOf(db);
      if (!stats) return;
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'in_use' }, stats.total - stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  return { registry, refused };
}

/** Distinct operation names kept as label values; later new names count as "other". */
export const MAX_OPERATION_LABELS = 200;

/**
 * Operation names come from clients: unbounded, they would grow a new series per name until memory
 * runs out. The first MAX_OPERATION_LABELS names keep their own series.
 */
function boundedOperationName(seen: Set<string>): (name: string | undefined) => string {
  return (name) => {
    const label = name || 'Anonymous';
    if (seen.has(label)) return label;
    if (seen.size >= MAX_OPERATION_LABELS) return 'other';
    seen.add(label);
    return label;
  };
}

export function metricsEndpoint(metrics: ServiceMetrics): Plugin {
  const registry = metrics.registry;
  const operation = boundedOperationName(new Set());
  const byOperation = (params: FillLabelsFnParams) => ({ operationName: operation(params.operationName), operationType: params.operationType ?? 'unknown' });
  return usePrometheus({
    registry,
    endpoint: '/metrics',
    skipIntrospection: true,
    metrics: {
      graphql_yoga_http_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_yoga_http_duration',
          help: 'Time spent on HTTP requests to the GraphQL endpoint, by operation, method and status (seconds).',
          labelNames: ['operationName', 'operationType', 'method', 'statusCode'] as const,
        },
        fillLabelsFn: (params: FillLabelsFnParams & { request: Request; response: Response }) => ({
          ...byOperation(params),
          method: params.request.method,
          statusCode: params.response.status,
        }),
      }),
      graphql_envelop_request: createCounter({
        registry,
        counter: { name: 'graphql_envelop_request', help: 'GraphQL operations executed, by operation.', labelNames: ['operationName', 'operationType'] as const },
        fillLabelsFn: byOperation,
      }),
      graphql_envelop_request_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_envelop_request_duration',
          help: 'Time spent executing GraphQL operations, by operation (seconds).',
          labelNames: ['operationName', 'operationType'] as const,
        },
        fillLabelsFn: byOperation,
      }),
      graphql_envelop_error_result: createCounter({
        registry,
        counter: {
          name: 'graphql_envelop_error_result',
          help: 'GraphQL responses with errors, by operation and the phase that failed.',
          labelNames: ['operationName', 'operationType', 'phase'] as const,
        },
        fillLabelsFn: (params: FillLabelsFnParams) => ({ ...byOperation(params), phase: params.errorPhase ?? 'unknown' }),
      }),
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_schema_change: false,
    },
  }) as Plugin;
}

export function readinessEndpoint(db: Kysely<Database>): Plugin {
  return useReadinessCheck({
    endpoint: '/ready',
    check: async ({ fetchAPI }) => {
      // Its own short deadline: a readiness probe must answer even when the database hangs.
      const readiness = await runInQueryScope(AbortSignal.timeout(READY_TIMEOUT_MS), () => checkReadiness(db));
      return fetchAPI.Response.json(readiness, { status: readiness.ready ? 200 : 503 });
    },
  });
}

/** A request id (the client's x-request-id when plain, else a new UUID) echoed back, and an access log line. */
const started = new WeakMap<Request, { id: string; at: number; operation?: string }>();

/** The id requestLog gave this request (null before it ran, e.g. outside HTTP). */
export function requestIdOf(request: Request): string | null {
  return started.get(request)?.id ?? null;
}

export function requestLog(logger: Logger): Plugin {
  return {
    onRequest({ request }) {
      const given = request.headers.get(REQUEST_ID_HEADER);
      started.set(request, { id: given && CLIENT_REQUEST_ID.test(given) ? given : randomUUID(), at: performance.now() });
    },
    onResponse({ request, response }) {
      const entry = started.get(request);
      if (!entry) return;
      response.headers.set(REQUEST_ID_HEADER, entry.id);
      const url = new URL(request.url);
      const operation = entry.operation;
      logger.info(
        {
          requestId: entry.id,
          method: request.method,
          path: url.pathname,
          status: response.status,
          ms: Math.round((performance.now() - entry.at) * 10) / 10,
          ...(operation ? { operation } : {}),
        },
        'request',
      );
    },
    onExecute({ args }) {
      // Only the operation's name is logged (truncated): never the document or its variables.
      const request = (args.contextValue as { request?: Request }).request;
      const entry = request && started.get(request);
      const name = args.operationName ?? getOperationAST(args.document, args.operationName)?.name?.value;
      if (entry && name) entry.operation = name.slice(0, 100);
    },
  };
}
