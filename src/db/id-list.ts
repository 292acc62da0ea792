// A list of ids as one int[] parameter: `id = any($1::int[])` is the same statement text however many
// ids a batch holds, with one value to bind instead of one per id, on PostgreSQL and PGlite alike.
import { sql, type RawBuilder } from 'kysely';

/** The right-hand side of `column = any(ids)`: `.where('claims.id', '=', anyId(ids))`. */
export function anyId(ids: readonly number[]): RawBuilder<number> {
  return sql<number>`any(${[...ids]}::int[])`;
}
