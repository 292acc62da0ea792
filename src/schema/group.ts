// Regroups rows loaded for many parents into one list per parent, in the parents' order.
export function groupByKey<Row>(keys: readonly number[], rows: readonly Row[], keyOf: (row: Row) => number | null): Row[][] {
  const groups = new Map<number, Row[]>(keys.map((key) => [key, []]));
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== null) groups.get(key)?.push(row);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
