// Bad input gets a clear, typed GraphQL error or null, never an HTTP 500, a stack trace or SQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, onServer, type TestApp } from './support/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ corpus: true });
});
afterAll(() => app?.close());

const toId = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

async function send(query: string, variables?: Record<string, unknown>) {
  const response = await app.post({ query, variables });
  expect(response.status).toBeLessThan(500);
  const text = await response.text();
  expect(text).not.toMatch(/\bselect\b|\bfrom "|stack|node_modules|\.ts:\d+/i);
  return { status: response.status, body: JSON.parse(text) };
}

describe('IDs', () => {
  const NODE = `query($id: ID!) { node(id: $id) { id } }`;
  for (const [name, id] of [
    ['not base64 at all', '%%%'],
    ['base64 of garbage', toId('hello')],
    ['an unknown type', toId('Spaceship:1')],
    ['a non-numeric id', toId('Entity:abc')],
    ['a zero id', toId('Entity:0')],
    ['an empty string', ''],
  ]) {
    it(`${name} gives INVALID_ID`, async () => {
      const { body } = await send(NODE, { id });
      expect(body.errors[0].extensions.code).toBe('INVALID_ID');
      expect(body.errors[0].message).toMatch(/not a valid ID/);
    });
  }

  it('a well-formed ID of a row that does not exist gives null', async () => {
    const { body } = await send(NODE, { id: toId('Claim:987654') });
    expect(body.errors).toBeUndefined();
    expect(body.data.node).toBeNull();
  });
});

describe('lookups', () => {
  it('an unknown slug gives null without an error', async () => {
    const { body } = await send(`{ entity(slug: "atlantis") { name } }`);
    expect(body).toEqual({ data: { entity: null }, extensions: { cost: { requested: 1, limit: expect.any(Number) } } });
  });

  it('an unknown enum value is a validation error', async () => {
    const { status, body } = await send(`{ entities(kind: SPACESHIP) { totalCount } }`);
    expect(status).toBeLessThan(500);
    expect(body.errors[0].message).toMatch(/SPACESHIP/);
  });

  it('a date that is not a calendar date is rejected', async () => {
    const { body } = await send(`query($d: Date) { articles(publishedFrom: $d) { totalCount } }`, { d: '2025-02-30' });
    expect(body.errors[0].message).toMatch(/YYYY-MM-DD/);
  });

  it('an unknown slug in a filter is a clear error, not an empty list', async () => {
    const { body } = await send(`{ relations(subject: "atlantis") { totalCount } }`);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/no entity has the slug "atlantis"/);
  });

  it('a syntax error is a 400 with a message, not a 500', async () => {
    const { status, body } = await send(`{ entities(first: ) }`);
    expect(status).toBeLessThan(500);
    expect(body.errors[0].message).toMatch(/Syntax Error/);
  });
});

describe('unexpected failures', () => {
  it('a database failure is masked as "Unexpected error." and the server keeps serving', async () => {
    await app.db.schema.alterTable('claims').renameTo('claims_away').execute();
    try {
      const { body } = await send(`{ claims(first: 1) { totalCount } }`);
      expect(body.errors[0].message).toBe('Unexpected error.');
    } finally {
      await app.db.schema.alterTable('claims_away').renameTo('claims').execute();
    }
    const { body } = await send(`{ claims(first: 1) { totalCount } }`);
    expect(body.data.claims.totalCount).toBeGreaterThan(0);
  });

  it.runIf(onServer)('a pooled connection the server terminates does not end the process', async () => {
    // Concurrent requests open several pooled connections, left idle afterwards.
    await Promise.all([1, 2, 3].map(() => app.db.selectFrom('claims').select(sql`pg_sleep(0.05)`.as('pause')).limit(1).execute()));
    // Ends every other session on this test database, including the pool's idle ones.
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
              where datname = current_database() and pid <> pg_backend_pid()`.execute(app.db);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { body } = await send(`{ claims(first: 1) { totalCount } }`);
    expect(body.data.claims.totalCount).toBeGreaterThan(0);
  });
});
