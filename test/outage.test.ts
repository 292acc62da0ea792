// Database outages against a PostgreSQL cluster of this file's own (never the shared server): a stopped
// database gives DATABASE_UNAVAILABLE fast and /ready 503 while the process lives on, and the same app
// recovers when it returns; a connection killed mid-statement, a statement timeout and a cancelled
// request each fail with their typed error and leave the pool working; the server started while the
// database is down waits for it. Runs in the PostgreSQL phase only (TEST_DATABASE_URL set), where a
// PostgreSQL installation is at hand; the cluster itself needs nothing from TEST_DATABASE_URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { DatabaseUnavailableError, QueryCancelledError } from '../src/db/errors.ts';
import { runInQueryScope } from '../src/db/query-scope.ts';
import { loadCorpus } from '../src/ingest/load-corpus.ts';
import { createCluster, freePort, postgresBinDir, type Cluster } from './support/cluster.ts';

const enabled = Boolean(process.env.TEST_DATABASE_URL) && postgresBinDir() !== null;
const DATABASE = 'corridor';
const COUNT = '{ entities(first: 1) { totalCount } }';
const root = new URL('../', import.meta.url);

interface Result {
  data?: { entities?: { totalCount: number } } | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

async function post(app: App, query: string): Promise<{ status: number; body: Result }> {
  const response = await app.yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as Result };
}

async function get(app: App, path: string): Promise<number> {
  const response = await app.yoga.fetch(`http://test${path}`);
  await response.text();
  return response.status;
}

/** Polls `check` every `everyMs` until it returns true; returns the time it took, or throws at the deadline. */
async function within(ms: number, check: () => Promise<boolean>, what: string, everyMs = 100): Promise<number> {
  const started = performance.now();
  let lastError: unknown = null;
  while (performance.now() - started < ms) {
    try {
      if (await check()) return Math.round(performance.now() - started);
      lastError = null;
    } catch (error) {
      lastError = error;
    }
    await sleep(everyMs);
  }
  throw new Error(`${what} did not happen within ${ms} ms${lastError ? `: ${(lastError as Error).message}` : ''}`);
}

/** Milliseconds `work` took to settle, and how it settled. */
async function timed<T>(work: Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const started = performance.now();
  try {
    const value = await work;
    return { ms: Math.round(performance.now() - started), value };
  } catch (error) {
    return { ms: Math.round(performance.now() - started), error };
  }
}

function appConfig(cluster: Cluster, env: Record<string, string> = {}) {
  return loadConfig({ DATABASE_URL: cluster.url(DATABASE), LOG_LEVEL: 'silent', ...env });
}

describe.skipIf(!enabled)('outages of a PostgreSQL cluster of its own', () => {
  let cluster: Cluster;
  let app: App;
  let admin: pg.Client | null = null;
  const timings: Record<string, number | string> = {};
  let uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => void uncaught.push(error);

  /** A client on the cluster's `postgres` database, reconnected after the cluster went away. */
  async function adminClient(): Promise<pg.Client> {
    admin ??= await cluster.admin();
    return admin;
  }
  async function dropAdmin(): Promise<void> {
    const client = admin;
    admin = null;
    await client?.end().catch(() => {});
  }

  /** Backends of the app's database running a statement that mentions pg_sleep. */
  async function sleepingBackends(): Promise<number> {
    const { rows } = await (await adminClient()).query<{ count: number }>(
      `select count(*)::int as count from pg_stat_activity where datname = $1 and state = 'active' and query ilike '%pg_sleep%' and pid <> pg_backend_pid()`,
      [DATABASE],
    );
    return rows[0]!.count;
  }

  beforeAll(async () => {
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    cluster = await createCluster();
    try {
      await cluster.start();
      await cluster.createDatabase(DATABASE);
      app = await createApp(appConfig(cluster));
      await loadCorpus(app.db);
    } catch (error) {
      await cluster.destroy();
      throw error;
    }
  });

  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
    try {
      await dropAdmin();
      await app?.close().catch(() => {});
    } finally {
      await cluster?.destroy();
    }
    console.info(`outage timings (ms): ${JSON.stringify(timings)}`);
  });

  beforeEach(() => {
    uncaught = [];
  });

  afterEach(async () => {
    // A test that failed half way must not leave the next one without a database.
    if (!cluster.running) {
      await dropAdmin();
      await cluster.start();
    }
  });

  it('a stopped database: DATABASE_UNAVAILABLE fast, /ready 503, /health 200, no crash; recovery without a restart', async () => {
    const before = await post(app, COUNT);
    expect(before.body.errors).toBeUndefined();
    expect(before.body.data?.entities?.totalCount).toBeGreaterThan(0);

    await dropAdmin();
    await cluster.stop('fast');

    const down = await timed(post(app, COUNT));
    expect(down.error).toBeUndefined();
    const { status, body } = down.value!;
    timings.unavailableMs = down.ms;
    timings.unavailableStatus = status;
    expect(down.ms).toBeLessThan(2000);
    expect(body.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
    expect(body.errors?.[0]?.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|select/i);
    // An execution error in an application/json response: yoga answers 200 with the error in the body.
    expect(status).toBe(200);

    const ready = await timed(get(app, '/ready'));
    timings.ready503Ms = ready.ms;
    expect(ready.value).toBe(503);
    expect(ready.ms).toBeLessThan(2500);
    expect(await get(app, '/health')).toBe(200);

    // A second request while down fails the same way (nothing cached a broken state).
    expect((await post(app, COUNT)).body.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');

    await cluster.start();
    timings.recoveryMs = await within(
      10_000,
      async () => {
        const again = await post(app, COUNT);
        return again.body.errors === undefined && (again.body.data?.entities?.totalCount ?? 0) > 0;
      },
      'the query answering again',
      200,
    );
    expect(await get(app, '/ready')).toBe(200);
    expect(uncaught).toEqual([]);
  });

  it('a connection terminated mid-statement: DatabaseUnavailableError, and the next query gets a new connection', async () => {
    const inFlight = timed(sql`select pg_sleep(3)`.execute(app.db));
    await within(2000, async () => (await sleepingBackends()) > 0, 'the statement starting');
    const admin = await adminClient();
    const { rowCount } = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [
      DATABASE,
    ]);
    expect(rowCount).toBeGreaterThan(0);
    const settled = await inFlight;
    timings.terminatedRejectMs = settled.ms;
    expect(settled.error).toBeInstanceOf(DatabaseUnavailableError);
    expect(settled.ms).toBeLessThan(2500);

    const next = await post(app, COUNT);
    expect(next.body.errors).toBeUndefined();
    expect(next.body.data?.entities?.totalCount).toBeGreaterThan(0);
    expect(uncaught).toEqual([]);
  });

  it('an immediate (crash-like) stop mid-statement: DatabaseUnavailableError, and queries answer once it is back', async () => {
    const inFlight = timed(sql`select pg_sleep(3)`.execute(app.db));
    await within(2000, async () => (await sleepingBackends()) > 0, 'the statement starting');
    await dropAdmin();
    await cluster.stop('immediate');
    const settled = await inFlight;
    timings.crashRejectMs = settled.ms;
    expect(settled.error).toBeInstanceOf(DatabaseUnavailableError);

    await cluster.start();
    const next = await post(app, COUNT);
    expect(next.body.errors).toBeUndefined();
    expect(next.body.data?.entities?.totalCount).toBeGreaterThan(0);
    expect(uncaught).toEqual([]);
  });

  it('STATEMENT_TIMEOUT_MS=300: a long statement fails with a statement-timeout QueryCancelledError, the pool answers after', async () => {
    const short = await createApp(appConfig(cluster, { STATEMENT_TIMEOUT_MS: '300' }));
    try {
      const settled = await timed(sql`select pg_sleep(5)`.execute(short.db));
      timings.statementTimeoutMs = settled.ms;
      expect(settled.error).toBeInstanceOf(QueryCancelledError);
      expect((settled.error as QueryCancelledError).reason).toBe('statement-timeout');
      expect(settled.ms).toBeLessThan(1500);
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(short.db);
      expect(rows).toEqual([{ one: 1 }]);
      expect((await post(short, COUNT)).body.errors).toBeUndefined();
    } finally {
      await short.close();
    }
    expect(uncaught).toEqual([]);
  });

  it('a cancelled request scope: its statement is cancelled on the server and rejects with the abort reason', async () => {
    const controller = new AbortController();
    const reason = new QueryCancelledError('The client closed the connection.', 'client-gone');
    const inFlight = timed(runInQueryScope(controller.signal, () => sql`select pg_sleep(5)`.execute(app.db)));
    setTimeout(() => controller.abort(reason), 200);
    const settled = await inFlight;
    timings.cancelRejectMs = settled.ms;
    expect(settled.error).toBe(reason);
    expect(settled.ms).toBeLessThan(1200);

    await sleep(1000);
    expect(await sleepingBackends()).toBe(0);
    const next = await post(app, COUNT);
    expect(next.body.errors).toBeUndefined();
    expect(uncaught).toEqual([]);
  });

  it('a pool of one held by a long statement: a request waits DATABASE_ACQUIRE_TIMEOUT_MS, then DATABASE_UNAVAILABLE', async () => {
    const small = await createApp(appConfig(cluster, { DATABASE_POOL_SIZE: '1', DATABASE_ACQUIRE_TIMEOUT_MS: '300' }));
    try {
      const holder = sql`select pg_sleep(2)`.execute(small.db);
      await within(1000, async () => (await sleepingBackends()) > 0, 'the holding statement starting');
      const waiting = await timed(post(small, COUNT));
      timings.acquireTimeoutMs = waiting.ms;
      timings.acquireTimeoutStatus = waiting.value?.status ?? 'threw';
      expect(waiting.value?.body.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
      expect(waiting.ms).toBeLessThan(1000);
      await holder;
      expect((await post(small, COUNT)).body.errors).toBeUndefined();
    } finally {
      await small.close();
    }
    expect(uncaught).toEqual([]);
  });

  it('the server started while the database is down logs that it retries, then serves once the database is up; SIGTERM exits 0', async () => {
    const database = 'corridor_boot';
    await cluster.createDatabase(database);
    await dropAdmin();
    await cluster.stop('fast');

    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: cluster.url(database),
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_ON_START: 'true',
      LOG_LEVEL: 'info',
    };
    delete env.TEST_DATABASE_URL;
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    let exitCode: number | null | undefined;
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        exitCode = code;
        resolve(code);
      }),
    );
    const logLines = () =>
      stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: number; time: number; msg: string; attempt?: number; retryInMs?: number });
    const retries = () => logLines().filter((line) => /database not reachable.*retrying/.test(line.msg));
    const base = `http://127.0.0.1:${port}`;

    try {
      // The first attempt comes once the modules are loaded (under a second on an idle machine, several
      // on a loaded CI box): the deadline is generous; what matters is that it logs, waits and retries.
      timings.startupFirstRetryLogMs = await within(20_000, async () => retries().length > 0 || exitCode !== undefined, 'a "database not reachable; retrying" log line', 50);
      expect(exitCode, `server exited instead of waiting for the database:\n${stdout}\n${stderr}`).toBeUndefined();
      expect(retries()[0]).toMatchObject({ level: 40, attempt: 1, retryInMs: 1000 });
      expect(retries()[0]!.msg).toContain(`127.0.0.1:${cluster.port}`);
      await within(3000, async () => retries().length >= 2 || exitCode !== undefined, 'a second attempt after 1 s', 50);
      expect(exitCode, `server exited while waiting for the database:\n${stdout}\n${stderr}`).toBeUndefined();
      const [first, second] = retries();
      if (!first || !second) throw new Error('expected two retry lines');
      timings.startupSecondRetryAfterMs = second.time - first.time;
      expect(second.attempt).toBe(2);
      expect(second.time - first.time).toBeGreaterThanOrEqual(1000);

      await cluster.start();
      timings.startupReadyAfterDbUpMs = await within(
        20_000,
        async () => {
          const response = await fetch(`${base}/ready`);
          await response.text();
          return response.status === 200;
        },
        'GET /ready answering 200',
        200,
      );
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: COUNT }),
      });
      const result = (await response.json()) as Result;
      expect(result.errors).toBeUndefined();
      expect(result.data?.entities?.totalCount).toBeGreaterThan(0);
      expect(logLines().some((line) => /loaded the bundled corpus/.test(line.msg))).toBe(true);

      child.kill('SIGTERM');
      const stopped = await timed(Promise.race([exited, sleep(5000).then(() => 'still running' as const)]));
      timings.sigtermExitMs = stopped.ms;
      expect(stopped.value, `${stdout}\n${stderr}`).toBe(0);
    } finally {
      if (exitCode === undefined) {
        child.kill('SIGKILL');
        await exited;
      }
    }
  }, 60_000);
});
