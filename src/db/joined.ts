// Rows read with a one-to-one neighbour in the same statement (a citation with its article, a relation
// with the entity at its other end): the neighbour's columns are selected as "<name>.<column>" and
// gathered back into an object under `name`, so one statement stands in for a second batched read.
import { sql, type AliasedRawBuilder } from 'kysely';

/** `table.column as "name.column"` for each column. */
export function columnsAs(name: string, table: string, columns: readonly string[]): Array<AliasedRawBuilder<unknown, string>> {
  return columns.map((column) => sql.ref(`${table}.${column}`).as(`${name}.${column}`));
}

type Placement = { into: number; column: string } | 'own' | 'drop';

/**
 * Turns result rows into plain rows: the columns in `drop` left out, those named "<name>.<column>"
 * for a name in `joined` gathered into row[name] (null when the neighbour's id is null: no match).
 * Where each column goes is worked out once per column name, not once per row.
 */
export function rowShaper<Row>(joined: readonly string[] = [], drop: ReadonlySet<string> = new Set()): (raw: Record<string, unknown>) => Row {
  const placements = new Map<string, Placement>();
  const placementOf = (key: string): Placement => {
    let placement = placements.get(key);
    if (placement === undefined) {
      const dot = key.indexOf('.');
      const into = dot > 0 ? joined.indexOf(key.slice(0, dot)) : -1;
      placement = drop.has(key) ? 'drop' : into >= 0 ? { into, column: key.slice(dot + 1) } : 'own';
      placements.set(key, placement);
    }
    return placement;
  };
  return (raw) => {
    const row: Record<string, unknown> = {};
    const neighbours = joined.map((): Record<string, unknown> => ({}));
    for (const key in raw) {
      const placement = placementOf(key);
      if (placement === 'own') row[key] = raw[key];
      else if (placement !== 'drop') neighbours[placement.into]![placement.column] = raw[key];
    }
    joined.forEach((name, i) => {
      row[name] = neighbours[i]!.id == null ? null : neighbours[i];
    });
    return row as Row;
  };
}
