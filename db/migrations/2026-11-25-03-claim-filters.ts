// Placeholder filled in by the issue 4 work.
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<any>): Promise<void> {}
