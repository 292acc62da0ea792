// Whether the database can serve requests: it answers, and every migration the code knows is applied.
import { Migrator, sql, type Kysely } from 'kysely';
import { migrations } from '../../db/migrations/index.ts';
import type { Database } from './types.ts';

export interface Readiness {
  ready: boolean;
  /** What is wrong when not ready, in words an operator can act on. */
  problem: string | null;
  pendingMigrations: string[];
}

export async function checkReadiness(db: Kysely<Database>): Promise<Readiness> {
  try {
    await sql`select 1`.execute(db);
    const known = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).getMigrations();
    const pending = known.filter((migration) => !migration.executedAt).map((migration) => migration.name);
    return {
      ready: pending.length === 0,
      problem: pending.length ? `migrations not applied: ${pending.join(', ')}` : null,
      pendingMigrations: pending,
    };
  } catch (error) {
    return { ready: false, problem: `database not answering: ${(error as Error).message}`, pendingMigrations: [] };
  }
}
