// A throwaway database for one run: PGlite in memory, or a fresh bench_<random> database on a PostgreSQL server.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.ts';

export interface BenchDatabase {
  config: Config;
  label: string;
  /** Removes the database; safe to call more than once. */
  drop(): Promise<void>;
}

async function runOnServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(serverUrl: string | undefined): Promise<BenchDatabase> {
  if (!serverUrl) {
    return { config: loadConfig({ PGLITE_DIR: 'memory', LOG_LEVEL: 'silent' }), label: 'PGlite in memory', drop: async () => {} };
  }
  // The name is generated, never taken from input, so it is safe to splice into DDL.
  const name = `bench_${randomBytes(4).toString('hex')}`;
  await runOnServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    config: loadConfig({ DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' }),
    label: `PostgreSQL ${url.host}/${name}`,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      // FORCE ends sessions a failed run may have left open (PostgreSQL 13+).
      await runOnServer(serverUrl, `drop database if exists ${name} with (force)`);
      console.log(`dropped database ${name}`);
    },
  };
}
