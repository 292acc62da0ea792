// Reads outside transactions run as named prepared statements on PostgreSQL (src/db/prepared.ts):
// each distinct text is prepared once per connection; statements in transactions are not; a read
// prepared before its table was altered is prepared afresh instead of failing.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatementNames, transactionStateAfter } from '../src/db/prepared.ts';
import { createTestApp, onServer, type TestApp } from './support/app.ts';

describe('statement names', () => {
  it('names reads only, the same text the same name, up to the limit', () => {
    const names = new StatementNames(2);
    const first = names.nameOf('select 1');
    expect(first).toMatch(/^cg_[0-9a-f]{24}$/);
    expect(names.nameOf('select 1')).toBe(first);
    expect(names.nameOf('  WITH x as (select 1) select * from x')).not.toBeNull();
    expect(names.nameOf('select 2')).toBeNull();
    expect(names.nameOf('select 1')).toBe(first);
    expect(new StatementNames().nameOf('insert into t values (1)')).toBeNull();
    expect(new StatementNames().nameOf('update t set a = 1')).toBeNull();
  });

  it('follows transactions from the statements sent', () => {
    expect(transactionStateAfter('begin', false)).toBe(true);
    expect(transactionStateAfter('start transaction isolation level serializable', false)).toBe(true);
    expect(transactionStateAfter('select 1', true)).toBe(true);
    expect(transactionStateAfter('rollback to savepoint s1', true)).toBe(true);
    expect(transactionStateAfter('commit', true)).toBe(false);
    expect(transactionStateAfter('rollback', true)).toBe(false);
    expect(transactionStateAfter('select 1', false)).toBe(false);
  });
});

describe.skipIf(!onServer)('prepared statements on PostgreSQL', () => {
  let app: TestApp;
  beforeAll(async () => {
    // One connection, so every statement below runs in the session whose prepared statements are read.
    app = await createTestApp({ env: { DATABASE_POOL_SIZE: '1' } });
  });
  afterAll(() => app?.close());

  const preparedTexts = async () => {
    // Read inside a transaction: not itself prepared.
    const rows = await app.db.transaction().execute((trx) => sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(trx));
    return rows.rows.map((row) => row.statement);
  };

  it('prepares a read once and reuses it; leaves statements in transactions unprepared', async () => {
    for (let i = 0; i < 3; i++) await sql`select count(*) from entities where kind = ${'city'}`.execute(app.db);
    await app.db.transaction().execute((trx) => sql`select count(*) from claims where unit = ${'TEU'}`.execute(trx));
    const texts = await preparedTexts();
    expect(texts.filter((text) => text.includes('from entities where kind'))).toHaveLength(1);
    expect(texts.some((text) => text.includes('from claims where unit'))).toBe(false);
    expect(texts.some((text) => text.includes('pg_prepared_statements'))).toBe(false);
  });

  it('a read prepared before its table changed is prepared again, not refused', async () => {
    await sql`create table prepared_probe (a int)`.execute(app.db);
    await sql`insert into prepared_probe values (1)`.execute(app.db);
    const read = () => sql<Record<string, unknown>>`select * from prepared_probe`.execute(app.db);
    expect((await read()).rows).toEqual([{ a: 1 }]);
    await sql`alter table prepared_probe add column b text default 'x'`.execute(app.db);
    expect((await read()).rows).toEqual([{ a: 1, b: 'x' }]);
    expect((await read()).rows).toEqual([{ a: 1, b: 'x' }]);
  });
});
