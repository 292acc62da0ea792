// Carries an asOf date from a field's argument down to the rows it returns and the loads below
// them: rows get an `as_of` property, and batched loads use "id|asOf" keys.
import { emptyPage, type Page } from '../db/paging.ts';
import type { AsOf } from '../db/scope.ts';
import { toConnection, type Connection } from './connection.ts';

export type Scoped<T> = T & { as_of?: AsOf };

export function scoped<T extends object>(row: T, asOf: AsOf | undefined): Scoped<T> {
  return asOf ? { ...row, as_of: asOf } : row;
}

export function scopeKey(id: number, asOf: AsOf | undefined): string {
  return `${id}|${asOf ?? ''}`;
}

interface ParsedKeys {
  /** Each key as its id and asOf, in the order of the keys. */
  parsed: Array<{ id: number; asOf: AsOf }>;
  /** The ids of each distinct asOf. */
  byScope: Map<AsOf, number[]>;
}

function parseKeys(keys: readonly string[]): ParsedKeys {
  const parsed: ParsedKeys['parsed'] = [];
  const byScope = new Map<AsOf, number[]>();
  for (const key of keys) {
    const bar = key.indexOf('|');
    const id = Number(key.slice(0, bar));
    const asOf = bar === key.length - 1 ? null : key.slice(bar + 1);
    parsed.push({ id, asOf });
    let ids = byScope.get(asOf);
    if (!ids) byScope.set(asOf, (ids = []));
    ids.push(id);
  }
  return { parsed, byScope };
}

/**
 * Runs `load` once per distinct asOf among the keys (normally one) and returns, for each key in
 * order, the rows that `parentOf` assigns to its id.
 */
export async function loadScoped<Row>(
  keys: readonly string[],
  load: (ids: number[], asOf: AsOf) => Promise<Row[]>,
  parentOf: (row: Row) => number,
): Promise<Row[][]> {
  const { parsed, byScope } = parseKeys(keys);
  const grouped = new Map<AsOf, Map<number, Row[]>>();
  await Promise.all(
    [...byScope].map(async ([asOf, ids]) => {
      const groups = new Map<number, Row[]>();
      for (const id of ids) groups.set(id, []);
      for (const row of await load(ids, asOf)) groups.get(parentOf(row))?.push(row);
      grouped.set(asOf, groups);
    }),
  );
  return parsed.map(({ id, asOf }) => grouped.get(asOf)?.get(id) ?? []);
}

/**
 * One connection per key for a batched nested list: pages are loaded once per distinct asOf, and
 * their rows carry that asOf on to the fields below them.
 */
export async function loadScopedConnections<Row extends object>(
  keys: readonly string[],
  loadPages: (ids: number[], asOf: AsOf) => Promise<Map<number, Page<Row>>>,
): Promise<Array<Connection<Scoped<Row>>>> {
  const { parsed, byScope } = parseKeys(keys);
  const pagesByScope = new Map<AsOf, Map<number, Page<Row>>>();
  await Promise.all(
    [...byScope].map(async ([asOf, ids]) => {
      pagesByScope.set(asOf, await loadPages(ids, asOf));
    }),
  );
  return parsed.map(({ id, asOf }) =>
    toConnection(pagesByScope.get(asOf)?.get(id) ?? emptyPage<Row>(), (row) => ({ node: scoped(row, asOf) })),
  );
}
