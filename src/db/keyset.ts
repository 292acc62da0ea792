// Keyset paging: a list's ordering as keys, the SQL it implies (ORDER BY, "strictly after/before
// this key"), and cursors carrying a row's key values, so pages stay put while rows are written.
import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';

/** The SQL types a key can have; a cursor stores the key as that type's text and casts it back. */
export type KeyType = 'int4' | 'text' | 'numeric' | 'date' | 'float8';

export interface OrderKey {
  /** The key's SQL expression over the tables of the listed query. */
  expression: RawBuilder<unknown>;
  type: KeyType;
  direction: 'asc' | 'desc';
  /** Where nulls sort, for a key that can be null; absent for a key that is never null. */
  nulls?: 'first' | 'last';
}

/** How a list is ordered: keys that together are unique within the list (the last one is the row id). */
export interface Ordering {
  /** Names the ordering in its cursors, e.g. "claims.value". */
  name: string;
  keys: readonly OrderKey[];
}

/** A key's value as its SQL text, or null. */
export type KeyValue = string | null;

export function orderKey(
  expression: RawBuilder<unknown>,
  type: KeyType,
  direction: 'asc' | 'desc' = 'asc',
  nulls?: 'first' | 'last',
): OrderKey {
  return nulls ? { expression, type, direction, nulls } : { expression, type, direction };
}

/** The row id as the final, unique key. */
export const idKey = (expression: RawBuilder<unknown>): OrderKey => orderKey(expression, 'int4');

/** A list in id order alone, e.g. oldest first (asc) or newest first (desc); `column` is e.g. "claims.id". */
export function idOrdering(column: string, direction: 'asc' | 'desc' = 'asc'): Ordering {
  return { name: column, keys: [orderKey(sql.ref(column), 'int4', direction)] };
}

/** The same keys read from other expressions, e.g. from columns a subquery selected them as. */
export function keysOver(keys: readonly OrderKey[], expressionOf: (index: number) => RawBuilder<unknown>): OrderKey[] {
  return keys.map((key, index) => ({ ...key, expression: expressionOf(index) }));
}

/** The keys in the opposite order: "before" in a list is "after" in the list read backwards. */
export function reversed(keys: readonly OrderKey[]): OrderKey[] {
  return keys.map((key) => ({
    ...key,
    direction: key.direction === 'asc' ? 'desc' : 'asc',
    ...(key.nulls ? { nulls: key.nulls === 'first' ? 'last' : 'first' } : {}),
  }));
}

export function orderByClause(keys: readonly OrderKey[]): RawBuilder<unknown> {
  return sql.join(
    keys.map((key) => sql`${key.expression} ${sql.raw(key.direction)}${sql.raw(key.nulls ? ` nulls ${key.nulls}` : '')}`),
  );
}

const typed = (value: string, type: KeyType) => sql`${value}::${sql.raw(type)}`;

/**
 * Rows strictly after `values` in the order of `keys`: the tuple comparison written out as
 * k0 past v0 or (k0 = v0 and (k1 past v1 or ...)), with nulls placed as each key says. When no key
 * can be null and all run the same way it is a row comparison, which a btree index can serve.
 * A row with a null key that precedes the cursor may make the condition null rather than false;
 * callers counting rows that are not after the cursor test `is not true`.
 */
export function keysetAfter(keys: readonly OrderKey[], values: readonly KeyValue[]): RawBuilder<boolean> {
  const sameWay = keys.every((key) => key.direction === keys[0]!.direction && !key.nulls);
  if (sameWay) {
    const row = (items: RawBuilder<unknown>[]) => sql`(${sql.join(items)})`;
    const columns = row(keys.map((key) => key.expression));
    const cursor = row(keys.map((key, i) => typed(values[i]!, key.type)));
    return keys[0]!.direction === 'asc' ? sql<boolean>`${columns} > ${cursor}` : sql<boolean>`${columns} < ${cursor}`;
  }
  let condition: RawBuilder<boolean> = sql<boolean>`false`;
  for (let i = keys.length - 1; i >= 0; i -= 1) {
    const key = keys[i]!;
    const value = values[i]!;
    const column = key.expression;
    const equal = value === null ? sql`${column} is null` : sql`${column} = ${typed(value, key.type)}`;
    let past: RawBuilder<unknown>;
    if (value === null) {
      // Nulls are equal to each other; past them come the non-null values only when nulls sort first.
      past = key.nulls === 'first' ? sql`${column} is not null` : sql`false`;
    } else {
      const beyond = sql`${column} ${sql.raw(key.direction === 'asc' ? '>' : '<')} ${typed(value, key.type)}`;
      past = key.nulls === 'last' ? sql`(${beyond} or ${column} is null)` : beyond;
    }
    condition = i === keys.length - 1 ? sql<boolean>`${past}` : sql<boolean>`(${past} or (${equal} and ${condition}))`;
  }
  return condition;
}

/** Rows strictly before `values` in the order of `keys`. */
export function keysetBefore(keys: readonly OrderKey[], values: readonly KeyValue[]): RawBuilder<boolean> {
  return keysetAfter(reversed(keys), values);
}

/** A cursor the API did not give out, or gave out for a list in another order. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

const CURSOR_VERSION = 'k1';
const digest = (text: string, length: number) => createHash('sha256').update(text).digest('base64url').slice(0, length);

/** Short and stable: changes when the ordering's name or any key's type, direction or nulls change. */
function signatureOf(ordering: Ordering): string {
  const keys = ordering.keys.map((key) => `${key.type} ${key.direction} ${key.nulls ?? 'never'}`);
  return digest(`${ordering.name}|${keys.join('|')}`, 6);
}

/**
 * The cursor of a row: base64url of "k1:<ordering signature>:<check>:<key values as JSON>". The check
 * is a digest of the rest, so a cursor edited by hand is refused; it is not a secret (a cursor only
 * names a position in a public list, so a forged one could reveal nothing).
 */
export function encodeCursor(ordering: Ordering, values: readonly KeyValue[]): string {
  const body = `${signatureOf(ordering)}:${JSON.stringify(values)}`;
  return Buffer.from(`${CURSOR_VERSION}:${digest(`${CURSOR_VERSION}:${body}`, 8)}:${body}`, 'utf8').toString('base64url');
}

const MAX_INT4 = 2 ** 31 - 1;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is text that PostgreSQL reads back as `type` without an error. */
function readsAs(value: string, type: KeyType): boolean {
  switch (type) {
    case 'text':
      return !value.includes('\u0000');
    case 'int4':
      return /^-?(0|[1-9][0-9]{0,9})$/.test(value) && Math.abs(Number(value)) <= MAX_INT4;
    case 'numeric':
      return /^-?[0-9]{1,1000}(\.[0-9]{1,1000})?$/.test(value) || value === 'NaN';
    case 'float8': {
      if (['Infinity', '-Infinity', 'NaN'].includes(value)) return true;
      if (!/^-?[0-9]+(\.[0-9]+)?(e[+-]?[0-9]+)?$/.test(value)) return false;
      const number = Number(value);
      // Out of float8's range either way is an error in PostgreSQL.
      return Number.isFinite(number) && (number !== 0 || /^-?[0.]+(e|$)/.test(value));
    }
    case 'date': {
      const match = ISO_DATE.exec(value);
      if (!match || Number(match[1]) < 1) return false;
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
    }
  }
}

/** The key values a cursor carries, checked against the ordering it is used with. */
export function decodeCursor(ordering: Ordering, argument: 'after' | 'before', cursor: string): KeyValue[] {
  const refuse = (why: string) =>
    new InvalidCursorError(`"${argument}" is not a cursor this list gave out (${why}): ${JSON.stringify(cursor.slice(0, 200))}`);
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (Buffer.from(text, 'utf8').toString('base64url') !== cursor) throw refuse('not base64url');
  const match = /^([a-z0-9]+):([A-Za-z0-9_-]{8}):([A-Za-z0-9_-]{6}):(.*)$/s.exec(text);
  if (!match || match[1] !== CURSOR_VERSION) throw refuse('an old or unknown cursor format');
  const [, version, check, signature, json] = match;
  if (digest(`${version}:${signature}:${json}`, 8) !== check) throw refuse('it was altered');
  if (signature !== signatureOf(ordering)) throw refuse('it belongs to a list in another order');
  let values: unknown;
  try {
    values = JSON.parse(json!);
  } catch {
    throw refuse('unreadable');
  }
  if (!Array.isArray(values) || values.length !== ordering.keys.length) throw refuse('wrong number of keys');
  ordering.keys.forEach((key, i) => {
    const value: unknown = values[i];
    const fits = value === null ? key.nulls !== undefined : typeof value === 'string' && readsAs(value, key.type);
    if (!fits) throw refuse(`key ${i + 1} is not a ${key.type}`);
  });
  return values as KeyValue[];
}
