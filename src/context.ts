// What every resolver receives: the database, the request id, and the caller, resolved from the
// Authorization header only when a field needs it (writes, admin reads), once per request.
// Per-request DataLoaders live in the Pothos dataloader plugin's cache, keyed to this object.
import type { Kysely } from 'kysely';
import { authenticate, type Actor } from './auth/authenticate.ts';
import type { Database } from './db/types.ts';

export interface Context {
  db: Kysely<Database>;
  /** The request id echoed in x-request-id and recorded with audit events; null outside HTTP. */
  requestId: string | null;
  /** The caller, null without a token; rejects with UNAUTHENTICATED for a bad or revoked one. */
  actor(): Promise<Actor | null>;
  /** The caller once actor() has settled: scope-auth's error callback runs synchronously. */
  knownActor: Actor | null;
  /** Whether the request carries an Authorization header at all (known before any lookup). */
  hasCredentials: boolean;
}

export function createContext(
  db: Kysely<Database>,
  options: { authorization?: string | null; requestId?: string | null; adminTokenHash?: string | null } = {},
): Context {
  let pending: Promise<Actor | null> | undefined;
  const context: Context = {
    db,
    requestId: options.requestId ?? null,
    knownActor: null,
    hasCredentials: (options.authorization ?? null) !== null,
    actor: () => {
      pending ??= authenticate(db, options.authorization ?? null, options.adminTokenHash ?? null).then((actor) => {
        context.knownActor = actor;
        return actor;
      });
      return pending;
    },
  };
  return context;
}
