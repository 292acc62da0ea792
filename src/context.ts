// What every resolver receives: the database and nothing request-specific beyond it.
// Per-request DataLoaders live in the Pothos dataloader plugin's cache, keyed to this object.
import type { Kysely } from 'kysely';
import type { Database } from './db/types.ts';

export interface Context {
  db: Kysely<Database>;
}
