// What public reads show: curated claims, relations and entities, unless a client asks for a status.
// Every list, walk, series, conflict, path, search, mention and count goes through these predicates.
import { sql, type RawBuilder } from 'kysely';
import type { EntityStatus, Status } from '../domain/vocabulary.ts';

/** The status a list shows when the client names none. */
export const DEFAULT_VISIBLE_STATUS = 'curated';

/**
 * Rows of `table` (a claims or relations table or alias) in the requested status, curated when none
 * is requested: candidates, rejected and retracted ones stay on record but are hidden by default.
 */
export function statusVisible(table: string, status?: Status | null): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(`${table}.status`)} = ${status ?? DEFAULT_VISIBLE_STATUS}`;
}

/**
 * Entities of `table` in the requested status (curated by default). An entity merged into another
 * is never listed: its slug and ID lead to the survivor, which lists it among its merged IDs.
 */
export function entityVisible(table: string, status?: EntityStatus | null): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(`${table}.status`)} = ${status ?? DEFAULT_VISIBLE_STATUS} and ${sql.ref(`${table}.merged_into`)} is null)`;
}
