// Relay-style keyset paging done in SQL: one statement pages many parents at once (window functions),
// so a nested connection costs one query however many parents and rows there are. Cursors carry
// order key values (see keyset.ts), so writes between two page requests neither skip nor repeat items.
import { sql, type AliasedRawBuilder, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import {
  decodeCursor, encodeCursor, keysetAfter, keysetBefore, keysOver, orderByClause, reversed, type KeyValue, type OrderKey,
  type Ordering,
} from './keyset.ts';
import { rowShaper } from './joined.ts';

/** Extra columns of the rows on a page, as SQL over the alias the rows are read under. */
export type PageColumns = (alias: string) => ReadonlyArray<AliasedRawBuilder<unknown, string>>;

/** A page request with its sizes checked; its cursors are checked against the list's ordering when it is read. */
export interface PageRequest {
  first: number | null;
  last: number | null;
  /** Items strictly after this cursor's key. */
  after: string | null;
  /** Items strictly before this cursor's key. */
  before: string | null;
  /** Whether the caller reads the list's size (counting every match costs work); absent: it does. */
  totalCount?: boolean;
  /** Whether the caller reads whether items lie before and after the page; absent: it does. */
  pageInfo?: boolean;
}

/** A row of a page. Its cursor is encoded when first read: most queries never ask for one. */
export class PageItem<Row> {
  private encoded: string | null = null;

  constructor(
    readonly row: Row,
    private readonly ordering: Ordering,
    private readonly values: KeyValue[],
  ) {}

  get cursor(): string {
    // A page read without its key texts (jsonPage, when the query reads no cursor) has none to give.
    if (this.values.length !== this.ordering.keys.length) throw new Error('this page was read without cursors');
    this.encoded ??= encodeCursor(this.ordering, this.values);
    return this.encoded;
  }
}

export interface Page<Row> {
  rows: Array<PageItem<Row>>;
  /** The whole list, whatever the cursors; null when the request did not ask for it, so it was not counted. */
  totalCount: number | null;
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

/**
 * Turns raw result rows into page items: the row without the paging columns (and with the columns of
 * `joined` neighbours gathered, see joined.ts), its key texts kept for its cursor.
 */
function itemMaker<Row>(ordering: Ordering, joined?: readonly string[]): (raw: Record<string, unknown>) => PageItem<Row> {
  const texts = ordering.keys.map((_key, i) => `_c${i}`);
  const toRow = rowShaper<Row>(joined, new Set([...PAGING_COLUMNS, ...keyColumnNames(ordering), ...texts]));
  return (raw) => new PageItem(toRow(raw), ordering, texts.map((name) => (raw[name] ?? null) as KeyValue));
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
  options: {
    partitionBy?: RawBuilder<Key>;
    ordering: Ordering;
    page: PageRequest;
    /** Neighbours read along with each row (see joined.ts), gathered into row[name]. */
    joined?: readonly string[];
    /**
     * Columns worked out only for the rows on the pages (e.g. a JSON array of each row's citations),
     * given the alias under which the statement's last step reads the rows.
     */
    pageColumns?: PageColumns;
  },
): Promise<Map<Key, Page<Row>>> {
  const { ordering, page } = options;
  const cursors = cursorsOf(ordering, page);
  const partition = options.partitionBy ?? sql<Key>`null`;
  const keyed = query.select([sql<Key>`${partition}`.as('_partition'), ...keyColumns(ordering)] as any);
  const keys = keysOver(ordering.keys, (i) => sql.ref(`_k${i}`));
  const toItem = itemMaker<Row>(ordering, options.joined);
  const extra = (alias: string) => (options.pageColumns ? sql`, ${sql.join(options.pageColumns(alias))}` : sql``);
  if (page.totalCount === false && page.pageInfo === false) return fetchPagesUncounted<Row, Key>(db, keyed, keys, page, cursors, toItem, extra('numbered'));
  const group = sql`partition by _partition`;

  // The range between the cursors is [_preceding, _total - _following); first and last then cut it.
  const lower0 = sql`_preceding`;
  const upper0 = sql`greatest(_total - _following, _preceding)`;
  const upper = page.first === null ? upper0 : sql`least(${upper0}, ${lower0} + ${sql.lit(page.first)})`;
  const lower = page.last === null ? lower0 : sql`greatest(${lower0}, ${upper} - ${sql.lit(page.last)})`;

  const result = await sql<Record<string, unknown>>`
    select windowed.*, ${sql.join(keyColumnNames(ordering).map((name, i) => sql`${sql.ref(name)}::text as ${sql.ref(`_c${i}`)}`))} ${extra('windowed')}
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
    if (offset >= from && offset < to) found.rows.push(toItem(raw));
  }
  return pages;
}

/**
 * fetchPages for a caller that reads neither totalCount nor pageInfo: only the rows between the
 * cursors are numbered, and only the page is returned; nothing is counted.
 */
async function fetchPagesUncounted<Row, Key>(
  db: Kysely<any>,
  keyed: SelectQueryBuilder<any, any, any>,
  keys: readonly OrderKey[],
  page: PageRequest,
  cursors: Cursors,
  toItem: (raw: Record<string, unknown>) => PageItem<Row>,
  extra: RawBuilder<unknown>,
): Promise<Map<Key, Page<Row>>> {
  // `last` alone counts from the end of the range; otherwise from its start.
  const backward = page.first === null && page.last !== null;
  const size = backward ? page.last : page.first;
  const conditions = [
    ...(cursors.after ? [keysetAfter(keys, cursors.after)] : []),
    ...(cursors.before ? [keysetBefore(keys, cursors.before)] : []),
  ];
  const result = await sql<Record<string, unknown>>`
    select numbered.*, ${sql.join(keys.map((_key, i) => `_k${i}`).map((name, i) => sql`${sql.ref(name)}::text as ${sql.ref(`_c${i}`)}`))} ${extra}
    from (select keyed.*,
                 (row_number() over (partition by _partition order by ${orderByClause(backward ? reversed(keys) : keys)}) - 1)::int as _offset
          from (${keyed}) as keyed
          ${conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``}) as numbered
    ${size === null ? sql`` : sql`where _offset < ${sql.lit(size)}`}
    order by _offset`.execute(db);

  const pages = new Map<Key, Page<Row>>();
  for (const raw of result.rows) {
    const partitionKey = raw._partition as Key;
    let found = pages.get(partitionKey);
    if (!found) {
      found = { rows: [], totalCount: null, hasPreviousPage: false, hasNextPage: false };
      pages.set(partitionKey, found);
    }
    found.rows.push(toItem(raw));
  }
  for (const found of pages.values()) {
    if (backward) found.rows.reverse();
    // first and last together: the last `last` of the first `first`.
    else if (page.last !== null && found.rows.length > page.last) found.rows = found.rows.slice(found.rows.length - page.last);
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
  options: {
    ordering: Ordering;
    page: PageRequest;
    /** Columns of the rows read (not of those counted), over `table`, the name the query reads its rows from. */
    pageColumns?: { table: string; columns: PageColumns };
  },
): Promise<Page<Row>> {
  const { ordering, page } = options;
  const cursors = cursorsOf(ordering, page);
  const withColumns = (read: SelectQueryBuilder<any, any, any>) =>
    options.pageColumns ? read.select(options.pageColumns.columns(options.pageColumns.table) as any) : read;
  if (page.totalCount === false) return fetchPageUncounted(db, query, ordering, page, cursors, withColumns);
  const range = await measureRange(db, query, ordering, cursors);
  const { start, end, lower, upper } = windowOf(range, page);
  const found: Page<Row> = { rows: [], totalCount: range.total, hasPreviousPage: lower > 0, hasNextPage: upper < range.total };
  if (upper <= lower) return found;

  let read = withColumns(query.select(keyTextColumns(ordering) as any));
  if (cursors.after) read = read.where(keysetAfter(ordering.keys, cursors.after));
  if (cursors.before) read = read.where(keysetBefore(ordering.keys, cursors.before));
  // `last` alone reads backwards from the end of the range; otherwise forwards from its start. Either
  // way the offset is 0, or at most `first` when first and last are both given.
  const backward = page.first === null;
  const rows = backward
    ? (await read.orderBy(orderByClause(reversed(ordering.keys)) as never).offset(end - upper).limit(upper - lower).execute()).reverse()
    : await read.orderBy(orderByClause(ordering.keys) as never).offset(lower - start).limit(upper - lower).execute();
  found.rows = rows.map(itemMaker<Row>(ordering) as (raw: unknown) => PageItem<Row>);
  return found;
}

/**
 * fetchPage for a caller that does not read totalCount: one statement reads the page and one row
 * more, which tells whether the range goes on past it. Whether items lie outside the range (before
 * the `after` cursor, after the `before` one) is asked only when pageInfo is read and a cursor given.
 */
async function fetchPageUncounted<Row>(
  db: Kysely<any>,
  query: SelectQueryBuilder<any, any, Row>,
  ordering: Ordering,
  page: PageRequest,
  cursors: Cursors,
  withColumns: (read: SelectQueryBuilder<any, any, any>) => SelectQueryBuilder<any, any, any>,
): Promise<Page<Row>> {
  let read = withColumns(query.select(keyTextColumns(ordering) as any));
  if (cursors.after) read = read.where(keysetAfter(ordering.keys, cursors.after));
  if (cursors.before) read = read.where(keysetBefore(ordering.keys, cursors.before));
  // `last` alone reads backwards from the end of the range; otherwise forwards from its start.
  const backward = page.first === null && page.last !== null;
  const size = backward ? page.last : page.first;
  const ordered = read.orderBy(orderByClause(backward ? reversed(ordering.keys) : ordering.keys) as never);
  // The size as a literal, not a parameter: a prepared statement's generic plan cannot know a
  // parameter's limit and costs it as a tenth of the table, so PostgreSQL would plan every execution.
  let rows = (await (size === null ? ordered : ordered.limit(sql.lit(size + 1))).execute()) as Array<Record<string, unknown>>;
  // A row past the page: the range goes on beyond it (before it, reading backwards).
  const more = size !== null && rows.length > size;
  if (more) rows = rows.slice(0, size);
  if (backward) rows.reverse();
  // first and last together: the last `last` of the first `first`.
  const dropped = !backward && page.last !== null ? Math.max(0, rows.length - page.last) : 0;
  if (dropped > 0) rows = rows.slice(dropped);
  const outside = page.pageInfo === false ? { before: false, after: false } : await itemsOutsideRange(db, query, ordering, cursors);
  return {
    rows: rows.map(itemMaker<Row>(ordering)),
    totalCount: null,
    hasPreviousPage: backward ? more || outside.before : dropped > 0 || outside.before,
    hasNextPage: backward ? outside.after : more || outside.after,
  };
}

/** Whether the list has items at or before the `after` cursor, and at or after the `before` cursor. */
async function itemsOutsideRange(
  db: Kysely<any>,
  query: SelectQueryBuilder<any, any, unknown>,
  ordering: Ordering,
  cursors: Cursors,
): Promise<{ before: boolean; after: boolean }> {
  if (!cursors.after && !cursors.before) return { before: false, after: false };
  const matches = query.clearSelect().select(keyColumns(ordering) as any);
  const keys = keysOver(ordering.keys, (i) => sql.ref(`matches._k${i}`));
  const outside = (inside: RawBuilder<boolean>) => sql<boolean>`exists (select 1 from (${matches}) as matches where (${inside}) is not true)`;
  const found = await db
    .selectNoFrom([
      (cursors.after ? outside(keysetAfter(keys, cursors.after)) : sql<boolean>`false`).as('before'),
      (cursors.before ? outside(keysetBefore(keys, cursors.before)) : sql<boolean>`false`).as('after'),
    ])
    .executeTakeFirstOrThrow();
  return { before: Boolean(found.before), after: Boolean(found.after) };
}

/**
 * The single page of an unpartitioned query in one statement. For ranked search results, whose
 * matching costs more than numbering them, so counting separately would match twice.
 */
export async function fetchWindowPage<Row>(
  db: Kysely<any>,
  query: SelectQueryBuilder<any, any, Row>,
  options: { ordering: Ordering; page: PageRequest; pageColumns?: PageColumns },
): Promise<Page<Row>> {
  const pages = await fetchPages<Row, null>(db, query, options);
  return pages.values().next().value ?? emptyPage<Row>();
}

/** A column worked out for each row of a JSON page (e.g. the row's own nested page), by name. */
export interface NestedColumn {
  name: string;
  /** Its SQL, given the alias under which the page's rows are read. */
  value: (alias: string) => RawBuilder<unknown>;
  /** Turns the value as it arrives (parsed JSON) into what the row should hold. */
  read?: (value: unknown) => unknown;
}

/**
 * The first page of a list tied to a row of an enclosing statement, read as one JSON column of that
 * statement (`column`) and turned back into the page fetchPages would give for `first: size` and no
 * cursor (`read`). Each row travels as a JSON array of its values in a known order, not an object:
 * PostgreSQL builds arrays several times faster than objects with keys, and node parses them faster.
 */
export interface JsonPage<Row> {
  column: RawBuilder<unknown>;
  read: (json: unknown) => Page<Row>;
}

/**
 * `query` must select exactly `columns` (names as in its rows; "end.column" for a joined neighbour,
 * gathered into row[end] as fetchPages does with `joined`). Nested columns are worked out only for the
 * rows on the page, not for the row read past it to tell whether the list goes on.
 */
export function jsonPage<Row>(
  query: SelectQueryBuilder<any, any, any>,
  options: {
    ordering: Ordering;
    size: number;
    columns: readonly string[];
    nested?: readonly NestedColumn[];
    joined?: readonly string[];
    /** Whether the query reads cursors (edges' or pageInfo's); when not, their key texts are not read. */
    cursors?: boolean;
  },
): JsonPage<Row> {
  const { ordering, size, columns } = options;
  const nested = options.nested ?? [];
  const withCursors = options.cursors ?? true;
  const texts = withCursors ? ordering.keys.map((_key, i) => `_c${i}`) : [];
  const listed = query
    .select([...(withCursors ? keyTextColumns(ordering) : []), sql`row_number() over (order by ${orderByClause(ordering.keys)})`.as('_n')] as any)
    .orderBy(orderByClause(ordering.keys) as never)
    .limit(sql.lit(size + 1));
  const values = [
    ...[...columns, ...texts].map((name) => sql`${sql.id('listed', name)}`),
    ...nested.map((column) => sql`case when listed._n <= ${sql.lit(size)} then ${column.value('listed')} end`),
  ];
  const names = [...columns, ...texts, ...nested.map((column) => column.name)];
  const toRow = rowShaper<Row>(options.joined ?? [], new Set(texts));
  return {
    column: sql`(select coalesce(json_agg(json_build_array(${sql.join(values)}) order by listed._n), '[]'::json) from (${listed}) as listed)`,
    read: (json) => {
      const arrays = json as unknown[][];
      const rows = arrays.slice(0, size).map((values) => {
        const raw: Record<string, unknown> = {};
        names.forEach((name, i) => (raw[name] = values[i]));
        for (const column of nested) if (column.read) raw[column.name] = column.read(raw[column.name]);
        // Without key texts the item has no cursor to give; the planner asks for them whenever one is read.
        return new PageItem(toRow(raw), ordering, withCursors ? texts.map((name) => (raw[name] ?? null) as KeyValue) : []);
      });
      return { rows, totalCount: null, hasPreviousPage: false, hasNextPage: arrays.length > size };
    },
  };
}
