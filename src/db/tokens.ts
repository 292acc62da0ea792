// API tokens: only their SHA-256 is stored, with name, role and dates. Revoked tokens stay listed.
import { sql, type Kysely } from 'kysely';
import type { Role } from '../domain/vocabulary.ts';
import type { ApiTokenRow, Database } from './types.ts';

export type TokenSummary = Omit<ApiTokenRow, 'token_hash'>;

export async function insertToken(db: Kysely<Database>, token: { name: string; role: Role; hash: string }): Promise<TokenSummary> {
  return db
    .insertInto('api_tokens')
    .values({ name: token.name, role: token.role, token_hash: token.hash })
    .returning(['id', 'name', 'role', 'created_at', 'last_used_at', 'revoked_at'])
    .executeTakeFirstOrThrow();
}

export async function listTokens(db: Kysely<Database>): Promise<TokenSummary[]> {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'role', 'created_at', 'last_used_at', 'revoked_at'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Marks the named token revoked; false when there is no live token of that name. */
export async function revokeToken(db: Kysely<Database>, name: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: sql`now()` })
    .where('name', '=', name)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function findTokenByHash(db: Kysely<Database>, hash: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export async function touchToken(db: Kysely<Database>, id: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: sql`now()` }).where('id', '=', id).execute();
}
