// npm run db:seed: validates db/corpus and loads it in one transaction (idempotent).
import { loadConfig } from '../src/config.ts';
import { createDatabase } from '../src/db/client.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { CorpusError } from '../src/ingest/corpus.ts';
import { loadCorpus } from '../src/ingest/load-corpus.ts';

const db = await createDatabase(loadConfig());
try {
  await migrateToLatest(db);
  const started = Date.now();
  const counts = await loadCorpus(db);
  console.log(`corpus loaded in ${Date.now() - started} ms:`, counts);
} catch (error) {
  console.error(error instanceof CorpusError ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
