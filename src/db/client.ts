// Builds the one Kysely instance: PGlite in-process without DATABASE_URL, a pg Pool with it.
// This is the only place that knows which database is in use.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './types.ts';

// Figures are numeric in SQL; they are parsed to JS numbers once, here, for both drivers.
// Dates stay 'YYYY-MM-DD' strings: a calendar date has no time zone to get wrong.
const OID = { int8: 20, numeric: 1700, date: 1082, float8: 701 } as const;
const parseNumber = (value: string) => Number(value);
const keepText = (value: string) => value;

export interface DatabaseOptions {
  /** Called for every SQL statement executed; used to count statements per request. */
  onQuery?: (sql: string) => void;
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

  if (config.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: 10,
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
    pool.on('error', (error) => console.error(`database connection lost: ${error.message}`));
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(log ? { log } : {}) });
  }

  // PGlite creates its data folder but not the folders above it.
  if (config.pgliteDir) await mkdir(dirname(config.pgliteDir), { recursive: true });
  const pglite = await PGlite.create({
    ...(config.pgliteDir ? { dataDir: config.pgliteDir } : {}),
    extensions: { pg_trgm, unaccent },
    parsers: { [OID.int8]: parseNumber, [OID.numeric]: parseNumber, [OID.date]: keepText },
  });
  return new Kysely<Database>({ dialect: new PGliteDialect(pglite), ...(log ? { log } : {}) });
}
