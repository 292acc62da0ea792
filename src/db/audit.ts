// The audit trail: one append-only row per write, in the write's own transaction.
import type { Kysely, Transaction } from 'kysely';
import { idOrdering } from './keyset.ts';
import { fetchPage, type Page, type PageRequest } from './paging.ts';
import type { AuditEventRow, Database } from './types.ts';

export type AuditTargetType = 'Entity' | 'Claim' | 'Relation' | 'Token' | 'Article';

export interface AuditEvent {
  action: string;
  targetType: AuditTargetType;
  targetId: number;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** A write in progress: its transaction, and how it records what it does in the same transaction. */
export interface Write {
  trx: Transaction<Database>;
  audit: (event: AuditEvent) => Promise<void>;
}

export interface AuditActor {
  actor: string;
  role: string;
  requestId: string | null;
}

/** JSON for a jsonb column: Dates as ISO strings, undefined as null. */
function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export async function appendAuditEvent(db: Kysely<Database>, by: AuditActor, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      actor: by.actor,
      role: by.role,
      request_id: by.requestId,
      action: event.action,
      target_type: event.targetType,
      target_id: event.targetId,
      before: toJson(event.before),
      after: toJson(event.after),
      reason: event.reason ?? null,
    })
    .execute();
}

/** The events of many targets of one type, oldest first (for Claim.history, Relation.history...). */
export async function findAuditEventsByTargets(
  db: Kysely<Database>,
  targetType: AuditTargetType,
  targetIds: readonly number[],
): Promise<AuditEventRow[]> {
  if (targetIds.length === 0) return [];
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('target_type', '=', targetType)
    .where('target_id', 'in', targetIds)
    .orderBy('id')
    .execute();
}

export interface AuditLogFilter {
  target?: { type: AuditTargetType; id: number } | null;
  actor?: string | null;
  action?: string | null;
  /** Events at or after this instant. */
  since?: Date | null;
}

/** The audit log for admins, newest first. */
export async function pageAuditEvents(db: Kysely<Database>, filter: AuditLogFilter, page: PageRequest): Promise<Page<AuditEventRow>> {
  let query = db.selectFrom('audit_events').selectAll('audit_events');
  if (filter.target) {
    query = query.where('audit_events.target_type', '=', filter.target.type).where('audit_events.target_id', '=', filter.target.id);
  }
  if (filter.actor) query = query.where('audit_events.actor', '=', filter.actor);
  if (filter.action) query = query.where('audit_events.action', '=', filter.action);
  if (filter.since) query = query.where('audit_events.occurred_at', '>=', filter.since);
  return fetchPage(db, query, { ordering: idOrdering('audit_events.id', 'desc'), page });
}
