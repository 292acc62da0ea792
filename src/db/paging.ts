// Relay-style paging done in SQL: one statement pages many parents at once (window functions),
// so a nested connection costs one query however many parents and rows there are.
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';

/** A validated page request: offsets are 0-based positions in the ordered list. */
export interface PageRequest {
  first: number | null;
  last: number | null;
  /** Rows strictly after this offset. */
  afterOffset: number | null;
  /** Rows strictly before this offset. */
  beforeOffset: number | null;
}

export interface Page<Row> {
  rows: Array<{ row: Row; offset: number }>;
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export const emptyPage = <Row>(): Page<Row> => ({ rows: [], totalCount: 0, hasNextPage: false, hasPreviousPage: false });

interface PagingColumns {
  _partition: unknown;
  _offset: number;
  _total: number;
  _in_window: boolean;
}

/**
 * Runs `query` ordered by `orderBy`, numbered within each `partitionBy` group, and returns the
 * requested window of every group. The first row of each group is always read so that a group
 * whose window is empty still reports its total.
 */
export async function fetchPages<Row, Key>(
  db: Kysely<any>,
  query: SelectQueryBuilder<any, any, Row>,
  options: { partitionBy?: RawBuilder<Key>; orderBy: RawBuilder<unknown>; page: PageRequest },
): Promise<Map<Key, Page<Row>>> {
  const { first, last, afterOffset, beforeOffset } = options.page;
  const partition = options.partitionBy ?? sql<Key>`null`;
  const over = options.partitionBy
    ? sql`partition by ${partition} order by ${options.orderBy}`
    : sql`order by ${options.orderBy}`;
  const numbered = query.select([
    sql<Key>`${partition}`.as('_partition'),
    sql<number>`(row_number() over (${over}) - 1)::int`.as('_offset'),
    sql<number>`(count(*) over (${options.partitionBy ? sql`partition by ${partition}` : sql``}))::int`.as('_total'),
  ] as any);

  // The window's bounds depend on each group's total (for `last` and `before`), so they are SQL.
  const lower0 = afterOffset === null ? 0 : afterOffset + 1;
  const upper0 = beforeOffset === null ? sql`_total` : sql`least(${sql.lit(beforeOffset)}, _total)`;
  const upper = first === null ? upper0 : sql`least(${upper0}, ${sql.lit(lower0 + first)})`;
  const lower = last === null ? sql.lit(lower0) : sql`greatest(${sql.lit(lower0)}, ${upper} - ${sql.lit(last)})`;

  const result = await sql<Row & PagingColumns>`
    select * from (select paged.*, (_offset >= ${lower} and _offset < ${upper}) as _in_window
                   from (${numbered}) as paged) as windowed
    where _in_window or _offset = 0
    order by _offset`.execute(db);

  const pages = new Map<Key, Page<Row>>();
  for (const raw of result.rows) {
    const { _partition, _offset, _total, _in_window, ...row } = raw;
    let page = pages.get(_partition as Key);
    if (!page) {
      page = { rows: [], totalCount: _total, hasNextPage: false, hasPreviousPage: false };
      pages.set(_partition as Key, page);
    }
    if (_in_window) page.rows.push({ row: row as Row, offset: _offset });
  }
  for (const page of pages.values()) setPageFlags(page, options.page);
  return pages;
}

/** hasNextPage / hasPreviousPage from the rows a page holds and its request. */
function setPageFlags<Row>(page: Page<Row>, request: PageRequest): void {
  const firstRow = page.rows[0];
  const lastRow = page.rows[page.rows.length - 1];
  if (firstRow && lastRow) {
    page.hasPreviousPage = firstRow.offset > 0;
    page.hasNextPage = lastRow.offset < page.totalCount - 1;
  } else {
    page.hasPreviousPage = request.afterOffset !== null && page.totalCount > 0;
    page.hasNextPage = request.beforeOffset !== null && request.beforeOffset > 0 && page.totalCount > 0;
  }
}

/** The window [lower, upper) of a list of `total` items that a request asks for (as the SQL above). */
function windowOf(total: number, request: PageRequest): { lower: number; upper: number } {
  const lower0 = request.afterOffset === null ? 0 : request.afterOffset + 1;
  const upper0 = request.beforeOffset === null ? total : Math.min(request.beforeOffset, total);
  const upper = request.first === null ? upper0 : Math.min(upper0, lower0 + request.first);
  const lower = request.last === null ? lower0 : Math.max(lower0, upper - request.last);
  return { lower, upper: Math.max(lower, upper) };
}

/**
 * One page of a top-level list in two statements: count the matches, then read only the page
 * with ORDER BY ... OFFSET ... LIMIT, which an index on the order can serve without sorting
 * every match (one statement numbering all matches costs in proportion to the table).
 */
export async function fetchPage<Row>(
  db: Kysely<any>,
  query: SelectQueryBuilder<any, any, Row>,
  options: { orderBy: RawBuilder<unknown>; page: PageRequest },
): Promise<Page<Row>> {
  const counted = await db
    .selectFrom(query.clearSelect().select(sql.lit(1).as('one')).as('matches'))
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirstOrThrow();
  const totalCount = Number(counted.total);
  const { lower, upper } = windowOf(totalCount, options.page);
  const rows =
    upper > lower ? await query.orderBy(options.orderBy as never).offset(lower).limit(upper - lower).execute() : [];
  const page: Page<Row> = {
    rows: rows.map((row, index) => ({ row: row as Row, offset: lower + index })),
    totalCount,
    hasNextPage: false,
    hasPreviousPage: false,
  };
  setPageFlags(page, options.page);
  return page;
}

/**
 * The single page of an unpartitioned query in one statement. For ranked search results, whose
 * matching costs more than numbering them, so counting separately would match twice.
 */
export async function fetchWindowPage<Row>(
  db: Kysely<any>,
  query: SelectQueryBuilder<any, any, Row>,
  options: { orderBy: RawBuilder<unknown>; page: PageRequest },
): Promise<Page<Row>> {
  const pages = await fetchPages<Row, null>(db, query, options);
  return pages.values().next().value ?? emptyPage<Row>();
}
