// Turns Relay arguments into a PageRequest with checked sizes and a Page back into a Relay connection.
import type { GraphQLResolveInfo } from 'graphql';
import { emptyPage, type Page, type PageItem, type PageRequest } from '../db/paging.ts';
import { clientError } from '../errors.ts';
import { selects } from './selection.ts';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

function checkSize(name: 'first' | 'last', value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (value < 0 || value > MAX_PAGE_SIZE) {
    throw clientError(`"${name}" must be between 0 and ${MAX_PAGE_SIZE}, got ${value}`);
  }
  return value;
}

/**
 * The page the arguments ask for. Given the connection field's resolve info, it also says whether
 * the query reads totalCount and pageInfo, so a list nobody counts is not counted.
 */
export function toPageRequest(args: ConnectionArgs, info?: GraphQLResolveInfo): PageRequest {
  const first = checkSize('first', args.first);
  const last = checkSize('last', args.last);
  return {
    // Without first or last a page holds DEFAULT_PAGE_SIZE items from the start.
    first: first === null && last === null ? DEFAULT_PAGE_SIZE : first,
    last,
    // Cursors are checked where the list's order is known (db/keyset.ts).
    after: args.after || null,
    before: args.before || null,
    ...(info ? { totalCount: selects(info, 'totalCount'), pageInfo: selects(info, 'pageInfo') } : {}),
  };
}

export interface Connection<Node, Edge = object> {
  edges: Array<{ cursor: string; node: Node } & Edge>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** An edge whose cursor is its item's, encoded only if the query reads it. */
class LazyCursorEdge<Row> {
  constructor(private readonly item: PageItem<Row>) {}
  get cursor(): string {
    return this.item.cursor;
  }
}

export function toConnection<Row, Node = Row, Edge = object>(
  page: Page<Row>,
  toEdge: (row: Row) => { node: Node } & Edge = (row) => ({ node: row as unknown as Node }) as { node: Node } & Edge,
): Connection<Node, Edge> {
  const edges = page.rows.map((item) => Object.assign(new LazyCursorEdge(item), toEdge(item.row)));
  const { hasNextPage, hasPreviousPage, totalCount } = page;
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges[edges.length - 1]?.cursor ?? null;
      },
    },
    get totalCount() {
      // Lists are counted when the query selects totalCount (toPageRequest); reaching this is a bug.
      if (totalCount === null) throw new Error('totalCount was read from a list that was not counted');
      return totalCount;
    },
  };
}

/** One connection per parent id, in the order of `ids`, for a batched (dataloader) field. */
export function connectionsFor<Row, Node = Row, Edge = object>(
  ids: readonly number[],
  pages: Map<number, Page<Row>>,
  toEdge?: (row: Row) => { node: Node } & Edge,
): Array<Connection<Node, Edge>> {
  return ids.map((id) => toConnection<Row, Node, Edge>(pages.get(id) ?? emptyPage<Row>(), toEdge));
}
