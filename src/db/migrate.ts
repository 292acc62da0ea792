// Applies the forward-only migrations under db/migrations with Kysely's Migrator.
import { Migrator, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from '../../db/migrations/index.ts';

export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}
