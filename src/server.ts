// Starts the HTTP server: migrate, load the corpus on first start, listen, close cleanly on signals.
import { createServer } from 'node:http';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { describeDatabase } from './db/client.ts';
import { loadCorpusIfEmpty } from './ingest/load-corpus.ts';

const config = loadConfig();
const startedAt = Date.now();
const app = await createApp(config);
if (config.seedOnStart) {
  const loaded = await loadCorpusIfEmpty(app.db);
  if (loaded) console.log(`loaded the bundled corpus: ${JSON.stringify(loaded)}`);
}

const server = createServer(app.yoga);
server.listen(config.port, config.host, () => {
  console.log(
    `GraphQL on http://localhost:${config.port}/graphql (GraphiQL in a browser), ${describeDatabase(config)}, ready in ${Date.now() - startedAt} ms`,
  );
});

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  console.log(`${signal}: closing`);
  server.close();
  server.closeAllConnections();
  await app.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
