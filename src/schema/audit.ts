// AuditEvent: one recorded write (who, when, what, before and after, why); the history of entities,
// claims and relations, open to everyone; the whole audit log, for admins.
import { ArticleNode } from './article.ts';
import { brandedCopy } from './branding.ts';
import { builder, globalIdOf } from '../builder.ts';
import type { Context } from '../context.ts';
import { findAuditEventsByTargets, pageAuditEvents, type AuditLogFilter, type AuditTargetType } from '../db/audit.ts';
import type { AuditEventRow } from '../db/types.ts';
import { clientError } from '../errors.ts';
import { ClaimNode } from './claim.ts';
import { toConnection, toPageRequest } from './connection.ts';
import { EntityNode } from './entity.ts';
import { groupByKey } from './group.ts';
import { RelationNode } from './relation.ts';

const TARGET_TYPES: readonly AuditTargetType[] = ['Entity', 'Claim', 'Relation', 'Token', 'Article'];

/** The node types an audit event can point at; tokens are not nodes. */
const TARGET_NODES = { Entity: EntityNode, Claim: ClaimNode, Relation: RelationNode, Article: ArticleNode } as const;

/** The object an event is about, loaded through its type's batched loader; null for a token. */
async function loadTarget(event: AuditEventRow, context: Context) {
  const ref = TARGET_NODES[event.target_type as keyof typeof TARGET_NODES];
  if (!ref) return null;
  const row = await (ref.getDataloader(context) as { load(id: number): Promise<object | null> }).load(event.target_id).catch(() => null);
  return row ? brandedCopy(row, ref) : null;
}

/** pg and PGlite both give timestamptz as a Date; the ISO form is what clients read. */
const isoInstant = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

export const AuditEventRef = builder.objectRef<AuditEventRow>('AuditEvent').implement({
  description: 'One write to the knowledge graph, as the audit trail records it: who, when, what changed and why.',
  fields: (t) => ({
    action: t.exposeString('action', { description: 'The mutation that made the change (createEntity, addAlias, retractClaim, ingestArticle...).' }),
    actor: t.exposeString('actor', { description: 'The name of the API token that made it.' }),
    role: t.exposeString('role', { description: 'The token\'s role at the time: editor or admin.' }),
    occurredAt: t.string({
      description: 'When the change was committed, as an ISO 8601 instant in UTC.',
      resolve: (event) => isoInstant(event.occurred_at),
    }),
    targetType: t.exposeString('target_type', { description: 'What kind of object changed: Entity, Claim, Relation, Token or Article (an ingest).' }),
    targetId: t.id({
      description: 'The global ID of the object that changed (of an Entity, Claim, Relation or Article, usable with node(id)).',
      resolve: (event) => globalIdOf(event.target_type, event.target_id),
    }),
    target: t.field({
      type: builder.nodeInterfaceRef(),
      nullable: true,
      description: 'The object that changed, as it is now, whatever its state; null for a token.',
      resolve: (event, _args, context) => loadTarget(event, context),
    }),
    before: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The object before the change (its row with its aliases, subjects or citations); null when it was created.',
      resolve: (event) => event.before ?? null,
    }),
    after: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The object after the change, in the same shape as before.',
      resolve: (event) => event.after ?? null,
    }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why, as the writer gave it; null when none was given.' }),
    requestId: t.exposeString('request_id', {
      nullable: true,
      description: 'The id of the HTTP request that made the change (its x-request-id), to find it in the logs.',
    }),
  }),
});

/** `history` of one node type: its events oldest first, one statement for all the parents of a level. */
function addHistoryField(ref: typeof EntityNode | typeof ClaimNode | typeof RelationNode, targetType: AuditTargetType, noun: string) {
  builder.objectField(ref as typeof EntityNode, 'history', (t) =>
    t.loadableList({
      type: AuditEventRef,
      description: `Every recorded change to this ${noun}, oldest first: who made it, when, what it was before and after, and why.`,
      load: async (ids: number[], context) =>
        groupByKey(ids, await findAuditEventsByTargets(context.db, targetType, ids), (event) => event.target_id),
      resolve: (parent) => parent.id,
    }),
  );
}

addHistoryField(EntityNode, 'Entity', 'entity');
addHistoryField(ClaimNode, 'Claim', 'figure');
addHistoryField(RelationNode, 'Relation', 'relation');

const AuditEventConnection = builder.connectionObject({ type: AuditEventRef, name: 'AuditEventConnection' });

/** The target of an audit log filter: a global ID of an Entity, Claim, Relation, Token or Article. */
function decodeTarget(globalId: string): NonNullable<AuditLogFilter['target']> {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const match = /^([A-Za-z]+):([1-9][0-9]{0,9})$/.exec(decoded);
  const type = match?.[1] as AuditTargetType | undefined;
  if (!match || !type || !TARGET_TYPES.includes(type) || Number(match[2]) > 2147483647 || globalIdOf(type, match[2]!) !== globalId) {
    throw clientError(`"target" must be the ID of an Entity, Claim, Relation, Token or Article, got ${JSON.stringify(globalId)}`, 'INVALID_ID');
  }
  return { type, id: Number(match[2]) };
}

// A date, or a date and time with seconds optional and a zone (Z or ±hh:mm) when a time is given.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

function parseSince(value: string): Date {
  const instant = ISO_INSTANT.test(value) ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value) : null;
  // JavaScript rolls some impossible dates over (February 30th): the calendar day must survive the trip.
  const realDay = instant !== null && !Number.isNaN(instant.getTime()) && (value.length !== 10 || instant.toISOString().startsWith(value));
  if (!instant || !realDay || instant.getUTCFullYear() < 1) {
    throw clientError(`"since" must be an ISO 8601 date or instant such as 2026-11-29T12:00:00Z, got ${JSON.stringify(value)}`);
  }
  return instant;
}

builder.queryField('auditLog', (t) =>
  t.field({
    type: AuditEventConnection,
    description: 'Every recorded change, newest first, filtered (admin only: needs an admin API token).',
    authScopes: { admin: true },
    args: {
      ...t.arg.connectionArgs(),
      target: t.arg.id({ description: 'Only changes to this object (the global ID of an Entity, Claim, Relation, Token or Article).' }),
      actor: t.arg.string({ description: 'Only changes made by the token with this name.' }),
      action: t.arg.string({ description: 'Only changes made by this mutation (e.g. addAlias).' }),
      since: t.arg.string({ description: 'Only changes at or after this ISO 8601 date or instant (e.g. 2026-11-29T12:00:00Z; a date means its midnight UTC).' }),
    },
    resolve: async (_root, args, context) => {
      const filter: AuditLogFilter = {
        target: args.target ? decodeTarget(String(args.target)) : null,
        actor: args.actor ?? null,
        action: args.action ?? null,
        since: args.since ? parseSince(args.since) : null,
      };
      return toConnection(await pageAuditEvents(context.db, filter, toPageRequest(args)));
    },
  }),
);
