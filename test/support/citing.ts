// Helpers for the claim and relation mutation tests: calling a mutation with a token, proving a
// refusal wrote nothing, and finding corpus rows and quotes by what they are.
import { expect } from 'vitest';
import { sql } from 'kysely';
import { globalIdOf } from '../../src/builder.ts';
import type { TestApp } from './app.ts';
import { bearer } from './tokens.ts';

/** The tables a claim or relation write touches. */
export const WRITTEN_TABLES = ['claims', 'claim_subjects', 'relations', 'citations', 'audit_events'] as const;

/** Row count and a digest of every row of each table, so an update shows as well as an insert. */
export async function tableState(app: TestApp): Promise<Record<string, { rows: number; digest: string }>> {
  const state: Record<string, { rows: number; digest: string }> = {};
  for (const table of WRITTEN_TABLES) {
    const { rows } = await sql<{ rows: number; digest: string }>`
      select count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest
      from ${sql.table(table)} as t`.execute(app.db);
    state[table] = rows[0]!;
  }
  return state;
}

/** Runs `act` and checks that none of the written tables changed. */
export async function expectNothingWritten<T>(app: TestApp, act: () => Promise<T>): Promise<T> {
  const before = await tableState(app);
  const result = await act();
  expect(await tableState(app)).toEqual(before);
  return result;
}

/** A mutation sent with the given Authorization (a token, or none), and optionally a request id. */
export async function mutate(
  app: TestApp,
  token: string | null,
  query: string,
  variables: Record<string, unknown>,
  requestId?: string,
): Promise<any> {
  const headers = { ...(token === null ? {} : bearer(token)), ...(requestId ? { 'x-request-id': requestId } : {}) };
  const response = await app.post({ query, variables }, headers);
  return response.json();
}

export async function entityId(app: TestApp, slug: string): Promise<number> {
  const row = await app.db.selectFrom('entities').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  return row.id;
}

export const entityGlobalId = async (app: TestApp, slug: string) => globalIdOf('Entity', await entityId(app, slug));

export async function article(app: TestApp, sourceKey: string): Promise<{ id: number; globalId: string; body: string }> {
  const row = await app.db.selectFrom('articles').select(['id', 'body']).where('source_key', '=', sourceKey).executeTakeFirstOrThrow();
  return { ...row, globalId: globalIdOf('Article', row.id) };
}

/** Start offsets (in code points, as the API counts) of every occurrence of the quote, overlapping ones included. */
export function occurrencesOf(body: string, quote: string): number[] {
  const offsets: number[] = [];
  for (let index = body.indexOf(quote); index !== -1; index = body.indexOf(quote, index + 1)) {
    offsets.push([...body.slice(0, index)].length);
  }
  return offsets;
}

/** The audit events of one target, oldest first. */
export function auditEventsOf(app: TestApp, targetType: 'Claim' | 'Relation', targetId: number) {
  return app.db
    .selectFrom('audit_events')
    .selectAll()
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .orderBy('id')
    .execute();
}

/** The database id inside a global ID. */
export function idOf(globalId: string): number {
  return Number(Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]);
}
