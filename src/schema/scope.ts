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

function idsByScope(keys: readonly string[]): Map<AsOf, number[]> {
  const byScope = new Map<AsOf, number[]>();
  for (const key of keys) {
    const [id, asOf] = key.split('|') as [string, string];
    const scope = asOf === '' ? null : asOf;
    byScope.set(scope, [...(byScope.get(scope) ?? []), Number(id)]);
  }
  return byScope;
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
  const byScope = idsByScope(keys);
  const grouped = new Map<string, Row[]>(keys.map((key) => [key, []]));
  await Promise.all(
    [...byScope].map(async ([asOf, ids]) => {
      for (const row of await load(ids, asOf)) grouped.get(scopeKey(parentOf(row), asOf))?.push(row);
    }),
  );
  return keys.map((key) => grouped.get(key) ?? []);
}

/**
 * One connection per key for a batched nested list: pages are loaded once per distinct asOf, and
 * their rows carry that asOf on to the fields below them.
 */
export async function loadScopedConnections<Row extends object>(
  keys: readonly string[],
  loadPages: (ids: number[], asOf: AsOf) => Promise<Map<number, Page<Row>>>,
): Promise<Array<Connection<Scoped<Row>>>> {
  const byScope = idsByScope(keys);
  const results = new Map<string, Connection<Scoped<Row>>>();
  await Promise.all(
    [...byScope].map(async ([asOf, ids]) => {
      const pages = await loadPages(ids, asOf);
      for (const id of ids) {
        const page = pages.get(id) ?? emptyPage<Row>();
        results.set(scopeKey(id, asOf), toConnection(page, (row) => ({ node: scoped(row, asOf) })));
      }
    }),
  );
  return keys.map((key) => results.get(key) ?? toConnection(emptyPage<Scoped<Row>>()));
}
