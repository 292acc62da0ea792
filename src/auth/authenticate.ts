// Who is calling: the Authorization header checked against the stored token hashes and the
// configured ADMIN_TOKEN. Reads never ask; mutations and admin-only reads do (through scope-auth).
import type { Kysely } from 'kysely';
import { findTokenByHash, touchToken } from '../db/tokens.ts';
import type { Database } from '../db/types.ts';
import { isOneOf, ROLES, type Role } from '../domain/vocabulary.ts';
import { clientError } from '../errors.ts';
import { bearerToken, hashToken, sameDigest } from './tokens.ts';

export interface Actor {
  /** The token's name; audit events record it as the actor. */
  name: string;
  role: Role;
}

/** The name audit events give the configured ADMIN_TOKEN. */
export const ADMIN_TOKEN_ACTOR = 'admin-token';

export function unauthenticated(message: string) {
  return clientError(message, 'UNAUTHENTICATED', { http: { status: 401 } });
}

/**
 * The actor of a request: null without an Authorization header; an UNAUTHENTICATED error for a
 * malformed, unknown or revoked token.
 */
export async function authenticate(
  db: Kysely<Database>,
  authorization: string | null,
  adminTokenHash: string | null,
): Promise<Actor | null> {
  const token = bearerToken(authorization);
  if (token === null) return null;
  if (token === '') throw unauthenticated('The Authorization header must be "Bearer <token>".');
  const hash = hashToken(token);
  if (adminTokenHash && sameDigest(hash, adminTokenHash)) return { name: ADMIN_TOKEN_ACTOR, role: 'admin' };
  const row = await findTokenByHash(db, hash);
  if (!row || !sameDigest(row.token_hash, hash) || !isOneOf(ROLES, row.role)) {
    throw unauthenticated('The token is not valid.');
  }
  if (row.revoked_at) throw unauthenticated('The token has been revoked.');
  await touchToken(db, row.id);
  return { name: row.name, role: row.role };
}
