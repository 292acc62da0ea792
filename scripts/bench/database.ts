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

/**
 * The bench measures speed, not the query limits: COST_LIMIT is raised (unless set) so that the wide
 * walk (first: 50 at every level), which the default limit refuses, is measured too.
 */
export const BENCH_COST_LIMIT = process.env.COST_LIMIT?.trim() || '1000000';

export async function createBenchDatabase(serverUrl: string | undefined): Promise<BenchDatabase> {
  const settings = { LOG_LEVEL: 'silent', COST_LIMIT: BENCH_COST_LIMIT };
  if (!serverUrl) {
    return { config: loadConfig({ PGLITE_DIR: 'memory', ...settings }), label: 'PGlite in memory', drop: async () => {} };
  }
  // The name is generated, never taken from input, so it is safe to splice into DDL.
  const name = `bench_${randomBytes(4).toString('hex')}`;
  await runOnServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    config: loadConfig({ DATABASE_URL: url.toString(), ...settings }),
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
