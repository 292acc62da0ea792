// The environment, parsed once into a frozen object; a bad value fails at start-up with its name.

export interface Limits {
  /** Node budget of one operation: connections multiply their page size down the nesting. */
  readonly cost: number;
  readonly depth: number;
  readonly aliases: number;
  readonly tokens: number;
  readonly directives: number;
  readonly bodyBytes: number;
  /** Longest string accepted in any argument or variable (search terms have their own, smaller cap). */
  readonly stringLength: number;
  /** Longest article text ingestArticle and npm run ingest take (its own cap instead of stringLength). */
  readonly ingestChars: number;
  /** Most operations in one batched (array) request; 1 refuses batching. */
  readonly batch: number;
  readonly statementTimeoutMs: number;
  /** How long a request waits for a pooled connection (and a new connection for its handshake). */
  readonly acquireTimeoutMs: number;
  readonly requestTimeoutMs: number;
}

export interface Config {
  /** PostgreSQL server URL; when absent the service runs on embedded PGlite. */
  readonly databaseUrl: string | null;
  /** Folder holding PGlite's data; null keeps PGlite in memory (tests). */
  readonly pgliteDir: string | null;
  readonly poolSize: number;
  /** Most operations executing at once; later ones wait their turn (see http/execution-gate.ts). */
  readonly executionConcurrency: number;
  /** Worker threads that run the ingest pipeline; 0 runs it on the request thread (see ingest/planner.ts). */
  readonly ingestThreads: number;
  readonly host: string;
  readonly port: number;
  /** Load the bundled corpus when the database has no articles yet. */
  readonly seedOnStart: boolean;
  readonly production: boolean;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly graphiql: boolean;
  readonly introspection: boolean;
  /** "Did you mean ...?" in validation errors; they reveal the schema, so off in production. */
  readonly fieldSuggestions: boolean;
  /** Browser origins allowed to call the API besides its own; empty: own origin and localhost only. */
  readonly corsOrigins: readonly string[];
  /** How long SIGTERM waits for in-flight requests before cancelling them. */
  readonly shutdownGraceMs: number;
  /** A token accepted as an admin's, to bootstrap a deployment without a shell; null when unset. */
  readonly adminToken: string | null;
  /** Folder of the built explorer (index.html, app.js, app.css); null: dist/explorer under the project root. */
  readonly explorerDir: string | null;
  readonly limits: Limits;
}

function parseInteger(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function parseBoolean(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function parseLogLevel(raw: string | undefined): Config['logLevel'] {
  const level = raw?.trim().toLowerCase() || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  }
  return level as Config['logLevel'];
}

function parseOrigins(raw: string | undefined): string[] {
  const origins = (raw ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of origins) {
    // An origin is scheme://host[:port] exactly; a "*" would defeat the point of listing them.
    if (!/^https?:\/\/[^/\s*]+$/.test(origin)) throw new Error(`CORS_ORIGINS entries must look like https://example.org, got "${origin}"`);
  }
  return origins;
}

const MIN_ADMIN_TOKEN_LENGTH = 32;

function parseAdminToken(raw: string | undefined): string | null {
  const token = raw?.trim();
  if (!token) return null;
  if (token.length < MIN_ADMIN_TOKEN_LENGTH || /\s/.test(token)) {
    throw new Error(`ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters without spaces (got ${token.length})`);
  }
  return token;
}

const SECOND = 1000;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(`DATABASE_URL must start with postgres:// or postgresql://, got "${databaseUrl}"`);
  }
  const production = env.NODE_ENV === 'production';
  return Object.freeze({
    databaseUrl,
    pgliteDir: env.PGLITE_DIR === 'memory' ? null : env.PGLITE_DIR?.trim() || '.data/pglite',
    poolSize: parseInteger('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, 10, 1, 1000),
    executionConcurrency: parseInteger('EXECUTION_CONCURRENCY', env.EXECUTION_CONCURRENCY, 8, 1, 10_000),
    ingestThreads: parseInteger('INGEST_THREADS', env.INGEST_THREADS, 1, 0, 64),
    // Loopback unless told otherwise: exposing the API is a decision (the Docker image makes it).
    host: env.HOST?.trim() || '127.0.0.1',
    port: parseInteger('PORT', env.PORT, 4000, 0, 65535),
    seedOnStart: parseBoolean('SEED_ON_START', env.SEED_ON_START, true),
    production,
    logLevel: parseLogLevel(env.LOG_LEVEL),
    graphiql: parseBoolean('GRAPHIQL', env.GRAPHIQL, true),
    introspection: parseBoolean('INTROSPECTION', env.INTROSPECTION, true),
    fieldSuggestions: parseBoolean('FIELD_SUGGESTIONS', env.FIELD_SUGGESTIONS, !production),
    corsOrigins: Object.freeze(parseOrigins(env.CORS_ORIGINS)),
    shutdownGraceMs: parseInteger('SHUTDOWN_GRACE_MS', env.SHUTDOWN_GRACE_MS, 10 * SECOND, 0, 600 * SECOND),
    adminToken: parseAdminToken(env.ADMIN_TOKEN),
    explorerDir: env.EXPLORER_DIR?.trim() || null,
    limits: Object.freeze({
      cost: parseInteger('COST_LIMIT', env.COST_LIMIT, 50_000, 1, 1e9),
      depth: parseInteger('DEPTH_LIMIT', env.DEPTH_LIMIT, 15, 1, 1000),
      aliases: parseInteger('ALIAS_LIMIT', env.ALIAS_LIMIT, 30, 0, 10_000),
      tokens: parseInteger('TOKEN_LIMIT', env.TOKEN_LIMIT, 2_000, 100, 1e6),
      directives: parseInteger('DIRECTIVE_LIMIT', env.DIRECTIVE_LIMIT, 20, 0, 10_000),
      bodyBytes: parseInteger('BODY_LIMIT_BYTES', env.BODY_LIMIT_BYTES, 1_000_000, 1_000, 1e9),
      stringLength: parseInteger('STRING_LIMIT', env.STRING_LIMIT, 1_000, 10, 1e8),
      ingestChars: parseInteger('INGEST_MAX_CHARS', env.INGEST_MAX_CHARS, 100_000, 1_000, 1e8),
      batch: parseInteger('BATCH_LIMIT', env.BATCH_LIMIT, 1, 1, 100),
      statementTimeoutMs: parseInteger('STATEMENT_TIMEOUT_MS', env.STATEMENT_TIMEOUT_MS, 5 * SECOND, 1, 3600 * SECOND),
      acquireTimeoutMs: parseInteger('DATABASE_ACQUIRE_TIMEOUT_MS', env.DATABASE_ACQUIRE_TIMEOUT_MS, 1_500, 1, 600 * SECOND),
      requestTimeoutMs: parseInteger('REQUEST_TIMEOUT_MS', env.REQUEST_TIMEOUT_MS, 10 * SECOND, 1, 3600 * SECOND),
    }),
  });
}
