// What one field of a query costs before it runs, GitHub-node-limit style: a leaf is free, an object
// costs 1, and a connection multiplies everything selected below it by the page size it asks for.
import { getNamedType, getNullableType, isLeafType, isListType, type GraphQLField } from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './connection.ts';

/** Items assumed for a list that takes no page size (citations of a claim, steps of a path...). */
export const UNPAGED_LIST_SIZE = 10;

function pageSize(args: Record<string, unknown>, fallback: number): number {
  const sizes = [args.first, args.last].filter((value): value is number => typeof value === 'number');
  // Out-of-range sizes are refused by the resolver with their own message; the estimate stays bounded.
  const size = sizes.length ? Math.max(...sizes) : fallback;
  return Math.min(Math.max(size, 0), MAX_PAGE_SIZE);
}

export function fieldCost(args: Record<string, unknown>, field: GraphQLField<unknown, any>): { field: number; multiplier: number } {
  const named = getNamedType(field.type);
  const own = isLeafType(named) ? 0 : 1;
  const takesPageSize = field.args.some((arg) => arg.name === 'first' || arg.name === 'last');
  if (takesPageSize) {
    const declaredDefault = field.args.find((arg) => arg.name === 'first')?.defaultValue;
    return { field: own, multiplier: pageSize(args, typeof declaredDefault === 'number' ? declaredDefault : DEFAULT_PAGE_SIZE) };
  }
  if (Array.isArray(args.ids)) return { field: own, multiplier: args.ids.length };
  // A connection's edges are already counted by the connection's page size.
  if (isListType(getNullableType(field.type)) && !named.name.endsWith('Edge')) return { field: own, multiplier: UNPAGED_LIST_SIZE };
  return { field: own, multiplier: 1 };
}

/**
 * The schema extension by which an argument or input field names the setting that caps its strings
 * instead of STRING_LIMIT (e.g. an article's text: INGEST_MAX_CHARS); src/http/limits.ts enforces it.
 */
export const STRING_LIMIT_EXTENSION = 'stringLimit';
