// Issuing and revoking API tokens, shared by `npm run token` and the admin mutations.
import type { Kysely } from 'kysely';
import { insertToken, revokeToken, type TokenSummary } from '../db/tokens.ts';
import type { Database } from '../db/types.ts';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { isOneOf, ROLES, type Role } from '../domain/vocabulary.ts';
import { generateToken, hashToken } from './tokens.ts';

/** As the api_tokens_name_format constraint: a readable handle that audit events show as the actor. */
export const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export function checkTokenName(name: string, field = 'name'): string {
  if (!TOKEN_NAME.test(name)) {
    throw new ValidationError('A token name is 1 to 64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit.', field);
  }
  return name;
}

/** A new token: the secret is returned once and only its SHA-256 is stored. */
export async function issueToken(db: Kysely<Database>, name: string, role: string): Promise<{ token: string; summary: TokenSummary }> {
  checkTokenName(name);
  if (!isOneOf(ROLES, role)) throw new ValidationError(`The role must be one of ${ROLES.join(', ')}.`, 'role');
  const taken = await db.selectFrom('api_tokens').select('id').where('name', '=', name).executeTakeFirst();
  if (taken) throw new ConflictError(`A token named "${name}" exists already (names stay taken after revocation).`);
  const token = generateToken();
  const summary = await insertToken(db, { name, role: role as Role, hash: hashToken(token) });
  return { token, summary };
}

export async function revokeTokenByName(db: Kysely<Database>, name: string): Promise<TokenSummary> {
  if (!(await revokeToken(db, name))) {
    const exists = await db.selectFrom('api_tokens').select('revoked_at').where('name', '=', name).executeTakeFirst();
    if (exists) throw new ConflictError(`The token "${name}" is already revoked.`);
    throw new NotFoundError(`No token is named "${name}".`, name);
  }
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'role', 'created_at', 'last_used_at', 'revoked_at'])
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
}
