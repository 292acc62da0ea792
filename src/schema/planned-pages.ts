// Nested connections read by the statement of their parent (see db/paging.ts jsonPage): which fields
// of a query allow it, and answering such a field from the page its parent read.
import { getArgumentValues, type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import type { Page } from '../db/paging.ts';
import type { AsOf } from '../db/scope.ts';
import { toConnection, toPageRequest, type Connection, type ConnectionArgs } from './connection.ts';
import { scoped, type Scoped } from './scope.ts';
import { fieldsAt, selects } from './selection.ts';

/** A first page read by the parent's statement, for one field node of the query, under one asOf. */
export interface PrefetchedPage<Row> {
  field: FieldNode;
  asOf: AsOf;
  page: Page<Row>;
}

export interface PlannableField<Args> {
  field: FieldNode;
  /** The resolve info as if resolving that field (for selection checks below it). */
  fieldInfo: GraphQLResolveInfo;
  args: Args;
  size: number;
  /** The asOf its page is read with: its own argument, else the one inherited. */
  asOf: AsOf;
  /** Whether the query reads its items' cursors (edges' or pageInfo's). */
  cursors: boolean;
}

/**
 * The Entity connection field `name` at `path` below the field being resolved, when the query asks
 * for it once, for a first page: `first`, no cursor, no `last`, no totalCount. Null otherwise, or when
 * its arguments are bad: the field then loads as usual and reports them itself.
 */
export function plannableEntityField<Args extends ConnectionArgs & { asOf?: string | null }>(
  info: GraphQLResolveInfo,
  name: string,
  inheritedAsOf: AsOf,
  path: readonly string[],
): PlannableField<Args> | null {
  const fields = fieldsAt(info, ...path, name);
  if (fields.length !== 1) return null;
  const field = fields[0]!;
  const definition = (info.schema.getType('Entity') as GraphQLObjectType).getFields()[name]!;
  try {
    const args = getArgumentValues(definition, field, info.variableValues) as unknown as Args;
    const page = toPageRequest(args);
    if (page.after || page.before || page.last !== null || page.first === null) return null;
    const fieldInfo = { ...info, fieldNodes: [field] };
    if (selects(fieldInfo, 'totalCount')) return null;
    return {
      field,
      fieldInfo,
      args,
      size: page.first,
      asOf: args.asOf ?? inheritedAsOf ?? null,
      cursors: selects(fieldInfo, 'edges', 'cursor') || selects(fieldInfo, 'pageInfo'),
    };
  } catch {
    return null;
  }
}

/** The connection from the page the parent read, when it was read for this field under this asOf; else null. */
export function prefetchedConnection<Row extends object>(
  prefetched: PrefetchedPage<Row> | undefined,
  info: GraphQLResolveInfo,
  asOf: AsOf,
): Connection<Scoped<Row>> | null {
  if (!prefetched || prefetched.field !== info.fieldNodes[0] || prefetched.asOf !== asOf) return null;
  return toConnection(prefetched.page, (row) => ({ node: scoped(row, asOf) }));
}
