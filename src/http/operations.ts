// What operators see: /health (the process answers), /ready (the database answers and is migrated),
// /metrics (Prometheus text), and one structured log line per request with its request id.
import { randomUUID } from 'node:crypto';
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
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

export function metricsEndpoint(metrics: ServiceMetrics): Plugin {
  return usePrometheus({
    registry: metrics.registry,
    endpoint: '/metrics',
    skipIntrospection: true,
    metrics: {
      graphql_yoga_http_duration: true,
      graphql_envelop_request: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_error_result: true,
      graphql_envelop_phase_parse: true,
      graphql_envelop_phase_validate: true,
      graphql_envelop_phase_execute: true,
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
export function requestLog(logger: Logger): Plugin {
  const started = new WeakMap<Request, { id: string; at: number; operation?: string }>();
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
    onParams({ params, request }) {
      // Only the operation's name is logged (truncated): never the document or its variables.
      const entry = started.get(request);
      if (entry && typeof params.operationName === 'string') entry.operation = params.operationName.slice(0, 100);
    },
  };
}
