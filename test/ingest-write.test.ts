// The ingest write on plans made by hand: the article once per content and URL (also under
// concurrent writes), mentions with offsets checked by the database, candidate entities, claims and
// relations with their audit events, what already exists respected, and nothing left by a failure.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent, type Write } from '../src/db/audit.ts';
import { writeIngest, type IngestResult } from '../src/db/writes/ingest.ts';
import { contentHash } from '../src/ingest/content-hash.ts';
import type { CandidateEntity, EntityRef, FoundFigure, FoundRelation, Mention, Span } from '../src/ingest/extraction.ts';
import { sourceKeyOf } from '../src/ingest/ingest-input.ts';
import type { IngestPlan } from '../src/ingest/pipeline.ts';
import { locateQuote } from '../src/ingest/quotes.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { tableCounts } from './support/counts.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ corpus: true });
});
afterAll(() => app?.close());

const BY = { actor: 'test-editor', role: 'editor', requestId: null };

function runWrite(plan: IngestPlan): Promise<IngestResult> {
  return app.db.transaction().execute((trx) => {
    const write: Write = { trx, audit: (event) => appendAuditEvent(trx, BY, event) };
    return writeIngest(write, plan);
  });
}

async function entityId(slug: string): Promise<number> {
  return (await app.db.selectFrom('entities').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

/** The span of the `occurrence`-th `text` in `body`, in code points. */
function span(body: string, text: string, occurrence = 1): Span {
  const located = locateQuote(body, text, occurrence);
  if (!located) throw new Error(`"${text}" is not in the body`);
  return { start: located.startOffset, end: located.endOffset, text };
}

const mention = (body: string, text: string, entity: EntityRef, occurrence = 1): Mention => ({ ...span(body, text, occurrence), entity });

function figure(body: string, quote: string, number: string, fields: Partial<FoundFigure>): FoundFigure {
  return {
    value: 1, unit: 'TEU', unitText: null, hedge: 'exact', period: null, conversion: null, metric: 'container_volume',
    quote: span(body, quote), figure: span(body, number), subjects: [], ...fields,
  };
}

function plan(body: string, parts: Partial<Omit<IngestPlan, 'article'>> & { url?: string | null } = {}): IngestPlan {
  const hash = contentHash(body);
  return {
    article: {
      sourceKey: sourceKeyOf(hash), title: 'A test article', publisher: 'Test Wire', byline: null, publishedOn: '2025-03-03',
      publishedText: null, url: parts.url ?? null, language: 'en', rawText: body, body, captions: [], contentHash: hash, metadataFromText: [],
    },
    candidates: parts.candidates ?? [],
    mentions: parts.mentions ?? [],
    figures: parts.figures ?? [],
    relations: parts.relations ?? [],
    discarded: { mentions: 0, figures: 0, relations: 0 },
  };
}

// Text written for these tests; the names are real corridor places, the company and figures are not.
const STEPPE = [
  'Almaty, March 3 — Trains from Xi\'an to Almaty carried more than 12,000 TEU in February, the operator said.',
  'Steppe Freight Logistics LLC opened a terminal in Almaty that handled 3,500 containers.',
  'Хоргос and Almaty are sister cities.',
].join('\n\n');

describe('a new article', () => {
  let result: IngestResult;
  let almaty: number;
  let xian: number;
  const steppe: CandidateEntity = { key: 'c1', name: 'Steppe Freight Logistics LLC', kind: 'company' };

  beforeAll(async () => {
    almaty = await entityId('almaty');
    xian = await entityId('xian');
    const body = STEPPE;
    const sentence1 = 'Trains from Xi\'an to Almaty carried more than 12,000 TEU in February';
    result = await runWrite(plan(body, {
      candidates: [steppe],
      mentions: [
        mention(body, 'Almaty', { entityId: almaty }, 1),
        mention(body, 'Xi\'an', { entityId: xian }),
        mention(body, 'Almaty', { entityId: almaty }, 2),
        mention(body, 'Steppe Freight Logistics LLC', { candidateKey: 'c1' }),
        mention(body, 'Almaty', { entityId: almaty }, 3),
        mention(body, 'Almaty', { entityId: almaty }, 4),
      ],
      figures: [
        figure(body, sentence1, '12,000', {
          value: 12000, hedge: 'more_than', metric: 'container_volume',
          period: { start: '2025-02-01', end: '2025-02-28', text: 'in February' },
          subjects: [{ entity: { entityId: xian }, role: 'origin' }, { entity: { entityId: almaty }, role: 'destination' }],
        }),
        figure(body, 'Steppe Freight Logistics LLC opened a terminal in Almaty that handled 3,500 containers.', '3,500', {
          value: 3500, unit: 'other', unitText: 'containers', metric: 'containers_handled',
          subjects: [{ entity: { candidateKey: 'c1' }, role: 'subject' }],
        }),
      ],
      relations: [
        {
          kind: 'located_in', subject: { candidateKey: 'c1' }, object: { entityId: almaty }, detail: null,
          quote: span(body, 'Steppe Freight Logistics LLC opened a terminal in Almaty'),
        },
      ],
    }));
  });

  it('stores the article with its metadata, hash and source key', () => {
    expect(result.created).toBe(true);
    expect(result.article).toMatchObject({
      body: STEPPE, raw_text: STEPPE, content_hash: contentHash(STEPPE), source_key: sourceKeyOf(contentHash(STEPPE)),
      publisher: 'Test Wire', published_on: '2025-03-03', metadata_from_text: [],
    });
    expect(result.article.collected_at).toBeInstanceOf(Date);
    expect(result.counts).toEqual({ mentions: 6, candidateEntities: 1, candidateClaims: 2, candidateRelations: 1 });
  });

  it('stores every mention with offsets that slice the body to its text', async () => {
    const rows = await app.db.selectFrom('article_mentions').selectAll().where('article_id', '=', result.article.id).orderBy('start_offset').execute();
    expect(rows).toHaveLength(6);
    const chars = Array.from(STEPPE);
    for (const row of rows) expect(chars.slice(row.start_offset, row.end_offset).join('')).toBe(row.text);
  });

  it('creates the new name as a candidate entity with its name as alias, and an audit event', async () => {
    const entity = await app.db.selectFrom('entities').selectAll().where('name', '=', steppe.name).executeTakeFirstOrThrow();
    expect(entity).toMatchObject({ slug: 'steppe-freight-logistics-llc', kind: 'company', status: 'candidate' });
    const aliases = await app.db.selectFrom('entity_aliases').select('alias').where('entity_id', '=', entity.id).execute();
    expect(aliases.map((a) => a.alias)).toEqual([steppe.name]);
    const events = await app.db.selectFrom('audit_events').selectAll().where('target_type', '=', 'Entity').where('target_id', '=', entity.id).execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'ingestArticle', actor: 'test-editor', role: 'editor' });
  });

  it('creates candidate claims keyed to the article, with subjects and a quote the database checked', async () => {
    const claims = await app.db.selectFrom('claims').selectAll().where('key', 'like', `ingest:${result.article.id}:%`).orderBy('key').execute();
    expect(claims.map((c) => [c.key, c.status, c.value, c.unit, c.unit_text, c.hedge])).toEqual([
      [`ingest:${result.article.id}:1`, 'candidate', 12000, 'TEU', null, 'more_than'],
      [`ingest:${result.article.id}:2`, 'candidate', 3500, 'other', 'containers', 'exact'],
    ]);
    const subjects = await app.db.selectFrom('claim_subjects').selectAll().where('claim_id', '=', claims[0]!.id).orderBy('role').execute();
    expect(subjects.map((s) => [s.entity_id, s.role])).toEqual([[almaty, 'destination'], [xian, 'origin']]);
    const citation = await app.db.selectFrom('citations').selectAll().where('claim_id', '=', claims[0]!.id).executeTakeFirstOrThrow();
    expect(citation.article_id).toBe(result.article.id);
    expect(Array.from(STEPPE).slice(citation.start_offset, citation.end_offset).join('')).toBe(citation.quote);
    const event = await app.db.selectFrom('audit_events').selectAll().where('target_type', '=', 'Claim').where('target_id', '=', claims[0]!.id).executeTakeFirstOrThrow();
    expect(event.after).toMatchObject({ key: claims[0]!.key, status: 'candidate', subjects: expect.any(Array), citations: [{ id: citation.id }] });
  });

  it('creates the candidate relation and records the ingest against the article', async () => {
    const relations = await sql<{ kind: string; status: string }>`
      select relations.kind, relations.status from relations join citations on citations.relation_id = relations.id
      where citations.article_id = ${result.article.id}`.execute(app.db);
    expect(relations.rows).toEqual([{ kind: 'located_in', status: 'candidate' }]);
    const event = await app.db.selectFrom('audit_events').selectAll().where('target_type', '=', 'Article').where('target_id', '=', result.article.id).executeTakeFirstOrThrow();
    expect(event.action).toBe('ingestArticle');
    expect(event.after).toMatchObject({ content_hash: contentHash(STEPPE), counts: result.counts });
  });

  it('the same content again returns the stored article and writes nothing', async () => {
    const before = await tableCounts(app.db);
    const again = await runWrite(plan(STEPPE));
    expect(again.created).toBe(false);
    expect(again.article.id).toBe(result.article.id);
    expect(again.counts).toEqual({ mentions: 0, candidateEntities: 0, candidateClaims: 0, candidateRelations: 0 });
    expect(await tableCounts(app.db)).toEqual(before);
  });

  it('the same content with other spacing and compatibility characters is the same article', async () => {
    const respaced = STEPPE.replace(/ /g, '\u00a0 ').replace('LLC', 'ＬＬＣ');
    expect(contentHash(respaced)).toBe(contentHash(STEPPE));
  });
});

describe('deduplication by URL and under concurrency', () => {
  it('another text at a stored URL returns the article stored there', async () => {
    const url = 'https://example.org/news/first';
    const first = await runWrite(plan('A first text about freight.', { url }));
    expect(first.created).toBe(true);
    const before = await tableCounts(app.db);
    const second = await runWrite(plan('A corrected text about freight.', { url }));
    expect(second).toMatchObject({ created: false, article: { id: first.article.id } });
    expect(await tableCounts(app.db)).toEqual(before);
  });

  it('ten concurrent writes of one article store it once', async () => {
    const body = 'Ten editors pasted the same dispatch about Khorgos at once.';
    const khorgos = await entityId('khorgos');
    const candidate: CandidateEntity = { key: 'k', name: 'Dispatch Desk Ltd', kind: 'company' };
    const racing = () => plan(body, {
      candidates: [candidate],
      mentions: [mention(body, 'Khorgos', { entityId: khorgos })],
      relations: [],
    });
    const before = await tableCounts(app.db);
    const results = await Promise.all(Array.from({ length: 10 }, () => runWrite(racing())));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.article.id)).size).toBe(1);
    const after = await tableCounts(app.db);
    expect(after.articles).toBe(before.articles! + 1);
    expect(after.article_mentions).toBe(before.article_mentions! + 1);
    // The candidate entity is not mentioned, so it is not stored: a plan carries only referenced ones.
    expect(after.audit_events).toBe(before.audit_events! + 2);
  });
});

describe('what exists already', () => {
  it('a candidate whose name an entity already has becomes a mention of that entity', async () => {
    // Proposed while the plan was made, stored as an alias since (here: a corpus entity's name, spelt otherwise).
    const body = 'NC KTZ JSC runs more trains than before; NC-KTZ JSC said so.';
    const counts = await tableCounts(app.db);
    const result = await runWrite(plan(body, {
      candidates: [{ key: 'x', name: 'NC-KTZ JSC', kind: 'company' }],
      mentions: [mention(body, 'NC-KTZ JSC', { candidateKey: 'x' })],
    }));
    const row = await app.db.selectFrom('article_mentions').select('entity_id').where('article_id', '=', result.article.id).executeTakeFirstOrThrow();
    expect(row.entity_id).toBe(await entityId('nc-ktz-jsc'));
    expect(result.counts.candidateEntities).toBe(0);
    expect((await tableCounts(app.db)).entities).toBe(counts.entities);
  });

  it('a new name whose slug is taken gets the next free one', async () => {
    const body = 'Almaty Holding JSC, a trading house, said it would expand.';
    // A curated entity already holds the slug a new name would make.
    await app.db.insertInto('entities').values({ slug: 'almaty-holding-jsc', name: 'Almaty Holdings', kind: 'company' }).execute();
    const result = await runWrite(plan(body, {
      candidates: [{ key: 'h', name: 'Almaty Holding JSC', kind: 'company' }],
      mentions: [mention(body, 'Almaty Holding JSC', { candidateKey: 'h' })],
    }));
    expect(result.counts.candidateEntities).toBe(1);
    const entity = await app.db.selectFrom('entities').select(['slug', 'status']).where('name', '=', 'Almaty Holding JSC').executeTakeFirstOrThrow();
    expect(entity).toEqual({ slug: 'almaty-holding-jsc-2', status: 'candidate' });
  });

  it('names in other scripts get a transliterated slug', async () => {
    const body = 'Компания Жетысу Транзит открыла склад.';
    await runWrite(plan(body, {
      candidates: [{ key: 'z', name: 'Жетысу Транзит', kind: 'company' }],
      mentions: [mention(body, 'Жетысу Транзит', { candidateKey: 'z' })],
    }));
    const entity = await app.db.selectFrom('entities').select('slug').where('name', '=', 'Жетысу Транзит').executeTakeFirstOrThrow();
    expect(entity.slug).toBe('zhetysu-tranzit');
  });

  it('mentions of a rejected entity are dropped; a merged one leads to its survivor', async () => {
    const [rejected] = await app.db.insertInto('entities').values({ slug: 'wrong-name', name: 'Wrong Name', kind: 'company', status: 'rejected' }).returning('id').execute();
    const survivor = await entityId('khorgos-port');
    const [merged] = await app.db.insertInto('entities').values({ slug: 'old-khorgos-port', name: 'Old Khorgos Port', kind: 'port', merged_into: survivor }).returning('id').execute();
    const body = 'Wrong Name sent cargo through Old Khorgos Port.';
    const result = await runWrite(plan(body, {
      mentions: [mention(body, 'Wrong Name', { entityId: rejected!.id }), mention(body, 'Old Khorgos Port', { entityId: merged!.id })],
    }));
    const rows = await app.db.selectFrom('article_mentions').select(['entity_id', 'text']).where('article_id', '=', result.article.id).execute();
    expect(rows).toEqual([{ entity_id: survivor, text: 'Old Khorgos Port' }]);
  });

  it('a relation already curated is left alone, stated either way round', async () => {
    const [xian, shaanxi] = await Promise.all(['xian', 'shaanxi'].map(entityId)) as [number, number];
    const body = 'Xi\'an lies in Shaanxi. Shaanxi, in turn, lies in Xi\'an, a sloppy wire said.';
    const located = (quote: string, subject: number, object: number): FoundRelation => ({
      kind: 'located_in', subject: { entityId: subject }, object: { entityId: object }, detail: null, quote: span(body, quote),
    });
    const before = await app.db.selectFrom('relations').select('id').where('kind', '=', 'located_in').execute();
    const result = await runWrite(plan(body, {
      relations: [located('Xi\'an lies in Shaanxi.', xian, shaanxi), located('Shaanxi, in turn, lies in Xi\'an', shaanxi, xian)],
    }));
    expect(result.counts.candidateRelations).toBe(0);
    expect(await app.db.selectFrom('relations').select('id').where('kind', '=', 'located_in').execute()).toHaveLength(before.length);
    expect(await app.db.selectFrom('citations').select('id').where('article_id', '=', result.article.id).execute()).toEqual([]);
  });

  it('a symmetric relation is stored lower id first; stated again by another article it gets one more citation', async () => {
    const [almaty, khorgos] = await Promise.all(['almaty', 'khorgos'].map(entityId)) as [number, number];
    const [low, high] = [Math.min(almaty, khorgos), Math.max(almaty, khorgos)];
    const sister = (body: string, quote: string, subject: number, object: number): FoundRelation => ({
      kind: 'sister_city_of', subject: { entityId: subject }, object: { entityId: object }, detail: null, quote: span(body, quote),
    });
    const first = 'The border towns agreed: Khorgos and Almaty are now sister cities.';
    const a = await runWrite(plan(first, { relations: [sister(first, 'Khorgos and Almaty are now sister cities.', high, low)] }));
    const second = 'Almaty and Khorgos, sister cities since this spring, held a fair.';
    const b = await runWrite(plan(second, { relations: [sister(second, 'Almaty and Khorgos, sister cities since this spring', low, high)] }));
    expect([a.counts.candidateRelations, b.counts.candidateRelations]).toEqual([1, 1]);
    const rows = await app.db.selectFrom('relations').selectAll().where('kind', '=', 'sister_city_of').where('subject_id', 'in', [low, high]).where('object_id', 'in', [low, high]).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subject_id: low, object_id: high, status: 'candidate' });
    const citations = await app.db.selectFrom('citations').select('article_id').where('relation_id', '=', rows[0]!.id).orderBy('id').execute();
    expect(citations.map((c) => c.article_id)).toEqual([a.article.id, b.article.id]);
    const events = await app.db.selectFrom('audit_events').select(['action', 'before']).where('target_type', '=', 'Relation').where('target_id', '=', rows[0]!.id).orderBy('id').execute();
    expect(events.map((e) => [e.action, e.before === null])).toEqual([['ingestArticle', true], ['ingestArticle', false]]);
  });
});

describe('failures', () => {
  it('a failure in the middle of the write leaves nothing behind', async () => {
    await sql`create function fail_ingest() returns trigger language plpgsql as $$ begin raise exception 'forced failure'; end $$`.execute(app.db);
    await sql`create trigger fail_ingest before insert on claims for each row execute function fail_ingest()`.execute(app.db);
    try {
      const body = 'A dispatch whose figure cannot be stored: 40 trains left Xi\'an.';
      const before = await tableCounts(app.db);
      const error = await runWrite(plan(body, {
        candidates: [{ key: 'n', name: 'Nowhere Rail Co.', kind: 'company' }],
        mentions: [mention(body, 'Xi\'an', { entityId: await entityId('xian') })],
        figures: [figure(body, '40 trains left Xi\'an.', '40', { value: 40, unit: 'train', subjects: [{ entity: { entityId: await entityId('xian') }, role: 'origin' }] })],
      })).then(() => null, (e: unknown) => e);
      expect(String(error)).toMatch(/forced failure/);
      expect(await tableCounts(app.db)).toEqual(before);
    } finally {
      await sql`drop trigger fail_ingest on claims`.execute(app.db);
      await sql`drop function fail_ingest()`.execute(app.db);
    }
  });

  it('the database refuses a mention whose text is not the body at its offsets', async () => {
    const body = 'Almaty welcomed the first train.';
    const error = await runWrite(plan(body, {
      mentions: [{ start: 1, end: 7, text: 'Almaty', entity: { entityId: await entityId('almaty') } }],
    })).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ constraint: 'article_mentions_text_matches_body' });
    const stored = await app.db.selectFrom('articles').select('id').where('content_hash', '=', contentHash(body)).execute();
    expect(stored).toEqual([]);
  });
});
