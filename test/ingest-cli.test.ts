// npm run ingest on files: metadata from options, front matter and sidecar files, a progress line per
// file and a summary table, the same pipeline and write as the mutation (audited as cli:<user>), and
// the same files again reported as existing. On PGlite (a data folder of its own) or PostgreSQL.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createDatabase } from '../src/db/client.ts';
import type { Database } from '../src/db/types.ts';
import { cleanArticle } from '../src/ingest/clean.ts';
import { onServer } from './support/app.ts';
import { tableCounts } from './support/counts.ts';

const dir = mkdtempSync(join(tmpdir(), 'corridor-ingest-'));
let databaseEnv: Record<string, string>;
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
  if (onServer) {
    const name = `corridor_cli_${process.pid}_${randomBytes(4).toString('hex')}`;
    await admin(`create database ${name}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    databaseEnv = { DATABASE_URL: url.toString() };
    dropDatabase = () => admin(`drop database if exists ${name} with (force)`);
  } else {
    databaseEnv = { DATABASE_URL: '', PGLITE_DIR: join(dir, 'pglite') };
  }
});
afterAll(async () => {
  await dropDatabase();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function ingest(...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '-s', 'ingest', '--', ...args], {
      cwd: new URL('../', import.meta.url),
      env: { ...process.env, ...databaseEnv, LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The database the CLI wrote, opened after it exited (PGlite's folder belongs to one process at a time). */
async function withDatabase<T>(read: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const db = await createDatabase(loadConfig({ ...databaseEnv, LOG_LEVEL: 'silent' }));
  try {
    return await read(db);
  } finally {
    await db.destroy();
  }
}

const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

// Texts written for this test.
const PLAIN = `Almaty, June 3 -- Freight trains from Xi'an to Almaty carried about 8,500 TEU in May, the railway said.

Northern Steppe Freight LLC said it would add two weekly services.`;
const FRONT_MATTER = `---
title: Khorgos crossings up
published: 2025-06-20
url: https://news.example.org/khorgos-crossings
byline: A. Reporter
---
Khorgos, June 20 -- Trucks crossing at Khorgos rose 12 percent in the first five months of this year.
`;

describe('npm run ingest', () => {
  let plain: string;
  let fronted: string;

  it('ingests two files, one with front matter, with a line per file and a summary table', async () => {
    plain = file('plain.txt', PLAIN);
    fronted = file('fronted.md', FRONT_MATTER);
    const run = await ingest(plain, fronted, '--publisher', 'Corridor Wire');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^loaded the bundled corpus into the empty database first$/m);
    expect(run.stdout).toMatch(new RegExp(
      `^\\[1/2\\] ${plain}: created \\S+ ".*": \\d+ mentions?, \\d+ candidate entit(y|ies), \\d+ candidate claims?, \\d+ candidate relations? \\(\\d+\\.\\d s\\)$`,
      'm',
    ));
    expect(run.stdout).toMatch(new RegExp(`^\\[2/2\\] ${fronted}: created \\S+ "Khorgos crossings up": .*metadata from front matter\\)$`, 'm'));
    expect(run.stdout).toMatch(/^file\s+result\s+article\s+mentions\s+entities\s+claims\s+relations\s+title \/ problem$/m);
    expect(run.stdout).toMatch(/^2 files: 2 created, 0 existing, 0 failed$/m);

    await withDatabase(async (db) => {
      const articles = await db.selectFrom('articles').selectAll().where('source_key', 'like', 'ingest_%').orderBy('id').execute();
      expect(articles).toHaveLength(2);
      expect(articles[0]).toMatchObject({ publisher: 'Corridor Wire', url: null, body: cleanArticle(PLAIN).body });
      // The front matter is metadata, not text.
      expect(articles[1]).toMatchObject({
        title: 'Khorgos crossings up', byline: 'A. Reporter', published_on: '2025-06-20',
        url: 'https://news.example.org/khorgos-crossings', publisher: 'Corridor Wire', metadata_from_text: [],
      });
      expect(articles[1]!.raw_text).not.toContain('---');
      expect(articles[1]!.body).toMatch(/^Khorgos, June 20/);
      // The same pipeline as the mutation: mentions of corpus entities, candidates, audit events by the OS user.
      const mentioned = await db.selectFrom('article_mentions').innerJoin('entities', 'entities.id', 'article_mentions.entity_id')
        .select('entities.slug').where('article_mentions.article_id', '=', articles[0]!.id).execute();
      expect(mentioned.map((m) => m.slug)).toEqual(expect.arrayContaining(['xian', 'almaty']));
      const claims = await db.selectFrom('claims').innerJoin('citations', 'citations.claim_id', 'claims.id')
        .select(['claims.value', 'claims.unit', 'claims.hedge', 'claims.status']).where('citations.article_id', '=', articles[0]!.id).execute();
      expect(claims).toContainEqual({ value: 8500, unit: 'TEU', hedge: 'about', status: 'candidate' });
      const events = await db.selectFrom('audit_events').select(['actor', 'role']).distinct().where('action', '=', 'ingestArticle').execute();
      expect(events).toEqual([{ actor: `cli:${userInfo().username}`, role: 'editor' }]);
    });
  }, 120_000);

  it('reports both as existing when run again, and writes nothing', async () => {
    const before = await withDatabase((db) => tableCounts(db));
    const run = await ingest(plain, fronted, '--publisher', 'Corridor Wire');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/loaded the bundled corpus/);
    expect(run.stdout).toMatch(new RegExp(`^\\[1/2\\] ${plain}: exists already as \\S+`, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^\\[2/2\\] ${fronted}: exists already as \\S+ "Khorgos crossings up"`, 'm'));
    expect(run.stdout).toMatch(/^2 files: 0 created, 2 existing, 0 failed$/m);
    expect(await withDatabase((db) => tableCounts(db))).toEqual(before);
  }, 120_000);

  it('reads a sidecar file, reports a bad file as failed (exit 1) and still ingests the others', async () => {
    const sidecarred = file('sidecar.txt', 'Urumqi, July 1 -- A new freight route from Urumqi to Tashkent opened, officials said.');
    file('sidecar.txt.json', JSON.stringify({ title: 'Urumqi route', published: '2025-07-01', publisher: 'Tianshan Daily' }));
    const badUrl = file('bad.txt', '---\nurl: ftp://example.org/x\n---\nSome text about Khorgos.\n');
    const unknownKey = file('typo.txt', '---\ntitel: Misspelt\n---\nSome other text about Almaty.\n');
    const before = await withDatabase((db) => tableCounts(db));
    const run = await ingest(badUrl, sidecarred, unknownKey, join(dir, 'missing.txt'));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^\\[1/4\\] ${badUrl}: failed: url: Only http:// and https:// URLs are accepted`, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^\\[2/4\\] ${sidecarred}: created \\S+ "Urumqi route".*metadata from sidecar\\.txt\\.json\\)$`, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^\\[3/4\\] ${unknownKey}: failed: front matter: unknown key "titel"`, 'm'));
    expect(run.stdout).toMatch(/^\[4\/4\] .*missing\.txt: failed: no such file$/m);
    expect(run.stdout).toMatch(/^4 files: 1 created, 0 existing, 3 failed$/m);
    const after = await withDatabase((db) => tableCounts(db));
    expect(after.articles).toBe(before.articles! + 1);
    const stored = await withDatabase((db) => db.selectFrom('articles').selectAll().where('title', '=', 'Urumqi route').executeTakeFirstOrThrow());
    expect(stored).toMatchObject({ publisher: 'Tianshan Daily', published_on: '2025-07-01' });
  }, 120_000);

  it('refuses --url or --title with several files, and prints its usage without files', async () => {
    const run = await ingest(join(dir, 'plain.txt'), join(dir, 'fronted.md'), '--url', 'https://example.org/one');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--title and --url name one article/);
    const bare = await ingest();
    expect(bare.code).toBe(2);
    expect(bare.stdout).toMatch(/^usage: npm run ingest -- FILE\.\.\./);
  }, 60_000);
});
