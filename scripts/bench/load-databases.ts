// Where the server under load keeps its data: a fresh PGlite folder, or a database created for the run on a
// PostgreSQL server and dropped afterwards, so a load run never reads or writes existing data.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface LoadDatabase {
  /** "PGlite" or "PostgreSQL". */
  kind: string;
  /** Where the data lives, for the report. */
  label: string;
  /** Environment for the server process: PGLITE_DIR or DATABASE_URL. The corpus loads on first start. */
  serverEnv: Record<string, string>;
  /** Removes the folder or database; safe to call more than once. */
  remove(): Promise<void>;
}

export async function createPgliteDatabase(): Promise<LoadDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-load-pglite-'));
  let removed = false;
  return {
    kind: 'PGlite',
    label: `PGlite in ${dir}`,
    serverEnv: { PGLITE_DIR: dir, SEED_ON_START: 'true' },
    remove: async () => {
      if (removed) return;
      removed = true;
      await rm(dir, { recursive: true, force: true });
    },
  };
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

/** Creates bench_load_<pid> on the server of `serverUrl` (whatever database that URL names is only used to connect). */
export async function createPostgresDatabase(serverUrl: string): Promise<LoadDatabase> {
  // Built from our pid, never from input, so it is safe to splice into DDL.
  const name = `bench_load_${process.pid}`;
  try {
    await runOnServer(serverUrl, `create database ${name}`);
  } catch (error) {
    throw new Error(`could not create database ${name} on ${new URL(serverUrl).host}: ${(error as Error).message}`);
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let removed = false;
  return {
    kind: 'PostgreSQL',
    label: `PostgreSQL ${url.host}/${name}`,
    serverEnv: { DATABASE_URL: url.toString(), SEED_ON_START: 'true' },
    remove: async () => {
      if (removed) return;
      removed = true;
      // FORCE ends any session the server left behind (PostgreSQL 13+).
      await runOnServer(serverUrl, `drop database if exists ${name} with (force)`);
      console.log(`dropped database ${name}`);
    },
  };
}
