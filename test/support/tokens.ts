// API tokens for tests: created straight in the database, as `npm run token -- create` does.
import type { Kysely } from 'kysely';
import { generateToken, hashToken } from '../../src/auth/tokens.ts';
import { insertToken } from '../../src/db/tokens.ts';
import type { Database } from '../../src/db/types.ts';
import type { Role } from '../../src/domain/vocabulary.ts';

export async function createToken(db: Kysely<Database>, name: string, role: Role): Promise<string> {
  const token = generateToken();
  await insertToken(db, { name, role, hash: hashToken(token) });
  return token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
