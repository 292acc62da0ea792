// A test app on its own database: in-memory PGlite by default, or a fresh database on the
// server named by TEST_DATABASE_URL, dropped again when the test file is done.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loadCorpus } from '../../src/ingest/load-corpus.ts';
import type { Logger } from '../../src/logger.ts';

export interface TestApp extends App {
  /** SQL statements executed since the last resetStatements(). */
  statements: string[];
  resetStatements(): void;
  graphql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  /** The raw HTTP response, for status and header checks. */
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
}

export interface GraphQLResult<T> {
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; [key: string]: unknown } }>;
  extensions?: { cost?: { requested: number; limit: number }; [key: string]: unknown };
}

export const onServer = Boolean(process.env.TEST_DATABASE_URL);

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** options.env: extra configuration (limits, switches) as the environment would give it. */
export async function createTestApp(options: { corpus?: boolean; env?: Record<string, string>; logger?: Logger } = {}): Promise<TestApp> {
  const env = options.env ?? {};
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (onServer) {
    const name = `corridor_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    await withAdmin((client) => client.query(`create database ${name}`));
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = () => withAdmin((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => {});
  }
  const statements: string[] = [];
  const config = loadConfig({ ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), PGLITE_DIR: 'memory', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...env });
  const app = await createApp(config, { onQuery: (sql) => statements.push(sql), ...(options.logger ? { logger: options.logger } : {}) });
  if (options.corpus) await loadCorpus(app.db);

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    Promise.resolve(
      app.yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    );
  return {
    ...app,
    statements,
    resetStatements: () => void statements.splice(0),
    post,
    graphql: async (query, variables) => (await post({ query, variables })).json(),
    close: async () => {
      await app.close();
      await dropDatabase();
    },
  };
}
