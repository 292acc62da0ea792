// Global IDs as text: "Type:id" base64url-encoded. Pure, so the db layer can name objects in
// error messages without loading the schema.

/** Node type names, so an ID naming any other type is rejected before a lookup. */
export const NODE_TYPES = new Set(['Article', 'Entity', 'Claim', 'Relation', 'Citation']);

export function globalIdOf(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64url');
}

/** The type and database id inside a global ID this API gave out; null for anything else. */
export function parseGlobalId(globalId: string): { typename: string; id: string } | null {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const match = /^([A-Za-z]+):([1-9][0-9]{0,9})$/.exec(decoded);
  if (!match || !NODE_TYPES.has(match[1]!) || globalIdOf(match[1]!, match[2]!) !== globalId) return null;
  return { typename: match[1]!, id: match[2]! };
}
