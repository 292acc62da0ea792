// Starts the HTTP server: wait for the database, migrate, load the corpus on first start, listen;
// on SIGTERM/SIGINT stop accepting, let in-flight requests finish within a bound, then close.
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp, type App } from './app.ts';
import { loadConfig } from './config.ts';
import { describeDatabase } from './db/client.ts';
import { DatabaseUnavailableError, isConnectionFailure } from './db/errors.ts';
import { loadCorpusIfEmpty } from './ingest/load-corpus.ts';
import { createLogger } from './logger.ts';

const config = loadConfig();
const logger = createLogger(config);
const startedAt = Date.now();
// A signal that arrives before the server listens is remembered, and acted on once it can be.
let earlySignal: string | null = null;
const rememberSignal = (signal: string) => {
  earlySignal = signal;
};
process.on('SIGTERM', rememberSignal);
process.on('SIGINT', rememberSignal);

/** True when the error, or one it wraps (migrateToLatest wraps the driver's error), says the database is unreachable. */
function databaseDown(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    if (current instanceof DatabaseUnavailableError || isConnectionFailure(current)) return true;
  }
  return false;
}

/** The app, once the database answers: a database that is down at start is waited for, not fatal. */
async function startApp(): Promise<App> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const app = await createApp(config, { logger });
      if (config.seedOnStart) {
        const loaded = await loadCorpusIfEmpty(app.db);
        if (loaded) logger.info({ loaded }, `loaded the bundled corpus: ${JSON.stringify(loaded)}`);
      }
      return app;
    } catch (error) {
      if (!databaseDown(error)) throw error;
      const waitMs = Math.min(1000 * attempt, 5000);
      logger.warn({ attempt, retryInMs: waitMs, reason: (error as Error).message }, `database not reachable (${describeDatabase(config)}); retrying`);
      if (earlySignal) process.exit(0);
      await sleep(waitMs);
      if (earlySignal) process.exit(0);
    }
  }
}

const app = await startApp();
const server = createServer(app.yoga);
// HTTP requests not yet answered, counted from the socket's side: shutdown waits for these.
let openRequests = 0;
server.on('request', (_request, response) => {
  openRequests += 1;
  response.once('close', () => (openRequests -= 1));
});
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(
    { host: config.host, port, database: describeDatabase(config), ms: Date.now() - startedAt },
    `GraphQL on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/graphql, ${describeDatabase(config)}, ready in ${Date.now() - startedAt} ms`,
  );
});

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  logger.info({ signal, inFlight: openRequests, graceMs: config.shutdownGraceMs }, 'closing: no new connections');
  server.close();
  const deadline = Date.now() + config.shutdownGraceMs;
  while (openRequests > 0 && Date.now() < deadline) await sleep(20);
  if (openRequests > 0) {
    logger.warn({ inFlight: openRequests }, 'grace period over: cancelling the requests still running');
    // Requests already queued are cancelled as they start, so each still gets an answer.
    app.inFlight.cancelAll();
    const cancelDeadline = Date.now() + 2000;
    while (openRequests > 0 && Date.now() < cancelDeadline) await sleep(20);
  }
  server.closeAllConnections();
  await app.close();
  logger.info('closed');
  process.exit(0);
}

process.off('SIGTERM', rememberSignal);
process.off('SIGINT', rememberSignal);
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
if (earlySignal) void shutdown(earlySignal);
