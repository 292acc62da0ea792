// Rows returned through a union (search hits, audit targets) carry their GraphQL type as a brand.
import { brandWithType } from '@pothos/core';

/**
 * A branded copy of a loader's row: the cached row itself may already be branded by another field
 * of the same request (node(id) of the same object), and a brand cannot be set twice.
 */
export function brandedCopy<Row extends object>(row: Row, ref: unknown): Row {
  const copy = { ...row };
  brandWithType(copy, ref as never);
  return copy;
}
