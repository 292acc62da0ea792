// How every mutation writes: one transaction for the change and its audit events, by the caller
// that scope-auth has already let through.
import type { Kysely } from 'kysely';
import { unauthenticated } from '../auth/authenticate.ts';
import type { Context } from '../context.ts';
import { appendAuditEvent, type Write } from '../db/audit.ts';
import type { Database } from '../db/types.ts';

/** Runs `work` in one transaction; its audit events commit or roll back with it. */
export async function write<T>(context: Context, work: (write: Write) => Promise<T>): Promise<T> {
  const actor = await context.caller.resolve();
  if (!actor) throw unauthenticated('This mutation needs an API token: send "Authorization: Bearer <token>".');
  const by = { actor: actor.name, role: actor.role, requestId: context.requestId };
  return (context.db as Kysely<Database>).transaction().execute((trx) =>
    work({ trx, audit: (event) => appendAuditEvent(trx, by, event) }),
  );
}
