// Builds the one Kysely instance: PGlite in-process without DATABASE_URL, a pg Pool with it.
// This is the only place that knows which database is in use.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, type LogEvent, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { DatabaseUnavailableError, isConnectionFailure, QUERY_CANCELED_SQLSTATE, QueryCancelledError } from './errors.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { CACHED_PLAN_CHANGED_SQLSTATE, StatementNames, transactionStateAfter } from './prepared.ts';
import { cancelledBy, currentQueryScope, throwIfScopeAborted } from './query-scope.ts';
import type { Database } from './types.ts';

// Figures are numeric in SQL; they are parsed to JS numbers once, here, for both drivers.
// Dates stay 'YYYY-MM-DD' strings: a calendar date has no time zone to get wrong.
const OID = { int8: 20, numeric: 1700, date: 1082, float8: 701 } as const;
const parseNumber = (value: string) => Number(value);
const keepText = (value: string) => value;

export interface DatabaseOptions {
  /** Called for every SQL statement executed; used to count statements per request. */
  onQuery?: (sql: string) => void;
  /** Where connection trouble is reported (a lost connection, a failed cancel); default: stderr. */
  onConnectionProblem?: (message: string) => void;
}

/** Connections of the pg pool, for /metrics; PGlite has one in-process session and no pool. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

const poolStatsByDatabase = new WeakMap<Kysely<Database>, () => PoolStats>();

export function poolStatsOf(db: Kysely<Database>): PoolStats | null {
  return poolStatsByDatabase.get(db)?.() ?? null;
}

/** Where the data lives, for the start-up log line. */
export function describeDatabase(config: Config): string {
  if (config.databaseUrl) return `PostgreSQL at ${new URL(config.databaseUrl).host}`;
  return `PGlite in ${config.pgliteDir ?? 'memory'}`;
}

export async function createDatabase(config: Config, options: DatabaseOptions = {}): Promise<Kysely<Database>> {
  const log = options.onQuery
    ? (event: LogEvent) => {
        if (event.level === 'query' || event.level === 'error') options.onQuery?.(event.query.sql);
      }
    : undefined;
  const report = options.onConnectionProblem ?? ((message: string) => console.error(message));

  if (config.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: config.poolSize,
      // Bounds on every wait: for a free pooled connection or a handshake, and for each statement.
      connectionTimeoutMillis: config.limits.acquireTimeoutMs,
      statement_timeout: config.limits.statementTimeoutMs,
      idle_in_transaction_session_timeout: config.limits.statementTimeoutMs * 2,
      application_name: 'corridor-graph',
      keepAlive: true,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === OID.int8 || oid === OID.numeric) return parseNumber;
          if (oid === OID.date) return keepText;
          return pg.types.getTypeParser(oid, format);
        }) as typeof pg.types.getTypeParser,
      },
    });
    // An idle pooled connection the server drops (a restart, an admin's terminate) emits 'error' on
    // the pool; unhandled, that would end the process. The pool replaces it on the next checkout.
    pool.on('error', (error) => report(`database connection lost (idle): ${error.message}`));
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: guardPool(pool, config.databaseUrl, config.limits.acquireTimeoutMs, report) }),
      ...(log ? { log } : {}),
    });
    poolStatsByDatabase.set(db, () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }));
    return db;
  }

  // PGlite creates its data folder but not the folders above it.
  if (config.pgliteDir) await mkdir(dirname(config.pgliteDir), { recursive: true });
  // Loaded only here: a server on PostgreSQL does not hold PGlite's 50 MB.
  const [{ PGlite }, { pg_trgm }, { unaccent }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/unaccent'),
  ]);
  const pglite = await PGlite.create({
    ...(config.pgliteDir ? { dataDir: config.pgliteDir } : {}),
    extensions: { pg_trgm, unaccent },
    parsers: { [OID.int8]: parseNumber, [OID.numeric]: parseNumber, [OID.date]: keepText },
  });
  return new Kysely<Database>({ dialect: new PGliteDialect(pglite), ...(log ? { log } : {}) });
}

/**
 * The pool as Kysely sees it, with three guards: connection failures become DatabaseUnavailableError;
 * a statement for a request that was cancelled is refused, and one already running is cancelled on the
 * server; a checked-out client whose connection dies reports instead of crashing the process.
 */
function guardPool(pool: pg.Pool, databaseUrl: string, connectTimeoutMs: number, report: (message: string) => void): PostgresPool {
  const watched = new WeakSet<pg.PoolClient>();
  const statementNames = new StatementNames();
  // Whether each connection is inside a transaction, for prepared.ts's rule.
  const inTransaction = new WeakMap<pg.PoolClient, boolean>();
  const cancelBackend = async (pid: number) => {
    const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: connectTimeoutMs });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('select pg_cancel_backend($1)', [pid]);
    } catch (error) {
      report(`could not cancel statement on backend ${pid}: ${(error as Error).message}`);
    } finally {
      await client.end().catch(() => {});
    }
  };

  return {
    async connect() {
      throwIfScopeAborted();
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw asDatabaseError(error);
      }
      if (!watched.has(client)) {
        watched.add(client);
        // pg-pool listens for errors only while a client is idle; this covers the checked-out time.
        client.on('error', (error) => report(`database connection lost (in use): ${error.message}`));
      }
      let broken = false;
      let cancelling: Promise<void> | null = null;
      return {
        query: async (sql: string, parameters: readonly unknown[]) => {
          const scope = currentQueryScope();
          if (scope?.signal.aborted) throw cancelledBy(scope.signal);
          const cancel = () => {
            // The backend may finish and serve someone else before the cancel lands: never reuse it.
            broken = true;
            cancelling ??= cancelBackend((client as unknown as { processID: number }).processID);
          };
          scope?.running.add(cancel);
          const transaction = inTransaction.get(client) ?? false;
          inTransaction.set(client, transactionStateAfter(sql, transaction));
          const name = transaction ? null : statementNames.nameOf(sql);
          try {
            if (!name) return await client.query(sql, parameters as unknown[]);
            return await runPrepared(client, name, sql, parameters as unknown[]);
          } catch (error) {
            if (isConnectionFailure(error)) broken = true;
            throw asDatabaseError(error, scope?.signal);
          } finally {
            scope?.running.delete(cancel);
          }
        },
        release: () => {
          const pending = cancelling as Promise<void> | null;
          if (pending) void pending.finally(() => client.release(true));
          else client.release(broken || undefined);
        },
      } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

/**
 * Runs a read as the named statement `name`. When a table it reads was altered since this connection
 * prepared it (a migration), PostgreSQL refuses the old plan's result type: prepare it afresh, once.
 */
async function runPrepared(client: pg.PoolClient, name: string, text: string, values: unknown[]) {
  try {
    return await client.query({ name, text, values });
  } catch (error) {
    if ((error as { code?: unknown }).code !== CACHED_PLAN_CHANGED_SQLSTATE) throw error;
    await client.query(`deallocate ${name}`);
    delete (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements[name];
    return client.query({ name, text, values });
  }
}

/** A pg error as one of the typed database errors when it is one; otherwise unchanged. */
function asDatabaseError(error: unknown, signal?: AbortSignal): unknown {
  if (isConnectionFailure(error)) {
    return new DatabaseUnavailableError(`The database is unavailable (${(error as Error).message}).`, { cause: error });
  }
  if ((error as { code?: unknown }).code === QUERY_CANCELED_SQLSTATE) {
    if (signal?.aborted) return cancelledBy(signal);
    return new QueryCancelledError('A database statement ran past the statement timeout.', 'statement-timeout');
  }
  return error;
}
