// Ingesting a new article through GraphQL, end to end: stored cleaned, known entities linked with
// offsets that slice the body, new names, figures and relations proposed as candidates that
// Article.claims(status: CANDIDATE), Article.mentions and reviewQueue show and the review mutations
// settle; the same article again, ten at once; refusals and failures that write nothing.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { cleanArticle } from '../src/ingest/clean.ts';
import { contentHash } from '../src/ingest/content-hash.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { tableCounts } from './support/counts.ts';
import { mutate } from './support/citing.ts';
import { listenOnLoopback } from './support/listen.ts';
import { createToken } from './support/tokens.ts';

// Written for this test: real corridor places and operators, a company and figures made up.
const ARTICLE = `Caspian Bridge Logistics LLC opens Almaty hub as rail cargo to Kazakhstan climbs

ALMATY, May 12 (Corridor Wire) -- Caspian Bridge Logistics LLC on Monday opened a container hub near Almaty, the company said.

The hub can handle up to 150,000 TEU a year, according to the company.

Freight trains between Xi'an and Almaty carried more than 12,000 TEU in the first four months of this year, according to Kazakhstan's railway operator KTZ.

Traders in Almaty said the new hub would shorten the wait for containers arriving from China, where the crossing at Khorgos has been congested since the spring. The company said it planned to hire local staff and to add a second warehouse once volumes allow, without giving a date or a budget for either.

Khorgos and Xi'an are sister cities, and Urumqi and Almaty are sister cities too.

Officials in both cities have promoted the corridor for a decade. Shippers say the rail route through Kazakhstan remains slower than the sea route for bulky goods but far faster for electronics, car parts and fresh produce, and that the customs formalities at the border have become simpler since last year.

Back to top
Share
Copyright 2025 Corridor Wire`;

const RESULT = `__typename
  ... on IngestArticlePayload {
    created
    counts { mentions candidateEntities candidateClaims candidateRelations }
    article { id title publisher byline publishedAt url language body contentHash collectedAt metadataFromText }
  }
  ... on ValidationError { message field }
  ... on Error { message }`;
const INGEST = `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { ${RESULT} } }`;

const ARTICLE_READ = `query ($id: ID!) { node(id: $id) { ... on Article {
  body
  mentions(first: 100) { totalCount edges { node { text startOffset endOffset entity { id slug name kind status } } } }
  candidates: claims(status: CANDIDATE, first: 100) { totalCount edges { node {
    id key metric value unit hedge status period { start end text }
    subjects { role entity { slug status } } citations { quote startOffset endOffset article { id } }
    history { action actor }
  } } }
  curated: claims { totalCount }
} } }`;

let app: TestApp;
let editor: string;

beforeAll(async () => {
  app = await createTestApp({ corpus: true });
  editor = await createToken(app.db, 'ingest-editor', 'editor');
});
afterAll(() => app?.close());

const ingest = (input: Record<string, unknown>, token: string | null = editor) => mutate(app, token, INGEST, { input });

/** The characters of the body from start to end (code points, as the API counts). */
const slice = (body: string, start: number, end: number) => Array.from(body).slice(start, end).join('');

describe('an editor ingests a new article', () => {
  let payload: any;
  let read: any;

  beforeAll(async () => {
    const response = await ingest({ text: ARTICLE, publishedAt: '2025-05-12', url: 'https://www.corridor-wire.example/2025/05/12/almaty-hub#top' });
    payload = response.data.ingestArticle;
    read = (await app.graphql(ARTICLE_READ, { id: payload.article?.id })).data?.node;
  });

  it('is created, stored cleaned, with its metadata and the URL host as publisher', () => {
    expect(payload.__typename).toBe('IngestArticlePayload');
    expect(payload.created).toBe(true);
    // Longer than STRING_LIMIT, which caps every other string argument.
    expect(ARTICLE.length).toBeGreaterThan(1000);
    const body = cleanArticle(ARTICLE).body;
    expect(payload.article).toMatchObject({
      body,
      contentHash: contentHash(body),
      publishedAt: '2025-05-12',
      url: 'https://www.corridor-wire.example/2025/05/12/almaty-hub',
      publisher: 'corridor-wire.example',
      language: 'en',
    });
    expect(body).not.toMatch(/Back to top|Copyright/);
    expect(payload.article.metadataFromText).not.toContain('publishedAt');
    expect(Date.now() - Date.parse(payload.article.collectedAt)).toBeLessThan(60_000);
  });

  it('links the known entities it names, each mention slicing the body exactly', () => {
    const mentions = read.mentions.edges.map((edge: any) => edge.node);
    expect(read.mentions.totalCount).toBe(payload.counts.mentions);
    expect(mentions.length).toBeGreaterThan(0);
    for (const mention of mentions) expect(slice(read.body, mention.startOffset, mention.endOffset)).toBe(mention.text);
    const slugs = new Set(mentions.map((m: any) => m.entity.slug));
    for (const slug of ['almaty', 'xian', 'kazakhstan', 'khorgos', 'urumqi']) expect(slugs, slug).toContain(slug);
    // Body order.
    const starts = mentions.map((m: any) => m.startOffset);
    expect(starts).toEqual([...starts].sort((a: number, b: number) => a - b));
  });

  it('proposes the new company as a candidate entity, mentioned where it is named', async () => {
    const mentions = read.mentions.edges.map((edge: any) => edge.node).filter((m: any) => m.text === 'Caspian Bridge Logistics LLC');
    expect(mentions.length).toBeGreaterThanOrEqual(2);
    expect(mentions[0].entity).toMatchObject({ name: 'Caspian Bridge Logistics LLC', kind: 'COMPANY', status: 'CANDIDATE' });
    expect(payload.counts.candidateEntities).toBeGreaterThanOrEqual(1);
    const queue = await app.graphql(`{ reviewQueue(kind: ENTITY, first: 100) { edges { node { ... on Entity { id name } } } } }`);
    expect(queue.data.reviewQueue.edges.map((e: any) => e.node.id)).toContain(mentions[0].entity.id);
  });

  it('proposes its figures as candidate claims with value, unit, hedge, period, subjects and a checked quote', () => {
    const claims = read.candidates.edges.map((edge: any) => edge.node);
    expect(read.candidates.totalCount).toBe(payload.counts.candidateClaims);
    for (const claim of claims) {
      expect(claim.status).toBe('CANDIDATE');
      expect(claim.key).toMatch(/^ingest:\d+:\d+$/);
      const [citation] = claim.citations;
      expect(citation.article.id).toBe(payload.article.id);
      expect(slice(read.body, citation.startOffset, citation.endOffset)).toBe(citation.quote);
      expect(claim.history).toEqual([{ action: 'ingestArticle', actor: 'ingest-editor' }]);
    }
    const trains = claims.find((c: any) => c.value === 12000);
    expect(trains).toMatchObject({ unit: 'TEU', hedge: 'MORE_THAN', period: { start: '2025-01-01', end: '2025-04-30' } });
    expect(trains.citations[0].quote).toContain('more than 12,000 TEU');
    expect(trains.subjects.map((s: any) => s.entity.slug)).toEqual(expect.arrayContaining(['xian', 'almaty']));
    const capacity = claims.find((c: any) => c.value === 150000);
    expect(capacity).toMatchObject({ unit: 'TEU', hedge: 'UP_TO' });
    // Candidates stay out of the default (curated) reads.
    expect(read.curated.totalCount).toBe(0);
  });

  it('proposes a new relation as a candidate, and leaves the one already curated alone', async () => {
    expect(payload.counts.candidateRelations).toBeGreaterThanOrEqual(1);
    const { rows } = await sql<{ kind: string; status: string; ends: string }>`
      select relations.kind, relations.status, s.slug || ' ' || o.slug as ends
      from citations join relations on relations.id = citations.relation_id
      join entities s on s.id = relations.subject_id join entities o on o.id = relations.object_id
      where citations.article_id = ${idOfArticle(payload.article.id)}`.execute(app.db);
    expect(rows).toContainEqual({ kind: 'sister_city_of', status: 'candidate', ends: expect.stringMatching(/^(khorgos xian|xian khorgos)$/) });
    // Urumqi and Almaty are curated sister cities already: not proposed, not cited from here.
    expect(rows.filter((r) => r.ends.includes('urumqi'))).toEqual([]);
    const queue = await app.graphql(`{ reviewQueue(kind: RELATION, first: 100) { totalCount } }`);
    expect(queue.data.reviewQueue.totalCount).toBeGreaterThanOrEqual(1);
  });

  it('its candidates can be reviewed with the curation mutations', async () => {
    const claim = read.candidates.edges.find((edge: any) => edge.node.value === 12000).node;
    const reviewed = await mutate(app, editor, `mutation ($id: ID!) { reviewClaim(input: {id: $id, decision: ACCEPT, reason: "Checked against the article."}) {
      __typename ... on ReviewClaimPayload { claim { status } } ... on Error { message } } }`, { id: claim.id });
    expect(reviewed.data.reviewClaim).toEqual({ __typename: 'ReviewClaimPayload', claim: { status: 'CURATED' } });
    const after = await app.graphql(`query ($id: ID!) { node(id: $id) { ... on Article { claims { totalCount edges { node { id } } } } } }`, { id: payload.article.id });
    expect(after.data.node.claims.edges.map((e: any) => e.node.id)).toEqual([claim.id]);

    const company = read.mentions.edges.find((edge: any) => edge.node.text === 'Caspian Bridge Logistics LLC').node.entity;
    const entity = await mutate(app, editor, `mutation ($id: ID!) { reviewEntity(input: {id: $id, decision: ACCEPT, reason: "A real company."}) {
      __typename ... on ReviewEntityPayload { entity { status } } ... on Error { message } } }`, { id: company.id });
    expect(entity.data.reviewEntity).toEqual({ __typename: 'ReviewEntityPayload', entity: { status: 'CURATED' } });
  });

  it('the same text again returns the stored article, created: false, and writes nothing', async () => {
    const before = await tableCounts(app.db);
    const again = (await ingest({ text: ARTICLE })).data.ingestArticle;
    expect(again).toMatchObject({ created: false, article: { id: payload.article.id } });
    expect(again.counts).toEqual({ mentions: 0, candidateEntities: 0, candidateClaims: 0, candidateRelations: 0 });
    // Spacing and trailing chrome do not make it another article.
    const respaced = (await ingest({ text: `${ARTICLE.replace(/\n\n/g, '\n\n\n').replace(/ a /g, '  a ')}\n\nShare` })).data.ingestArticle;
    expect(respaced).toMatchObject({ created: false, article: { id: payload.article.id } });
    // Another text at the same URL is the same article too.
    const sameUrl = (await ingest({ text: 'A corrected version of the dispatch.', url: 'https://www.corridor-wire.example/2025/05/12/almaty-hub' })).data.ingestArticle;
    expect(sameUrl).toMatchObject({ created: false, article: { id: payload.article.id } });
    expect(await tableCounts(app.db)).toEqual(before);
  });
});

/** The database id inside an Article's global ID. */
function idOfArticle(globalId: string): number {
  return Number(Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]);
}

describe('metadata the text states', () => {
  it('fills only what the input leaves empty, and says so', async () => {
    const text = ' date 2025-04-02 Trains from Khorgos to Almaty ran daily in March, the operator said.';
    const result = (await ingest({ text, title: 'Daily trains' })).data.ingestArticle;
    expect(result.__typename).toBe('IngestArticlePayload');
    expect(result.article).toMatchObject({ title: 'Daily trains', publishedAt: '2025-04-02', publisher: 'unknown' });
    expect(result.article.metadataFromText).toContain('publishedAt');
    expect(result.article.metadataFromText).not.toContain('title');
  });
});

describe('concurrent ingests', () => {
  it('ten requests with the same new text at once store one article', async () => {
    const text = 'Almaty, June 2 -- A second operator, Tengri Rail Freight JSC, began weekly trains from Xi\'an to Almaty carrying about 50 containers each.';
    const before = await tableCounts(app.db);
    const results = await Promise.all(Array.from({ length: 10 }, () => ingest({ text })));
    const payloads = results.map((r) => r.data.ingestArticle);
    expect(payloads.map((p) => p.__typename)).toEqual(Array(10).fill('IngestArticlePayload'));
    expect(payloads.filter((p) => p.created)).toHaveLength(1);
    expect(new Set(payloads.map((p) => p.article.id)).size).toBe(1);
    const after = await tableCounts(app.db);
    expect(after.articles).toBe(before.articles! + 1);
    const created = payloads.find((p) => p.created);
    expect(after.article_mentions).toBe(before.article_mentions! + created.counts.mentions);
    expect(after.claims).toBe(before.claims! + created.counts.candidateClaims);
  });
});

describe('refusals write nothing', () => {
  const NEW_TEXT = 'Khorgos, July 1 -- Border crossings rose 20 percent in June, officials said.';

  async function expectNothingWritten(act: () => Promise<unknown>) {
    const before = await tableCounts(app.db);
    await act();
    expect(await tableCounts(app.db)).toEqual(before);
  }

  it('without a token: UNAUTHENTICATED', () =>
    expectNothingWritten(async () => {
      const response = await ingest({ text: NEW_TEXT }, null);
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.data?.ingestArticle ?? null).toBeNull();
    }));

  it('with an unknown token: UNAUTHENTICATED', () =>
    expectNothingWritten(async () => {
      const response = await ingest({ text: NEW_TEXT }, 'not-a-token-at-all');
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }));

  it('an empty text, or one of chrome only, is a ValidationError on input.text', () =>
    expectNothingWritten(async () => {
      expect((await ingest({ text: '  \n ' })).data.ingestArticle).toMatchObject({ __typename: 'ValidationError', field: 'input.text' });
      expect((await ingest({ text: 'Back to top\nShare\nCopyright 2025 Xinhua' })).data.ingestArticle)
        .toMatchObject({ __typename: 'ValidationError', field: 'input.text' });
    }));

  it('a text over INGEST_MAX_CHARS is refused before execution; STRING_LIMIT still caps the other fields', () =>
    expectNothingWritten(async () => {
      const limit = loadConfig({}).limits.ingestChars;
      app.resetStatements();
      const tooLong = await ingest({ text: 'x'.repeat(limit + 1) });
      expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'INPUT_TOO_LONG', limit });
      expect(tooLong.errors?.[0]?.message).toBe(`"$input.text" is ${limit + 1} characters long; the limit is ${limit} (INGEST_MAX_CHARS).`);
      // The same through a String variable and as a literal.
      const variable = await mutate(app, editor, `mutation ($t: String!) { ingestArticle(input: {text: $t}) { __typename } }`, { t: 'y'.repeat(limit + 1) });
      expect(variable.errors?.[0]?.extensions).toMatchObject({ code: 'INPUT_TOO_LONG', limit });
      const title = await ingest({ text: NEW_TEXT, title: 't'.repeat(1001) });
      expect(title.errors?.[0]?.extensions).toMatchObject({ code: 'INPUT_TOO_LONG', limit: 1000 });
      expect(title.errors?.[0]?.message).toMatch(/\(STRING_LIMIT\)/);
      // A String variable used for the text and for a field capped at STRING_LIMIT meets the tighter cap.
      const both = await mutate(app, editor, `mutation ($t: String!) { ingestArticle(input: {text: $t, title: $t}) { __typename } }`, { t: 'z'.repeat(1500) });
      expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'INPUT_TOO_LONG', limit: 1000 });
      expect(app.statements).toEqual([]);
    }));

  it('an impossible date is BAD_USER_INPUT, a future one a ValidationError', () =>
    expectNothingWritten(async () => {
      const impossible = await ingest({ text: NEW_TEXT, publishedAt: '2025-02-30' });
      expect(impossible.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const future = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
      expect((await ingest({ text: NEW_TEXT, publishedAt: future })).data.ingestArticle)
        .toMatchObject({ __typename: 'ValidationError', field: 'input.publishedAt' });
    }));

  it('a URL that is not http(s), or not a URL, is a ValidationError on input.url', () =>
    expectNothingWritten(async () => {
      for (const url of ['ftp://example.org/a', 'javascript:alert(1)', 'www.example.org/no-scheme', 'https://user:secret@example.org/']) {
        expect((await ingest({ text: NEW_TEXT, url })).data.ingestArticle, url).toMatchObject({ __typename: 'ValidationError', field: 'input.url' });
      }
    }));

  it('an unknown language code is a ValidationError on input.language', () =>
    expectNothingWritten(async () => {
      expect((await ingest({ text: NEW_TEXT, language: 'English' })).data.ingestArticle)
        .toMatchObject({ __typename: 'ValidationError', field: 'input.language' });
    }));

  it('a failure in the middle of the ingest leaves no rows', async () => {
    await sql`create function fail_mentions() returns trigger language plpgsql as $$ begin raise exception 'forced failure'; end $$`.execute(app.db);
    await sql`create trigger fail_mentions before insert on article_mentions for each row execute function fail_mentions()`.execute(app.db);
    try {
      await expectNothingWritten(async () => {
        const response = await ingest({ text: NEW_TEXT });
        expect(response.errors?.[0]?.message).toBe('Unexpected error.');
        expect(response.data?.ingestArticle ?? null).toBeNull();
      });
    } finally {
      await sql`drop trigger fail_mentions on article_mentions`.execute(app.db);
      await sql`drop function fail_mentions()`.execute(app.db);
    }
    // Once the fault is gone the same text goes in.
    expect((await ingest({ text: NEW_TEXT })).data.ingestArticle.created).toBe(true);
  });
});

describe('the ingest in the audit trail', () => {
  it('records the article with what was found, by the token that ingested it; admins find it by the article', async () => {
    const admin = await createToken(app.db, 'ingest-admin', 'admin');
    const text = 'Tashkent, July 9 -- Uzbekistan received 310 freight trains from China in June, up 9 percent.';
    const { article, counts } = (await ingest({ text })).data.ingestArticle;
    const log = await mutate(app, admin, `query ($id: ID!) { auditLog(target: $id) { edges { node {
      action actor targetType targetId after target { ... on Article { id } } } } } }`, { id: article.id });
    const events = log.data.auditLog.edges.map((edge: any) => edge.node);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'ingestArticle', actor: 'ingest-editor', targetType: 'Article', targetId: article.id, target: { id: article.id },
      after: { counts, content_hash: contentHash(cleanArticle(text).body) },
    });
  });
});

describe('Article.mentions', () => {
  it('is loaded in one statement for all the articles of a page, with their entities in one more', async () => {
    app.resetStatements();
    const result = await app.graphql(`{ articles(first: 20) { edges { node { mentions(first: 3) {
      totalCount edges { node { text startOffset entity { slug } } } } } } } }`);
    expect(result.errors).toBeUndefined();
    const pages = result.data.articles.edges.map((edge: any) => edge.node.mentions);
    expect(pages.filter((page: any) => page.totalCount > 0).length).toBeGreaterThan(1);
    for (const page of pages) expect(page.edges.length).toBe(Math.min(3, page.totalCount));
    // One for the article page (no totalCount asked, so nothing is counted), one for every article's
    // mentions, one for their entities.
    expect(app.statements.length).toBe(3);
  });

  it('leaves out mentions of rejected entities unless asked for them', async () => {
    const { rows } = await sql<{ article_id: number; entity_id: number }>`
      select article_id, entity_id from article_mentions order by id limit 1`.execute(app.db);
    const { article_id: articleId, entity_id: entityId } = rows[0]!;
    const id = Buffer.from(`Article:${articleId}`).toString('base64url');
    const count = async (status?: string) => {
      const result = await app.graphql(`query ($id: ID!) { node(id: $id) { ... on Article { mentions${status ? `(status: ${status})` : ''} {
        edges { node { entity { id } } } } } } }`, { id });
      return result.data.node.mentions.edges.filter((edge: any) => edge.node.entity.id === Buffer.from(`Entity:${entityId}`).toString('base64url')).length;
    };
    const shown = await count();
    expect(shown).toBeGreaterThan(0);
    const { status } = await app.db.selectFrom('entities').select('status').where('id', '=', entityId).executeTakeFirstOrThrow();
    await app.db.updateTable('entities').set({ status: 'rejected' }).where('id', '=', entityId).execute();
    try {
      expect(await count()).toBe(0);
      expect(await count('REJECTED')).toBe(shown);
    } finally {
      await app.db.updateTable('entities').set({ status }).where('id', '=', entityId).execute();
    }
  });
});

describe('the README example, run as written', () => {
  it('ingests a file over HTTP with curl and jq, shows what was found, accepts a figure', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Adding articles'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
    const dir = mkdtempSync(join(tmpdir(), 'corridor-readme-ingest-'));
    const listening = await listenOnLoopback(app.yoga);
    try {
      const file = join(dir, 'article.txt');
      writeFileSync(file, 'Aktau, August 4 -- The port of Aktau handled more than 2,300 containers from Lianyungang in July, the port said.\n\nBack to top');
      const { stdout } = await promisify(execFile)('bash', ['-e', '-o', 'pipefail', '-c', block], {
        env: { ...process.env, API: listening.url, TOKEN: editor, ARTICLE_FILE: file },
        timeout: 60_000,
      });
      const [ingested, found, reviewed] = stdout.trim().split('\n').map((line) => JSON.parse(line));
      expect(ingested).toMatchObject({ __typename: 'IngestArticlePayload', created: true, article: { publisher: 'example.org' } });
      expect(found.mentions.edges.map((e: any) => e.node.entity.name)).toContain('Lianyungang');
      expect(found.claims.edges.map((e: any) => e.node.value)).toContain(2300);
      expect(reviewed).toEqual({ __typename: 'ReviewClaimPayload', claim: { status: 'CURATED' } });
    } finally {
      await listening.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
