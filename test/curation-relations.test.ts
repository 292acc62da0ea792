// Curating relations through the API: createRelation with a quote verified against the article,
// reviewRelation of candidates, retract; each typed failure, each auth refusal, and the audit rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalIdOf } from '../src/builder.ts';
import { verifyCitation } from '../src/db/writes/citations.ts';
import { ValidationError } from '../src/domain/errors.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import {
  article, auditEventsOf, entityGlobalId, entityId, expectNothingWritten, idOf, mutate, occurrencesOf,
} from './support/citing.ts';
import { createToken } from './support/tokens.ts';

const XINHUA = '000_19c56d0388764abe';

const RELATION_FIELDS = `id kind detail status subject { slug } object { slug } citations { quote startOffset endOffset article { id } }`;
const ERROR_FIELDS = `... on Error { message } ... on ValidationError { field } ... on NotFoundError { id }`;
const CITING_ERROR_FIELDS = `${ERROR_FIELDS} ... on QuoteNotFoundError { articleId quote }`;

const CREATE = `mutation($input: CreateRelationInput!) {
  createRelation(input: $input) { __typename ... on CreateRelationPayload { relation { ${RELATION_FIELDS} } } ${CITING_ERROR_FIELDS} }
}`;
const REVIEW = `mutation($input: ReviewRelationInput!) {
  reviewRelation(input: $input) { __typename ... on ReviewRelationPayload { relation { ${RELATION_FIELDS} } } ${ERROR_FIELDS} }
}`;
const RETRACT = `mutation($input: RetractInput!) {
  retract(input: $input) { __typename ... on RetractPayload { claim { id } relation { ${RELATION_FIELDS} } } ${ERROR_FIELDS} }
}`;

let app: TestApp;
let editor: string;
let admin: string;
let revoked: string;
let xinhua: { id: number; globalId: string; body: string };

beforeAll(async () => {
  app = await createTestApp({ corpus: true });
  editor = await createToken(app.db, 'relation-editor', 'editor');
  admin = await createToken(app.db, 'relation-admin', 'admin');
  revoked = await createToken(app.db, 'revoked-editor', 'editor');
  await app.db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('name', '=', 'revoked-editor').execute();
  xinhua = await article(app, XINHUA);
});
afterAll(() => app?.close());

/** A createRelation input that succeeds on the corpus: Shanghai located in China. */
async function shanghaiInChina(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'LOCATED_IN',
    subject: await entityGlobalId(app, 'shanghai'),
    object: await entityGlobalId(app, 'china'),
    citation: { article: xinhua.globalId, quote: 'has worked in Shanghai and Lianyungang' },
    reason: 'Stated in the Xinhua article.',
    ...overrides,
  };
}

/** A relation inserted straight into the database, with the given status. */
async function insertRelation(kind: string, subject: string, object: string, status: string): Promise<number> {
  const row = await app.db
    .insertInto('relations')
    .values({ kind, subject_id: await entityId(app, subject), object_id: await entityId(app, object), detail: null, status })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('createRelation', () => {
  it('stores a curated relation with the quote located in the body, and audits it', async () => {
    const input = await shanghaiInChina({ detail: '  worked there  ' });
    const body = await mutate(app, editor, CREATE, { input }, 'req-create-relation');
    expect(body.errors).toBeUndefined();
    const result = body.data.createRelation;
    expect(result.__typename).toBe('CreateRelationPayload');
    const [start] = occurrencesOf(xinhua.body, 'has worked in Shanghai and Lianyungang');
    expect(result.relation).toMatchObject({
      kind: 'LOCATED_IN',
      detail: 'worked there',
      status: 'CURATED',
      subject: { slug: 'shanghai' },
      object: { slug: 'china' },
      citations: [{ quote: 'has worked in Shanghai and Lianyungang', startOffset: start, endOffset: start! + 38, article: { id: xinhua.globalId } }],
    });

    const id = idOf(result.relation.id);
    const [event, ...more] = await auditEventsOf(app, 'Relation', id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      actor: 'relation-editor',
      role: 'editor',
      action: 'createRelation',
      target_type: 'Relation',
      target_id: id,
      before: null,
      reason: 'Stated in the Xinhua article.',
      request_id: 'req-create-relation',
    });
    expect(event!.after).toMatchObject({
      id,
      kind: 'located_in',
      subject_id: await entityId(app, 'shanghai'),
      object_id: await entityId(app, 'china'),
      status: 'curated',
      citations: [{ article_id: xinhua.id, quote: 'has worked in Shanghai and Lianyungang', start_offset: start, end_offset: start! + 38 }],
    });
  });

  it('stores a symmetric relation lower entity id first, whichever way round it is given', async () => {
    const [low, high] = [await entityId(app, 'lianyungang'), await entityId(app, 'shanghai')].sort((a, b) => a - b);
    const input = {
      kind: 'PARTNER_OF',
      subject: globalIdOf('Entity', high!),
      object: globalIdOf('Entity', low!),
      citation: { article: xinhua.globalId, quote: 'Shanghai and Lianyungang' },
    };
    const body = await mutate(app, editor, CREATE, { input });
    const relation = body.data.createRelation.relation;
    const row = await app.db.selectFrom('relations').selectAll().where('id', '=', idOf(relation.id)).executeTakeFirstOrThrow();
    expect([row.subject_id, row.object_id]).toEqual([low, high]);

    // The same relation given the other way round is the one just stored.
    const again = await expectNothingWritten(app, () =>
      mutate(app, editor, CREATE, { input: { ...input, subject: input.object, object: input.subject } }),
    );
    expect(again.data.createRelation.__typename).toBe('ConflictError');
    expect(again.data.createRelation.message).toContain(relation.id);
  });

  it('stores the period it is given (dates and the article\'s words), and none when it is omitted', async () => {
    const READ_PERIOD = `mutation($input: CreateRelationInput!) {
      createRelation(input: $input) { __typename ... on CreateRelationPayload { relation { id period { start end text } } } ${CITING_ERROR_FIELDS} }
    }`;
    const input = {
      kind: 'PARTNER_OF',
      subject: await entityGlobalId(app, 'lianyungang'),
      object: await entityGlobalId(app, 'kazakhstan'),
      citation: { article: xinhua.globalId, quote: 'Shanghai and Lianyungang' },
    };
    const dated = await mutate(app, editor, READ_PERIOD, { input: { ...input, period: { start: '2019-01-01', end: '2024-12-31', text: '  from 2019 to 2024 ' } } });
    expect(dated.data.createRelation.relation.period).toEqual({ start: '2019-01-01', end: '2024-12-31', text: 'from 2019 to 2024' });
    const [event] = await auditEventsOf(app, 'Relation', idOf(dated.data.createRelation.relation.id));
    expect(event!.after).toMatchObject({ period_start: '2019-01-01', period_end: '2024-12-31', period_text: 'from 2019 to 2024' });

    const undated = await mutate(app, editor, READ_PERIOD, { input: { ...input, kind: 'HUB_OF' } });
    expect(undated.data.createRelation.relation.period).toEqual({ start: null, end: null, text: null });
  });

  it('takes the occurrence or the start offset of a quote that occurs more than once', async () => {
    const offsets = occurrencesOf(xinhua.body, 'Alisher');
    expect(offsets.length).toBeGreaterThan(2);
    const base = {
      kind: 'WORKS_FOR',
      subject: await entityGlobalId(app, 'muratbekov-alisher'),
      object: await entityGlobalId(app, 'china-kazakhstan-xian-trade-and-logistics'),
    };
    const second = await mutate(app, editor, CREATE, { input: { ...base, citation: { article: xinhua.globalId, quote: 'Alisher', occurrence: 2 } } });
    expect(second.data.createRelation.relation.citations).toEqual([
      { quote: 'Alisher', startOffset: offsets[1], endOffset: offsets[1]! + 7, article: { id: xinhua.globalId } },
    ]);

    const third = await mutate(app, editor, CREATE, {
      input: { ...base, kind: 'MEMBER_OF', citation: { article: xinhua.globalId, quote: 'Alisher', startOffset: offsets[2] } },
    });
    expect(third.data.createRelation.relation.citations[0]).toMatchObject({ startOffset: offsets[2], endOffset: offsets[2]! + 7 });
  });

  describe('refuses, writing nothing,', () => {
    async function refused(input: Record<string, unknown>) {
      const body = await expectNothingWritten(app, () => mutate(app, editor, CREATE, { input }));
      expect(body.errors).toBeUndefined();
      return body.data.createRelation;
    }

    it('a quote that is not in the article: QuoteNotFoundError', async () => {
      const result = await refused(await shanghaiInChina({ citation: { article: xinhua.globalId, quote: 'has lived in Shanghai' } }));
      expect(result).toMatchObject({ __typename: 'QuoteNotFoundError', articleId: xinhua.globalId, quote: 'has lived in Shanghai' });
    });

    it('a quote that occurs more than once, without saying which: ValidationError saying how many times', async () => {
      const count = occurrencesOf(xinhua.body, 'Alisher').length;
      const result = await refused(await shanghaiInChina({ citation: { article: xinhua.globalId, quote: 'Alisher' } }));
      expect(result).toMatchObject({ __typename: 'ValidationError', field: 'input.citation.occurrence' });
      expect(result.message).toContain(`${count} times`);
    });

    it('an occurrence beyond the count: ValidationError', async () => {
      const count = occurrencesOf(xinhua.body, 'Alisher').length;
      const result = await refused(await shanghaiInChina({ citation: { article: xinhua.globalId, quote: 'Alisher', occurrence: count + 1 } }));
      expect(result).toMatchObject({ __typename: 'ValidationError', field: 'input.citation.occurrence' });
    });

    it('an occurrence of 0: ValidationError', async () => {
      const result = await refused(await shanghaiInChina({ citation: { article: xinhua.globalId, quote: 'Alisher', occurrence: 0 } }));
      expect(result).toMatchObject({ __typename: 'ValidationError', field: 'input.citation.occurrence' });
    });

    it('a start offset where the quote does not start: ValidationError', async () => {
      const [first] = occurrencesOf(xinhua.body, 'Alisher');
      const result = await refused(await shanghaiInChina({ citation: { article: xinhua.globalId, quote: 'Alisher', startOffset: first! + 1 } }));
      expect(result).toMatchObject({ __typename: 'ValidationError', field: 'input.citation.startOffset' });
    });

    it('an occurrence and a start offset that disagree: ValidationError', async () => {
      const [first] = occurrencesOf(xinhua.body, 'Alisher');
      const result = await refused(
        await shanghaiInChina({ citation: { article: xinhua.globalId, quote: 'Alisher', occurrence: 2, startOffset: first } }),
      );
      expect(result).toMatchObject({ __typename: 'ValidationError', field: 'input.citation.startOffset' });
    });

    it('a blank quote: ValidationError', async () => {
      const result = await refused(await shanghaiInChina({ citation: { article: xinhua.globalId, quote: '   ' } }));
      expect(result).toMatchObject({ __typename: 'ValidationError', field: 'input.citation.quote' });
    });

    it('an article that does not exist, or an ID of another type: NotFoundError', async () => {
      for (const missing of [globalIdOf('Article', 987654), await entityGlobalId(app, 'china')]) {
        const result = await refused(await shanghaiInChina({ citation: { article: missing, quote: 'Shanghai' } }));
        expect(result).toMatchObject({ __typename: 'NotFoundError', id: missing });
      }
    });

    it('an entity that does not exist: NotFoundError', async () => {
      const result = await refused(await shanghaiInChina({ object: globalIdOf('Entity', 987654) }));
      expect(result).toMatchObject({ __typename: 'NotFoundError' });
      expect(result.message).toContain('input.object');
    });

    it('a period that ends before it starts: ValidationError on input.period.end', async () => {
      const result = await refused(await shanghaiInChina({ period: { start: '2024-05-01', end: '2024-04-30' } }));
      expect(result).toMatchObject({ __typename: 'ValidationError', field: 'input.period.end' });
    });

    it('a relation of an entity to itself: ValidationError', async () => {
      const result = await refused(await shanghaiInChina({ object: await entityGlobalId(app, 'shanghai') }));
      expect(result).toMatchObject({ __typename: 'ValidationError', field: 'input.object' });
    });

    it('an entity merged into another: ConflictError', async () => {
      const merged = await app.db
        .insertInto('entities')
        .values({ slug: 'shanghai-old', name: 'Shanghai (old)', kind: 'city', merged_into: await entityId(app, 'shanghai') })
        .returning('id')
        .executeTakeFirstOrThrow();
      const result = await refused(await shanghaiInChina({ subject: globalIdOf('Entity', merged.id) }));
      expect(result).toMatchObject({ __typename: 'ConflictError' });
      expect(result.message).toContain('merged');
    });

    it('a relation that already exists: ConflictError naming it', async () => {
      const existing = await app.db
        .selectFrom('relations')
        .select('id')
        .where('kind', '=', 'located_in')
        .where('subject_id', '=', await entityId(app, 'lianyungang'))
        .where('object_id', '=', await entityId(app, 'jiangsu'))
        .executeTakeFirstOrThrow();
      const result = await refused({
        kind: 'LOCATED_IN',
        subject: await entityGlobalId(app, 'lianyungang'),
        object: await entityGlobalId(app, 'jiangsu'),
        citation: { article: xinhua.globalId, quote: 'Lianyungang, a coastal city' },
      });
      expect(result).toMatchObject({ __typename: 'ConflictError' });
      expect(result.message).toContain(globalIdOf('Relation', existing.id));
    });
  });

  it('a quote longer than 1000 characters is refused by the citation check itself', async () => {
    // Over HTTP such a string is stopped earlier by STRING_LIMIT; the check holds for any caller.
    const quote = xinhua.body.slice(0, 1001);
    const refusal = app.db.transaction().execute((trx) =>
      verifyCitation({ trx, audit: async () => {} }, { articleId: xinhua.id, quote, occurrence: 1 }, 'input.citation'),
    );
    await expect(refusal).rejects.toThrow(ValidationError);
    await expect(refusal).rejects.toMatchObject({ field: 'input.citation.quote' });
  });
});

describe('reviewRelation', () => {
  it('ACCEPT makes a candidate curated, REJECT rejected, each audited with the reason', async () => {
    for (const [decision, status, object] of [['ACCEPT', 'CURATED', 'kazakhstan'], ['REJECT', 'REJECTED', 'shaanxi']] as const) {
      const id = await insertRelation('located_in', 'lianyungang', object, 'candidate');
      const body = await mutate(app, editor, REVIEW, { input: { id: globalIdOf('Relation', id), decision, reason: 'Checked the article.' } }, `req-review-${decision}`);
      expect(body.data.reviewRelation).toMatchObject({ __typename: 'ReviewRelationPayload', relation: { status } });
      const events = await auditEventsOf(app, 'Relation', id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actor: 'relation-editor',
        role: 'editor',
        action: 'reviewRelation',
        reason: 'Checked the article.',
        request_id: `req-review-${decision}`,
        before: { id, status: 'candidate', citations: [] },
        after: { id, status: status.toLowerCase(), citations: [] },
      });
    }
  });

  it('refuses a relation that is not a candidate (ConflictError), an unknown one or another type of ID (NotFoundError), and a blank reason, writing nothing', async () => {
    const curated = await app.db.selectFrom('relations').select('id').where('status', '=', 'curated').executeTakeFirstOrThrow();
    const candidate = await insertRelation('located_in', 'shanghai', 'jiangsu', 'candidate');
    for (const [input, typename, field] of [
      [{ id: globalIdOf('Relation', curated.id), decision: 'ACCEPT', reason: 'Fine.' }, 'ConflictError', undefined],
      [{ id: globalIdOf('Relation', 987654), decision: 'ACCEPT', reason: 'Fine.' }, 'NotFoundError', undefined],
      [{ id: await entityGlobalId(app, 'china'), decision: 'REJECT', reason: 'Fine.' }, 'NotFoundError', undefined],
      [{ id: globalIdOf('Relation', candidate), decision: 'ACCEPT', reason: '  ' }, 'ValidationError', 'input.reason'],
    ] as const) {
      const body = await expectNothingWritten(app, () => mutate(app, editor, REVIEW, { input }));
      expect(body.data.reviewRelation.__typename).toBe(typename);
      if (field) expect(body.data.reviewRelation.field).toBe(field);
    }
  });
});

describe('retract (relations)', () => {
  it('an admin retracts a relation: kept as RETRACTED, audited with the reason; a second retraction is a ConflictError', async () => {
    const created = await mutate(app, editor, CREATE, {
      input: await shanghaiInChina({ kind: 'PART_OF', citation: { article: xinhua.globalId, quote: 'worked in Shanghai' } }),
    });
    const relationId = created.data.createRelation.relation.id;
    const body = await mutate(app, admin, RETRACT, { input: { id: relationId, reason: 'Misread: Shanghai is not part of China here.' } }, 'req-retract');
    expect(body.data.retract).toMatchObject({ __typename: 'RetractPayload', claim: null, relation: { id: relationId, status: 'RETRACTED' } });

    const id = idOf(relationId);
    const row = await app.db.selectFrom('relations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('retracted');
    const events = await auditEventsOf(app, 'Relation', id);
    expect(events.map((e) => e.action)).toEqual(['createRelation', 'retractRelation']);
    expect(events[1]).toMatchObject({
      actor: 'relation-admin',
      role: 'admin',
      reason: 'Misread: Shanghai is not part of China here.',
      request_id: 'req-retract',
      before: { id, status: 'curated', citations: [{ quote: 'worked in Shanghai' }] },
      after: { id, status: 'retracted', citations: [{ quote: 'worked in Shanghai' }] },
    });

    const again = await expectNothingWritten(app, () => mutate(app, admin, RETRACT, { input: { id: relationId, reason: 'Again.' } }));
    expect(again.data.retract.__typename).toBe('ConflictError');
  });

  it('refuses another type of ID or an unknown relation (NotFoundError) and a rejected relation (ConflictError), writing nothing', async () => {
    const rejected = await insertRelation('located_in', 'lianyungang', 'china', 'rejected');
    for (const [id, typename] of [
      [await entityGlobalId(app, 'china'), 'NotFoundError'],
      [xinhua.globalId, 'NotFoundError'],
      [globalIdOf('Relation', 987654), 'NotFoundError'],
      [globalIdOf('Relation', rejected), 'ConflictError'],
    ] as const) {
      const body = await expectNothingWritten(app, () => mutate(app, admin, RETRACT, { input: { id, reason: 'Wrong.' } }));
      expect(body.data.retract.__typename).toBe(typename);
    }
  });
});

describe('auth', () => {
  let candidate: number | undefined;
  const calls = async () => {
    candidate ??= await insertRelation('located_in', 'shanghai', 'kazakhstan', 'candidate');
    const curated = await app.db.selectFrom('relations').select('id').where('status', '=', 'curated').executeTakeFirstOrThrow();
    return [
      ['createRelation', CREATE, { input: await shanghaiInChina({ kind: 'ON_ROUTE' }) }],
      ['reviewRelation', REVIEW, { input: { id: globalIdOf('Relation', candidate), decision: 'ACCEPT', reason: 'Fine.' } }],
      ['retract', RETRACT, { input: { id: globalIdOf('Relation', curated.id), reason: 'Wrong.' } }],
    ] as const;
  };

  for (const [name, token] of [
    ['no token', () => null],
    ['a wrong token', () => 'not-a-token-anyone-was-given-0123456789abcdef'],
    ['a revoked token', () => revoked],
  ] as const) {
    it(`${name}: UNAUTHENTICATED for every relation mutation, and nothing written`, async () => {
      for (const [field, query, variables] of await calls()) {
        const body = await expectNothingWritten(app, () => mutate(app, token(), query, variables));
        expect(body.errors?.[0]?.extensions?.code, field).toBe('UNAUTHENTICATED');
        expect(body.data?.[field] ?? null).toBeNull();
      }
    });
  }

  it('an editor calling retract: FORBIDDEN, and nothing written', async () => {
    const [, , [field, query, variables]] = await calls();
    const body = await expectNothingWritten(app, () => mutate(app, editor, query, variables));
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(body.data?.[field] ?? null).toBeNull();
  });
});
