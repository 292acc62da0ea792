// What every resolver receives: the database, the request id, and the caller, resolved from the
// Authorization header only when a field needs it (writes, admin reads), once per request.
// Per-request DataLoaders live in the Pothos dataloader plugin's cache, keyed to this object.
import type { Kysely } from 'kysely';
import { authenticate, type Actor } from './auth/authenticate.ts';
import type { Database } from './db/types.ts';
import { planOnThisThread, type PlanIngest } from './ingest/planner.ts';

/** The caller of one request. A shared object: yoga copies the context's top-level properties. */
export interface Caller {
  /** Whether the request carries an Authorization header at all (known before any lookup). */
  readonly hasCredentials: boolean;
  /** The caller once resolve() has settled: scope-auth's error callback runs synchronously. */
  known: Actor | null;
  /** The caller, null without a token; rejects with UNAUTHENTICATED for a bad or revoked one. */
  resolve(): Promise<Actor | null>;
}

export interface Context {
  db: Kysely<Database>;
  /** The request id echoed in x-request-id and recorded with audit events; null outside HTTP. */
  requestId: string | null;
  caller: Caller;
  /** Runs the ingest pipeline: on the app's worker threads, or on this thread. */
  planIngest: PlanIngest;
}

export function createContext(
  db: Kysely<Database>,
  options: { authorization?: string | null; requestId?: string | null; adminTokenHash?: string | null; planIngest?: PlanIngest } = {},
): Context {
  let pending: Promise<Actor | null> | undefined;
  const authorization = options.authorization ?? null;
  const caller: Caller = {
    hasCredentials: authorization !== null,
    known: null,
    resolve: () => {
      pending ??= authenticate(db, authorization, options.adminTokenHash ?? null).then((actor) => {
        caller.known = actor;
        return actor;
      });
      return pending;
    },
  };
  return { db, requestId: options.requestId ?? null, caller, planIngest: options.planIngest ?? planOnThisThread };
}
