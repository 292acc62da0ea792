// npm run bench:load: starts the server as a child process on 127.0.0.1 and drives it over real HTTP with
// autocannon, query by query at 8 and 32 clients, printing throughput, latency, errors and the server's memory.
// Everything it starts (server, PGlite folder, PostgreSQL database) is removed on exit, on error and on Ctrl-C.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { runLoad, type LiveCounters, type LoadResult } from './bench/http-load.ts';
import { createPgliteDatabase, createPostgresDatabase, type LoadDatabase } from './bench/load-databases.ts';
import { checkQueries, loadQueries, WALK_NAME, type LoadQuery } from './bench/load-queries.ts';
import { startServer, type ServerProcess } from './bench/server-process.ts';

const CLIENT_COUNTS = [8, 32] as const;
const SOAK_CLIENTS = 8;
const SOAK_SAMPLE_SECONDS = 15;

const USAGE = `usage: npm run bench:load -- [options]

  --duration S         seconds of measured load per query and client count (default 10)
  --warmup S           seconds of discarded load before each measured run (default 2)
  --quick              2 s runs after 1 s warm-up, for a smoke run
  --database-url URL   PostgreSQL server to run on (default: env DATABASE_URL); a database bench_load_<pid>
                       is created on it for the run and dropped afterwards
  --both               with a database URL, run on PGlite as well as PostgreSQL
  --soak MINUTES       instead of the table, run the README walk at ${SOAK_CLIENTS} clients for MINUTES and
                       sample the server's RSS every ${SOAK_SAMPLE_SECONDS} s

Without a database URL the server runs on PGlite in a fresh temporary folder. Exits 1 when any request failed.`;

interface Settings {
  durationSeconds: number;
  warmupSeconds: number;
  databaseUrl: string | undefined;
  both: boolean;
  soakMinutes: number | undefined;
}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got "${raw}"`);
  return value;
}

function readSettings(): Settings | undefined {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'database-url': { type: 'string' },
      both: { type: 'boolean', default: false },
      soak: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return undefined;
  }
  const databaseUrl = values['database-url']?.trim() || process.env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error(`the database URL must start with postgres://, got "${databaseUrl}"`);
  if (values.both && !databaseUrl) throw new Error('--both needs a PostgreSQL URL (--database-url or DATABASE_URL)');
  return {
    durationSeconds: positive('duration', values.duration, values.quick ? 2 : 10),
    warmupSeconds: positive('warmup', values.warmup, values.quick ? 1 : 2),
    databaseUrl,
    both: values.both,
    soakMinutes: values.soak === undefined ? undefined : positive('soak', values.soak, 1),
  };
}

// ---- stopping cleanly --------------------------------------------------------------------------------------

/** Aborted on SIGINT/SIGTERM: stops the running load; the code between runs checks it and unwinds. */
const interrupt = new AbortController();
/** Servers still running, killed synchronously if the process exits without reaching their cleanup. */
const runningServers = new Set<ServerProcess>();

class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

function throwIfInterrupted(): void {
  if (interrupt.signal.aborted) throw new Interrupted();
}

function onSignal(signal: NodeJS.Signals): void {
  if (interrupt.signal.aborted) {
    // A second Ctrl-C: do not wait for the graceful path any more.
    console.error(`${signal} again: killing the server and exiting`);
    for (const server of runningServers) server.killNow();
    process.exit(130);
  }
  console.error(`\n${signal}: stopping the load, the server and removing the database (Ctrl-C again to force)`);
  interrupt.abort();
}

// ---- measuring -----------------------------------------------------------------------------------------------

interface RunRow {
  database: string;
  query: string;
  clients: number;
  result: LoadResult;
  rssBefore: number;
  rssAfter: number;
}

const ms = (value: number) => (Number.isNaN(value) ? '-' : value.toFixed(value < 100 ? 1 : 0));
const mb = (value: number) => value.toFixed(1);

async function measuredRun(server: ServerProcess, query: LoadQuery, clients: number, settings: Settings) {
  // The warm-up's numbers are thrown away: it lets the JIT, pools and caches settle first.
  await runLoad({ url: server.graphqlUrl, body: query.body, connections: clients, durationSeconds: settings.warmupSeconds, signal: interrupt.signal });
  throwIfInterrupted();
  const rssBefore = await server.rssMegabytes();
  const result = await runLoad({ url: server.graphqlUrl, body: query.body, connections: clients, durationSeconds: settings.durationSeconds, signal: interrupt.signal });
  const rssAfter = await server.rssMegabytes();
  throwIfInterrupted();
  return { result, rssBefore, rssAfter };
}

/** Appends to `rows` as runs finish, so the caller can still print what ran when a later run fails. */
async function loadTable(database: LoadDatabase, server: ServerProcess, queries: readonly LoadQuery[], settings: Settings, rows: RunRow[]): Promise<void> {
  for (const query of queries) {
    for (const clients of CLIENT_COUNTS) {
      const { result, rssBefore, rssAfter } = await measuredRun(server, query, clients, settings);
      rows.push({ database: database.kind, query: query.name, clients, result, rssBefore, rssAfter });
      console.error(`  ${database.kind} ${query.name} x${clients}: ${result.requestsPerSecond.toFixed(0)} req/s, ${result.errors} errors`);
    }
  }
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) {
    console.log(row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
  }
}

function describeErrors(results: readonly LoadResult[]): string {
  const sum = (pick: (r: LoadResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const byStatus = new Map<string, number>();
  for (const r of results) for (const [status, n] of Object.entries(r.non2xxByStatus)) byStatus.set(status, (byStatus.get(status) ?? 0) + n);
  const statuses = byStatus.size === 0 ? '' : ` [${[...byStatus].map(([status, n]) => `${status} x${n}`).join(', ')}]`;
  return `non-2xx ${sum((r) => r.non2xx)}${statuses}, timeouts ${sum((r) => r.timeouts)}, socket errors ${sum((r) => r.socketErrors)}, 2xx with "errors" ${sum((r) => r.errorBodies)}`;
}

function printRows(rows: readonly RunRow[]): void {
  printTable([
    ['database', 'query', 'clients', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'RSS before MB', 'RSS after MB'],
    ...rows.map((row) => [
      row.database, row.query, String(row.clients), row.result.requestsPerSecond.toFixed(0), ms(row.result.p50Ms),
      ms(row.result.p99Ms), String(row.result.errors), mb(row.rssBefore), mb(row.rssAfter),
    ]),
  ]);
  const results = rows.map((row) => row.result);
  const responses = results.reduce((total, r) => total + r.responses, 0);
  const errors = results.reduce((total, r) => total + r.errors, 0);
  const unanswered = results.reduce((total, r) => total + r.unansweredAtEnd, 0);
  console.log(
    `total: ${responses.toLocaleString('en-US')} requests, ${errors} errors (${describeErrors(results)}); ` +
      `${unanswered} still in flight when their run ended (not counted); ` +
      `RSS ${mb(rows[0]!.rssBefore)} MB before the first run, ${mb(rows[rows.length - 1]!.rssAfter)} MB after the last`,
  );
  for (const row of rows.filter((r) => r.result.errors > 0)) {
    console.log(`  ${row.query} x${row.clients}: ${describeErrors([row.result])}${row.result.sampleErrorBody ? `; e.g. ${row.result.sampleErrorBody}` : ''}`);
  }
}

// ---- soak ----------------------------------------------------------------------------------------------------

interface SoakSample {
  seconds: number;
  rss: number;
  requestsPerSecond: number;
  failedSoFar: number;
}

/** The walk at 8 clients for the whole soak, with the server's RSS sampled every 15 s. */
async function soak(server: ServerProcess, walk: LoadQuery, settings: Settings): Promise<LoadResult> {
  const minutes = settings.soakMinutes!;
  await runLoad({ url: server.graphqlUrl, body: walk.body, connections: SOAK_CLIENTS, durationSeconds: settings.warmupSeconds, signal: interrupt.signal });
  throwIfInterrupted();

  const live: LiveCounters = { responses: 0, failed: 0 };
  const samples: SoakSample[] = [];
  const started = performance.now();
  let previous = { at: started, responses: 0 };
  const sample = async () => {
    const now = performance.now();
    const interval = (now - previous.at) / 1000;
    const rate = interval > 0 ? (live.responses - previous.responses) / interval : 0;
    previous = { at: now, responses: live.responses };
    const entry: SoakSample = { seconds: (now - started) / 1000, rss: 0, requestsPerSecond: rate, failedSoFar: live.failed };
    samples.push(entry);
    entry.rss = await server.rssMegabytes();
    console.error(`  soak ${entry.seconds.toFixed(0)} s: RSS ${mb(entry.rss)} MB${samples.length > 1 ? `, ${rate.toFixed(0)} req/s` : ''}`);
  };

  await sample();
  const pending: Promise<void>[] = [];
  const timer = setInterval(() => pending.push(sample()), SOAK_SAMPLE_SECONDS * 1000);
  let result: LoadResult;
  try {
    result = await runLoad({ url: server.graphqlUrl, body: walk.body, connections: SOAK_CLIENTS, durationSeconds: minutes * 60, signal: interrupt.signal, live });
  } finally {
    clearInterval(timer);
  }
  await Promise.all(pending);
  // The last interval is usually shorter than 15 s; sample the end too unless a tick just did.
  if (performance.now() - previous.at > 1000) await sample();
  throwIfInterrupted();

  printTable([
    ['t s', 'RSS MB', 'req/s (interval)', 'errors so far'],
    ...samples.map((s, i) => [s.seconds.toFixed(0), mb(s.rss), i === 0 ? '-' : s.requestsPerSecond.toFixed(0), String(s.failedSoFar)]),
  ]);
  const first = samples[0]!.rss;
  const last = samples[samples.length - 1]!.rss;
  const max = Math.max(...samples.map((s) => s.rss));
  console.log(
    `RSS growth: last - first ${last - first >= 0 ? '+' : ''}${mb(last - first)} MB (${mb(first)} -> ${mb(last)}), ` +
      `max ${mb(max)} MB (${max - first >= 0 ? '+' : ''}${mb(max - first)} over first)`,
  );
  console.log(
    `walk x${SOAK_CLIENTS} for ${result.durationSeconds.toFixed(0)} s: ${result.responses.toLocaleString('en-US')} requests, ` +
      `${result.requestsPerSecond.toFixed(0)} req/s, p50 ${ms(result.p50Ms)} ms, p99 ${ms(result.p99Ms)} ms, ` +
      `${result.errors} errors (${describeErrors([result])})`,
  );
  if (result.sampleErrorBody) console.log(`  failing response: ${result.sampleErrorBody}`);
  return result;
}

// ---- one database ----------------------------------------------------------------------------------------------

/** Starts the server on the database, checks the queries, loads it; returns the number of failed requests. */
async function benchDatabase(database: LoadDatabase, settings: Settings): Promise<number> {
  const startedAt = performance.now();
  const server = await startServer(database.serverEnv);
  runningServers.add(server);
  try {
    console.error(`${database.label}: server pid ${server.pid} ready on ${server.graphqlUrl} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
    throwIfInterrupted();
    const queries = await loadQueries(server.graphqlUrl);
    await checkQueries(server.graphqlUrl, queries);
    throwIfInterrupted();

    if (settings.soakMinutes !== undefined) {
      console.log(`\n== soak on ${database.label}: ${WALK_NAME} at ${SOAK_CLIENTS} clients for ${settings.soakMinutes} min, RSS of server pid ${server.pid} every ${SOAK_SAMPLE_SECONDS} s ==`);
      const walk = queries.find((q) => q.name === WALK_NAME)!;
      return (await soak(server, walk, settings)).errors;
    }
    const rows: RunRow[] = [];
    const printHeader = (note: string) =>
      console.log(
        `\n== ${database.label}${note}: server pid ${server.pid}, ${settings.durationSeconds} s per run after ${settings.warmupSeconds} s warm-up; ` +
          `RSS read just before and after each measured run ==`,
      );
    try {
      await loadTable(database, server, queries, settings, rows);
    } catch (error) {
      if (rows.length > 0) {
        printHeader(' (INCOMPLETE: stopped by the error below)');
        printRows(rows);
      }
      throw error;
    }
    printHeader('');
    printRows(rows);
    return rows.reduce((total, row) => total + row.result.errors, 0);
  } finally {
    await server.stop();
    runningServers.delete(server);
  }
}

async function main(): Promise<number> {
  const settings = readSettings();
  if (!settings) return 0;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Last resort if something exits the process before the cleanup below ran.
  process.on('exit', () => runningServers.forEach((server) => server.killNow()));

  const makers: Array<() => Promise<LoadDatabase>> = [];
  if (!settings.databaseUrl || settings.both) makers.push(createPgliteDatabase);
  if (settings.databaseUrl) makers.push(() => createPostgresDatabase(settings.databaseUrl!));

  const started = performance.now();
  let failed = 0;
  for (const makeDatabase of makers) {
    throwIfInterrupted();
    const database = await makeDatabase();
    try {
      failed += await benchDatabase(database, settings);
    } finally {
      await database.remove();
    }
  }
  console.log(`\n${failed === 0 ? 'no request failed' : `${failed} requests failed`}; total time ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return failed === 0 ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof Interrupted) {
    process.exitCode = 130;
  } else {
    console.error(`bench:load failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
// Nothing of ours is left running, but a lingering handle (a pg socket, a timer) must not keep us alive.
process.exit(process.exitCode);
