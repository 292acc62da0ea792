// The corpus loader end to end: read the files, validate them all, write them in one transaction.
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { countRows, writeCorpus, type SeedCounts } from '../db/seed.ts';
import type { Database } from '../db/types.ts';
import { planCorpus, readCorpusFiles } from './corpus.ts';

export const CORPUS_DIR = fileURLToPath(new URL('../../db/corpus/', import.meta.url));

export async function loadCorpus(db: Kysely<Database>, dir: string = CORPUS_DIR): Promise<SeedCounts> {
  const plan = planCorpus(await readCorpusFiles(dir));
  await writeCorpus(db, plan);
  return countRows(db);
}

/** First start: load the bundled corpus only into a database that has no articles yet. */
export async function loadCorpusIfEmpty(db: Kysely<Database>): Promise<SeedCounts | null> {
  const any = await db.selectFrom('articles').select('id').limit(1).executeTakeFirst();
  return any ? null : loadCorpus(db);
}
