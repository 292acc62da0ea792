// npm run migrate: applies pending migrations to the configured database (PGlite or DATABASE_URL).
import { loadConfig } from '../src/config.ts';
import { createDatabase } from '../src/db/client.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

const db = await createDatabase(loadConfig());
try {
  const result = await migrateToLatest(db);
  const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
} finally {
  await db.destroy();
}
