// Relay-style keyset paging done in SQL: one statement pages many parents at once (window functions),
// so a nested connection costs one query however many parents and rows there are. Cursors carry
// order key values (see keyset.ts), so writes between two page requests neither skip nor repeat items.
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import {
  decodeCursor, encodeCursor, keysetAfter, keysetBefore, keysOver, orderByClause, reversed, type KeyValue, type OrderKey,
  type Ordering,
} from './keyset.ts';

/** A page request with its sizes checked; its cursors are checked against the list's ordering when it is read. */
export interface PageRequest {
  first: number | null;
  last: number | null;
  /** Items strictly after this cursor's key. */
  after: string | null;
  /** Items strictly before this cursor's key. */
  before: string | null;
}

export interface Page<Row> {
  rows: Array<{ row: Row; cursor: string }>;
  /** The whole list, whatever the cursors. */
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export const emptyPage = <Row>(): Page<Row> => ({ rows: [], totalCount: 0, hasNextPage: false, hasPreviousPage: false });

interface Cursors {
  after: KeyValue[] | null;
  before: KeyValue[] | null;
}

function cursorsOf(ordering: Ordering, page: PageRequest): Cursors {
  return {
    after: page.after === null ? null : decodeCursor(ordering, 'after', page.after),
    before: page.before === null ? null : decodeCursor(ordering, 'before', page.before),
  };
}

/** Each key selected as _k0, _k1... for paging to compare. */
const keyColumns = (ordering: Ordering) => ordering.keys.map((key, i) => sql`${key.expression}`.as(`_k${i}`));

/** Each key's text selected as _c0, _c1...: a cursor is made of them, and they cast back exactly. */
const keyTextColumns = (ordering: Ordering) => ordering.keys.map((key, i) => sql`(${key.expression})::text`.as(`_c${i}`));

const keyColumnNames = (ordering: Ordering) => ordering.keys.map((_key, i) => `_k${i}`);

/** What fetchPages selects besides the rows' own columns and keys. */
const PAGING_COLUMNS = ['_partition', '_offset', '_total', '_preceding', '_following', '_lower', '_upper'];

/** The row without the paging columns, and its cursor from its key texts. */
function toItem<Row>(raw: Record<string, unknown>, ordering: Ordering): { row: Row; cursor: string } {
  const row = { ...raw };
  const values = ordering.keys.map((_key, i) => (raw[`_c${i}`] ?? null) as KeyValue);
  for (const name of [...PAGING_COLUMNS, ...keyColumnNames(ordering), ...values.map((_v, i) => `_c${i}`)]) delete row[name];
  return { row: row as Row, cursor: encodeCursor(ordering, values) };
}

/** Rows of the list that are not after the `after` cursor (they precede the range), in SQL over `keys`. */
function countNotAfter(keys: readonly OrderKey[], cursors: Cursors, window = sql``): RawBuilder<unknown> {
  return cursors.after ? sql`count(*) filter (where (${keysetAfter(keys, cursors.after)}) is not true) ${window}` : sql`0`;
}

/** Rows of the list that are not before the `before` cursor (they follow the range). */
function countNotBefore(keys: readonly OrderKey[], cursors: Cursors, window = sql``): RawBuilder<unknown> {
  return cursors.before ? sql`count(*) filter (where (${keysetBefore(keys, cursors.before)}) is not true) ${window}` : sql`0`;
}

/**
 * Runs `query` ordered by `ordering` within each `partitionBy` group and returns the requested page
 * of every group. Each row is numbered in its whole group, and the group counts how many of its rows
 * precede the `after` cursor and follow the `before` one; the page is then positions [_lower, _upper).
 * The first row of each group is always read so that a group whose page is empty still reports its
 * total and where the page lies.
 */
export async function fetchPages<Row, Key>(
  db: Kysely<any>,
  query: SelectQueryBuilder<any, any, Row>,
  options: { partitionBy?: RawBuilder<Key>; ordering: Ordering; page: PageRequest },
): Promise<Map<Key, Page<Row>>> {
  const { ordering, page } = options;
  const cursors = cursorsOf(ordering, page);
  const partition = options.partitionBy ?? sql<Key>`null`;
  const keyed = query.select([sql<Key>`${partition}`.as('_partition'), ...keyColumns(ordering)] as any);
  const keys = keysOver(ordering.keys, (i) => sql.ref(`_k${i}`));
  const group = sql`partition by _partition`;

  // The range between the cursors is [_preceding, _total - _following); first and last then cut it.
  const lower0 = sql`_preceding`;
  const upper0 = sql`greatest(_total - _following, _preceding)`;
  const upper = page.first === null ? upper0 : sql`least(${upper0}, ${lower0} + ${sql.lit(page.first)})`;
  const lower = page.last === null ? lower0 : sql`greatest(${lower0}, ${upper} - ${sql.lit(page.last)})`;

  const result = await sql<Record<string, unknown>>`
    select windowed.*, ${sql.join(keyColumnNames(ordering).map((name, i) => sql`${sql.ref(name)}::text as ${sql.ref(`_c${i}`)}`))}
    from (select numbered.*, ${lower} as _lower, ${upper} as _upper
          from (select keyed.*,
                       (row_number() over (${group} order by ${orderByClause(keys)}) - 1)::int as _offset,
                       (count(*) over (${group}))::int as _total,
                       (${countNotAfter(keys, cursors, sql`over (${group})`)})::int as _preceding,
                       (${countNotBefore(keys, cursors, sql`over (${group})`)})::int as _following
                from (${keyed}) as keyed) as numbered) as windowed
    where (_offset >= _lower and _offset < _upper) or _offset = 0
    order by _offset`.execute(db);

  const pages = new Map<Key, Page<Row>>();
  for (const raw of result.rows) {
    const partitionKey = raw._partition as Key;
    const [offset, total, from, to] = [raw._offset, raw._total, raw._lower, raw._upper].map(Number) as [number, number, number, number];
    let found = pages.get(partitionKey);
    if (!found) {
      found = { rows: [], totalCount: total, hasPreviousPage: from > 0, hasNextPage: to < total };
      pages.set(partitionKey, found);
    }
    if (offset >= from && offset < to) found.rows.push(toItem<Row>(raw, ordering));
  }
  return pages;
}

interface Range {
  total: number;
  /** Items at or before the `after` cursor. */
  preceding: number;
  /** Items at or after the `before` cursor. */
  following: number;
}

/** The positions [lower, upper) a request asks for (as the SQL of fetchPages), and the range between its cursors. */
function windowOf(range: Range, request: PageRequest) {
  const start = range.preceding;
  const end = Math.max(start, range.total - range.following);
  const upper = request.first === null ? end : Math.min(end, start + request.first);
  const lower = request.last === null ? start : Math.max(start, upper - request.last);
  return { start, end, lower, upper: Math.max(lower, upper) };
}

/** The list's size and, with cursors, how many of its items lie outside the range between them. */
async function measureRange(db: Kysely<any>, query: SelectQueryBuilder<any, any, unknown>, ordering: Ordering, cursors: Cursors): Promise<Range> {
  const withCursor = cursors.after !== null || cursors.before !== null;
  const matches = withCursor ? query.clearSelect().select(keyColumns(ordering) as any) : query.clearSelect().select(sql.lit(1).as('one'));
  const keys = keysOver(ordering.keys, (i) => sql.ref(`matches._k${i}`));
  const counted = await db
    .selectFrom(matches.as('matches'))
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(${countNotAfter(keys, cursors)})::int`.as('preceding'),
      sql<number>`(${countNotBefore(keys, cursors)})::int`.as('following'),
    ])
    .executeTakeFirstOrThrow();
  return { total: Number(counted.total), preceding: Number(counted.preceding), following: Number(counted.following) };
}

/**
 * One page of a top-level list in two statements: count the matches (and, with a cursor, how many
 * lie before or after it), then read only the page with WHERE <key past the cursor> ORDER BY ... LIMIT,
 * which an index on the order can serve without sorting every match (one statement numbering all
 * matches costs in proportion to the table).
 */
export async function fetchPage<Row>(
  db: Kysely<any>,
  query: SelectQueryBuilder<any, any, Row>,
  options: { ordering: Ordering; page: PageRequest },
): Promise<Page<Row>> {
  const { ordering, page } = options;
  const cursors = cursorsOf(ordering, page);
  const range = await measureRange(db, query, ordering, cursors);
  const { start, end, lower, upper } = windowOf(range, page);
  const found: Page<Row> = { rows: [], totalCount: range.total, hasPreviousPage: lower > 0, hasNextPage: upper < range.total };
  if (upper <= lower) return found;

  let read = query.select(keyTextColumns(ordering) as any);
  if (cursors.after) read = read.where(keysetAfter(ordering.keys, cursors.after));
  if (cursors.before) read = read.where(keysetBefore(ordering.keys, cursors.before));
  // `last` alone reads backwards from the end of the range; otherwise forwards from its start. Either
  // way the offset is 0, or at most `first` when first and last are both given.
  const backward = page.first === null;
  const rows = backward
    ? (await read.orderBy(orderByClause(reversed(ordering.keys)) as never).offset(end - upper).limit(upper - lower).execute()).reverse()
    : await read.orderBy(orderByClause(ordering.keys) as never).offset(lower - start).limit(upper - lower).execute();
  found.rows = rows.map((raw) => toItem<Row>(raw as Record<string, unknown>, ordering));
  return found;
}

/**
 * The single page of an unpartitioned query in one statement. For ranked search results, whose
 * matching costs more than numbering them, so counting separately would match twice.
 */
export async function fetchWindowPage<Row>(
  db: Kysely<any>,
  query: SelectQueryBuilder<any, any, Row>,
  options: { ordering: Ordering; page: PageRequest },
): Promise<Page<Row>> {
  const pages = await fetchPages<Row, null>(db, query, options);
  return pages.values().next().value ?? emptyPage<Row>();
}
