// The ingest migration on a database that already holds articles: their content hashes, until then
// over the raw text, become the hash of the normalised clean body, computed in SQL exactly as
// src/ingest/content-hash.ts computes it, so a stored article is recognised when ingested again.
import { createHash, randomBytes } from 'node:crypto';
import { Migrator, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrations } from '../db/migrations/index.ts';
import { loadConfig } from '../src/config.ts';
import { createDatabase } from '../src/db/client.ts';
import type { Database } from '../src/db/types.ts';
import { contentHash } from '../src/ingest/content-hash.ts';
import { planCorpus, readCorpusFiles } from '../src/ingest/corpus.ts';
import { CORPUS_DIR } from '../src/ingest/load-corpus.ts';
import { onServer } from './support/app.ts';

const BEFORE_INGEST = '2026-11-29-01-curation';

let db: Kysely<Database>;
let dropDatabase = async () => {};

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  let databaseUrl: string | undefined;
  if (onServer) {
    const name = `corridor_migration_${process.pid}_${randomBytes(4).toString('hex')}`;
    await admin(`create database ${name}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = () => admin(`drop database if exists ${name} with (force)`);
  }
  db = await createDatabase(loadConfig({ ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), PGLITE_DIR: 'memory' }));
});
afterAll(async () => {
  await db?.destroy();
  await dropDatabase();
});

const migrator = () => new Migrator({ db, provider: { getMigrations: async () => migrations } });

it('rehashes stored articles over their normalised clean body, as the code does', async () => {
  expect((await migrator().migrateTo(BEFORE_INGEST)).error).toBeUndefined();
  const plan = planCorpus(await readCorpusFiles(CORPUS_DIR));
  // As the loader stored them before: the hash of the raw text. One more body with odd spacing.
  const odd = { sourceKey: 'odd', rawText: 'x', body: 'Ｋhorgos\u00a0 port\u3000handled\tmore  ﬁgures. ' };
  for (const article of [...plan.articles, odd]) {
    await db
      .insertInto('articles')
      .values({
        source_key: article.sourceKey, publisher: 'Test', raw_text: article.rawText, body: article.body,
        content_hash: createHash('sha256').update(article.rawText).digest('hex'),
      } as never)
      .execute();
  }
  const results = await migrator().migrateToLatest();
  expect(results.error).toBeUndefined();
  const rows = await db.selectFrom('articles').select(['source_key', 'body', 'content_hash']).execute();
  expect(rows).toHaveLength(plan.articles.length + 1);
  for (const row of rows) expect(row.content_hash, row.source_key).toBe(contentHash(row.body));
  // The loader now computes the same hashes, so loading the corpus again changes none.
  for (const article of plan.articles) expect(article.contentHash).toBe(contentHash(article.body));
});
