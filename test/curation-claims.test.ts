// Curating claims through the API: createClaim and updateClaim checked as the database and the corpus
// loader check figures, citations verified against the article, reviewClaim of candidates, retract;
// each typed failure, each auth refusal, and the audit rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalIdOf } from '../src/builder.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import {
  article, auditEventsOf, entityGlobalId, entityId, expectNothingWritten, idOf, mutate, occurrencesOf,
} from './support/citing.ts';
import { createToken } from './support/tokens.ts';

const XINHUA = '000_19c56d0388764abe';
const EMPLOYEES_QUOTE = 'We currently have 15 Kazakhstani employees';
const OPENING_QUOTE = 'officially began operations in February 2024';

const CLAIM_FIELDS = `id key metric value unit hedge status period { start end text } conversion { value unit hedge }
  subjects { role entity { slug } } citations { quote startOffset endOffset article { id } }`;
const ERROR_FIELDS = `... on Error { message } ... on ValidationError { field } ... on NotFoundError { id }`;
const CITING_ERROR_FIELDS = `${ERROR_FIELDS} ... on QuoteNotFoundError { articleId quote }`;

const CREATE = `mutation($input: CreateClaimInput!) {
  createClaim(input: $input) { __typename ... on CreateClaimPayload { claim { ${CLAIM_FIELDS} } } ${CITING_ERROR_FIELDS} }
}`;
const UPDATE = `mutation($input: UpdateClaimInput!) {
  updateClaim(input: $input) { __typename ... on UpdateClaimPayload { claim { ${CLAIM_FIELDS} } } ${CITING_ERROR_FIELDS} }
}`;
const REVIEW = `mutation($input: ReviewClaimInput!) {
  reviewClaim(input: $input) { __typename ... on ReviewClaimPayload { claim { ${CLAIM_FIELDS} } } ${ERROR_FIELDS} }
}`;
const RETRACT = `mutation($input: RetractInput!) {
  retract(input: $input) { __typename ... on RetractPayload { relation { id } claim { ${CLAIM_FIELDS} } } ${ERROR_FIELDS} }
}`;

let app: TestApp;
let editor: string;
let admin: string;
let revoked: string;
let xinhua: { id: number; globalId: string; body: string };
let company: string;
let kazakhstan: string;

beforeAll(async () => {
  app = await createTestApp({ corpus: true });
  editor = await createToken(app.db, 'claim-editor', 'editor');
  admin = await createToken(app.db, 'claim-admin', 'admin');
  revoked = await createToken(app.db, 'revoked-claim-editor', 'editor');
  await app.db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('name', '=', 'revoked-claim-editor').execute();
  xinhua = await article(app, XINHUA);
  company = await entityGlobalId(app, 'china-kazakhstan-xian-trade-and-logistics');
  kazakhstan = await entityGlobalId(app, 'kazakhstan');
});
afterAll(() => app?.close());

/** A createClaim input that succeeds on the corpus: the company's Kazakhstani employees. */
function employees(overrides: Record<string, unknown> = {}) {
  return {
    metric: 'kazakhstani_employee_count',
    value: 15,
    unit: 'PERSON',
    period: { start: '2025-02-21', end: '2025-02-21', text: 'currently' },
    subjects: [{ entity: company }, { entity: kazakhstan, role: 'ORIGIN' }],
    citation: { article: xinhua.globalId, quote: EMPLOYEES_QUOTE },
    reason: 'Stated by the company.',
    ...overrides,
  };
}

async function createClaim(input: Record<string, unknown>): Promise<any> {
  const body = await mutate(app, editor, CREATE, { input });
  expect(body.errors).toBeUndefined();
  expect(body.data.createClaim.__typename).toBe('CreateClaimPayload');
  return body.data.createClaim.claim;
}

/** A claim inserted straight into the database (as future ingest would), with the given status. */
async function insertClaim(status: string): Promise<number> {
  const row = await app.db
    .insertInto('claims')
    .values({ key: `test-${status}-${Math.random().toString(36).slice(2)}`, metric: 'employee_count', value: 15, unit: 'person', status, period_start: null, period_end: null, period_text: null, conversion_value: null, conversion_unit: null, conversion_hedge: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await app.db.insertInto('claim_subjects').values({ claim_id: row.id, entity_id: await entityId(app, 'china-kazakhstan-xian-trade-and-logistics'), role: 'subject' }).execute();
  return row.id;
}

describe('createClaim', () => {
  it('stores a curated claim with its subjects, conversion and located quote, under a key of its own, and audits it', async () => {
    const body = await mutate(app, editor, CREATE, {
      input: employees({ hedge: 'ABOUT', conversion: { value: 14.5, unit: 'PERSON' } }),
    }, 'req-create-claim');
    expect(body.errors).toBeUndefined();
    const claim = body.data.createClaim.claim;
    const [start] = occurrencesOf(xinhua.body, EMPLOYEES_QUOTE);
    expect(claim).toMatchObject({
      metric: 'kazakhstani_employee_count',
      value: 15,
      unit: 'PERSON',
      hedge: 'ABOUT',
      status: 'CURATED',
      period: { start: '2025-02-21', end: '2025-02-21', text: 'currently' },
      // A conversion given without a hedge of its own is as hedged as its figure.
      conversion: { value: 14.5, unit: 'PERSON', hedge: 'ABOUT' },
      citations: [{ quote: EMPLOYEES_QUOTE, startOffset: start, endOffset: start! + EMPLOYEES_QUOTE.length, article: { id: xinhua.globalId } }],
    });
    expect(claim.subjects).toEqual(expect.arrayContaining([
      { role: 'SUBJECT', entity: { slug: 'china-kazakhstan-xian-trade-and-logistics' } },
      { role: 'ORIGIN', entity: { slug: 'kazakhstan' } },
    ]));
    // Corpus keys are lowercase words joined by hyphens; API keys cannot take one of theirs.
    expect(claim.key).toMatch(/^api:[0-9a-f-]{36}$/);

    const id = idOf(claim.id);
    const events = await auditEventsOf(app, 'Claim', id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: 'claim-editor',
      role: 'editor',
      action: 'createClaim',
      target_type: 'Claim',
      target_id: id,
      before: null,
      reason: 'Stated by the company.',
      request_id: 'req-create-claim',
      after: {
        id,
        key: claim.key,
        metric: 'kazakhstani_employee_count',
        unit: 'person',
        hedge: 'about',
        status: 'curated',
        subjects: expect.arrayContaining([
          { entity_id: await entityId(app, 'china-kazakhstan-xian-trade-and-logistics'), role: 'subject' },
          { entity_id: await entityId(app, 'kazakhstan'), role: 'origin' },
        ]),
        citations: [{ article_id: xinhua.id, quote: EMPLOYEES_QUOTE, start_offset: start, end_offset: start! + EMPLOYEES_QUOTE.length }],
      },
    });
  });

  it('stores a DATE claim without a value, its date in the period', async () => {
    const claim = await createClaim({
      metric: 'operations_start',
      unit: 'DATE',
      period: { start: '2024-02-01', end: '2024-02-29', text: 'February 2024' },
      subjects: [{ entity: await entityGlobalId(app, 'kazakhstan-xian-terminal') }],
      citation: { article: xinhua.globalId, quote: OPENING_QUOTE },
    });
    expect(claim).toMatchObject({ value: null, unit: 'DATE', hedge: 'EXACT', period: { start: '2024-02-01', end: '2024-02-29' } });
  });

  describe('refuses, writing nothing,', () => {
    async function refused(input: Record<string, unknown>) {
      const body = await expectNothingWritten(app, () => mutate(app, editor, CREATE, { input }));
      expect(body.errors).toBeUndefined();
      return body.data.createClaim;
    }

    for (const [name, overrides, field] of [
      ['a metric that is not snake_case', { metric: 'Kazakhstani employees' }, 'input.metric'],
      ['a DATE claim with a value', { unit: 'DATE' }, 'input.value'],
      ['a claim without a value that is not a DATE claim', { value: null }, 'input.value'],
      ['a DATE claim without a period', { unit: 'DATE', value: null, period: null }, 'input.period'],
      ['a period that ends before it starts', { period: { start: '2025-02-21', end: '2025-01-01' } }, 'input.period.end'],
      ['no subjects', { subjects: [] }, 'input.subjects'],
      ['a blank quote', { citation: { article: 'QXJ0aWNsZTox', quote: ' ' } }, 'input.citation.quote'],
      ['a blank metric', { metric: '   ' }, 'input.metric'],
    ] as const) {
      it(`${name}: ValidationError on ${field}`, async () => {
        expect(await refused(employees(overrides))).toMatchObject({ __typename: 'ValidationError', field });
      });
    }

    it('the same entity twice in the same role: ValidationError on that subject', async () => {
      const result = await refused(employees({ subjects: [{ entity: company }, { entity: kazakhstan }, { entity: company, role: 'SUBJECT' }] }));
      expect(result).toMatchObject({ __typename: 'ValidationError', field: 'input.subjects.2' });
    });

    it('a subject that does not exist or is not an entity: NotFoundError', async () => {
      for (const missing of [globalIdOf('Entity', 987654), xinhua.globalId]) {
        const result = await refused(employees({ subjects: [{ entity: company }, { entity: missing }] }));
        expect(result).toMatchObject({ __typename: 'NotFoundError' });
        expect(result.message).toContain('input.subjects.1.entity');
      }
    });

    it('a subject merged into another entity: ConflictError', async () => {
      const merged = await app.db
        .insertInto('entities')
        .values({ slug: 'kazakhstan-duplicate', name: 'Kazakhstan (duplicate)', kind: 'country', merged_into: await entityId(app, 'kazakhstan') })
        .returning('id')
        .executeTakeFirstOrThrow();
      const result = await refused(employees({ subjects: [{ entity: globalIdOf('Entity', merged.id) }] }));
      expect(result).toMatchObject({ __typename: 'ConflictError' });
    });

    it('a quote that is not in the article: QuoteNotFoundError', async () => {
      const result = await refused(employees({ citation: { article: xinhua.globalId, quote: 'We currently have 16 Kazakhstani employees' } }));
      expect(result).toMatchObject({ __typename: 'QuoteNotFoundError', articleId: xinhua.globalId, quote: 'We currently have 16 Kazakhstani employees' });
    });

    it('a quote that occurs more than once without saying which: ValidationError on the occurrence', async () => {
      const result = await refused(employees({ citation: { article: xinhua.globalId, quote: 'Kazakhstan' } }));
      expect(result).toMatchObject({ __typename: 'ValidationError', field: 'input.citation.occurrence' });
      expect(result.message).toContain(`${occurrencesOf(xinhua.body, 'Kazakhstan').length} times`);
    });

    it('an article that does not exist: NotFoundError', async () => {
      const result = await refused(employees({ citation: { article: globalIdOf('Article', 987654), quote: EMPLOYEES_QUOTE } }));
      expect(result).toMatchObject({ __typename: 'NotFoundError', id: globalIdOf('Article', 987654) });
    });
  });
});

describe('updateClaim', () => {
  it('changes the fields given, keeps the others, and audits before and after', async () => {
    const created = await createClaim(employees());
    const id = idOf(created.id);
    const body = await mutate(app, editor, UPDATE, { input: { id: created.id, value: 16, hedge: 'MORE_THAN', reason: 'Recounted.' } }, 'req-update-claim');
    expect(body.errors).toBeUndefined();
    const claim = body.data.updateClaim.claim;
    expect(claim).toMatchObject({ ...created, value: 16, hedge: 'MORE_THAN' });

    const events = await auditEventsOf(app, 'Claim', id);
    expect(events.map((e) => e.action)).toEqual(['createClaim', 'updateClaim']);
    expect(events[1]).toMatchObject({
      actor: 'claim-editor',
      role: 'editor',
      reason: 'Recounted.',
      request_id: 'req-update-claim',
      before: { id, value: 15, hedge: 'exact', metric: 'kazakhstani_employee_count', citations: [{ quote: EMPLOYEES_QUOTE }] },
      after: { id, value: 16, hedge: 'more_than', metric: 'kazakhstani_employee_count', citations: [{ quote: EMPLOYEES_QUOTE }] },
    });
    expect((events[1]!.after as { subjects: unknown }).subjects).toEqual((events[1]!.before as { subjects: unknown }).subjects);
  });

  it('adds one more citation, replaces the subjects, and clears the conversion and the period', async () => {
    const created = await createClaim(employees({ conversion: { value: 15, unit: 'PERSON' } }));
    const body = await mutate(app, editor, UPDATE, {
      input: {
        id: created.id,
        subjects: [{ entity: company, role: 'LOCATION' }],
        conversion: null,
        period: null,
        citation: { article: xinhua.globalId, quote: 'plan to hire 10 more this year' },
      },
    });
    expect(body.errors).toBeUndefined();
    const claim = body.data.updateClaim.claim;
    expect(claim.subjects).toEqual([{ role: 'LOCATION', entity: { slug: 'china-kazakhstan-xian-trade-and-logistics' } }]);
    expect(claim.conversion).toBeNull();
    expect(claim.period).toEqual({ start: null, end: null, text: null });
    expect(claim.citations.map((c: { quote: string }) => c.quote).sort()).toEqual([EMPLOYEES_QUOTE, 'plan to hire 10 more this year'].sort());
    expect(claim.value).toBe(15);
  });

  it('a DATE claim can become a figure when a value comes with the new unit', async () => {
    const created = await createClaim({
      metric: 'operations_start',
      unit: 'DATE',
      period: { text: 'February 2024' },
      subjects: [{ entity: await entityGlobalId(app, 'kazakhstan-xian-terminal') }],
      citation: { article: xinhua.globalId, quote: OPENING_QUOTE },
    });
    const body = await mutate(app, editor, UPDATE, { input: { id: created.id, unit: 'YEAR', value: 2024, metric: 'operations_start_year' } });
    expect(body.data.updateClaim.claim).toMatchObject({ unit: 'YEAR', value: 2024, metric: 'operations_start_year', period: { text: 'February 2024' } });
  });

  describe('refuses, writing nothing,', () => {
    let claimId: string;
    beforeAll(async () => {
      claimId = (await createClaim(employees())).id;
    });

    async function refused(input: Record<string, unknown>) {
      const body = await expectNothingWritten(app, () => mutate(app, editor, UPDATE, { input }));
      expect(body.errors).toBeUndefined();
      return body.data.updateClaim;
    }

    for (const [name, changes, field] of [
      ['a merged result that breaks a rule (DATE unit, value kept)', { unit: 'DATE' }, 'input.value'],
      ['clearing the value of a figure', { value: null }, 'input.value'],
      ['a metric that is not snake_case', { metric: 'Employees!' }, 'input.metric'],
      ['a period that ends before it starts', { period: { start: '2025-03-01', end: '2025-02-01' } }, 'input.period.end'],
      ['an empty subject list', { subjects: [] }, 'input.subjects'],
      ['nothing to change', {}, 'input'],
    ] as const) {
      it(`${name}: ValidationError on ${field}`, async () => {
        expect(await refused({ id: claimId, ...changes })).toMatchObject({ __typename: 'ValidationError', field });
      });
    }

    it('subjects listing one entity twice in one role: ValidationError on the second', async () => {
      const result = await refused({ id: claimId, subjects: [{ entity: company }, { entity: company }] });
      expect(result).toMatchObject({ __typename: 'ValidationError', field: 'input.subjects.1' });
    });

    it('a citation of a passage the claim already cites: ConflictError', async () => {
      const result = await refused({ id: claimId, citation: { article: xinhua.globalId, quote: EMPLOYEES_QUOTE } });
      expect(result).toMatchObject({ __typename: 'ConflictError' });
    });

    it('a citation whose quote is not in the article: QuoteNotFoundError', async () => {
      const result = await refused({ id: claimId, value: 17, citation: { article: xinhua.globalId, quote: '17 Kazakhstani employees' } });
      expect(result).toMatchObject({ __typename: 'QuoteNotFoundError' });
    });

    it('a retracted or rejected claim: ConflictError', async () => {
      for (const status of ['retracted', 'rejected']) {
        const id = await insertClaim(status);
        const result = await refused({ id: globalIdOf('Claim', id), value: 20 });
        expect(result).toMatchObject({ __typename: 'ConflictError' });
        expect(result.message).toContain(status);
      }
    });

    it('an unknown claim or another type of ID: NotFoundError', async () => {
      for (const id of [globalIdOf('Claim', 987654), company]) {
        expect(await refused({ id, value: 20 })).toMatchObject({ __typename: 'NotFoundError', id });
      }
    });
  });
});

describe('reviewClaim', () => {
  it('ACCEPT makes a candidate curated, REJECT rejected, each audited with the reason', async () => {
    for (const [decision, status] of [['ACCEPT', 'CURATED'], ['REJECT', 'REJECTED']] as const) {
      const id = await insertClaim('candidate');
      const body = await mutate(app, editor, REVIEW, { input: { id: globalIdOf('Claim', id), decision, reason: 'Checked against the article.' } }, `req-review-claim-${decision}`);
      expect(body.data.reviewClaim).toMatchObject({ __typename: 'ReviewClaimPayload', claim: { status } });
      const events = await auditEventsOf(app, 'Claim', id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actor: 'claim-editor',
        role: 'editor',
        action: 'reviewClaim',
        target_type: 'Claim',
        target_id: id,
        reason: 'Checked against the article.',
        request_id: `req-review-claim-${decision}`,
        before: { id, status: 'candidate', subjects: [{ role: 'subject' }], citations: [] },
        after: { id, status: status.toLowerCase(), subjects: [{ role: 'subject' }], citations: [] },
      });
    }
  });

  it('refuses a claim that is not a candidate (ConflictError), an unknown one (NotFoundError) and a missing reason, writing nothing', async () => {
    const curated = await insertClaim('curated');
    const candidate = await insertClaim('candidate');
    for (const [input, typename] of [
      [{ id: globalIdOf('Claim', curated), decision: 'ACCEPT', reason: 'Fine.' }, 'ConflictError'],
      [{ id: globalIdOf('Claim', 987654), decision: 'ACCEPT', reason: 'Fine.' }, 'NotFoundError'],
      [{ id: xinhua.globalId, decision: 'REJECT', reason: 'Fine.' }, 'NotFoundError'],
      [{ id: globalIdOf('Claim', candidate), decision: 'REJECT', reason: '' }, 'ValidationError'],
    ] as const) {
      const body = await expectNothingWritten(app, () => mutate(app, editor, REVIEW, { input }));
      expect(body.data.reviewClaim.__typename).toBe(typename);
    }
  });
});

describe('retract (claims)', () => {
  it('an admin retracts a claim: kept as RETRACTED, audited; a second retraction is a ConflictError', async () => {
    const created = await createClaim(employees());
    const body = await mutate(app, admin, RETRACT, { input: { id: created.id, reason: 'The company corrected the figure.' } }, 'req-retract-claim');
    expect(body.data.retract).toMatchObject({ __typename: 'RetractPayload', relation: null, claim: { id: created.id, status: 'RETRACTED', value: 15 } });

    const id = idOf(created.id);
    const events = await auditEventsOf(app, 'Claim', id);
    expect(events.map((e) => e.action)).toEqual(['createClaim', 'retractClaim']);
    expect(events[1]).toMatchObject({
      actor: 'claim-admin',
      role: 'admin',
      reason: 'The company corrected the figure.',
      request_id: 'req-retract-claim',
      before: { id, status: 'curated', citations: [{ quote: EMPLOYEES_QUOTE }] },
      after: { id, status: 'retracted', citations: [{ quote: EMPLOYEES_QUOTE }] },
    });

    const again = await expectNothingWritten(app, () => mutate(app, admin, RETRACT, { input: { id: created.id, reason: 'Again.' } }));
    expect(again.data.retract.__typename).toBe('ConflictError');
  });

  it('retracts a candidate too, but refuses a rejected claim (ConflictError) and a blank reason, writing nothing', async () => {
    const candidate = await insertClaim('candidate');
    const retracted = await mutate(app, admin, RETRACT, { input: { id: globalIdOf('Claim', candidate), reason: 'Extraction error.' } });
    expect(retracted.data.retract.claim.status).toBe('RETRACTED');

    const rejected = await insertClaim('rejected');
    for (const [reason, typename] of [['Wrong.', 'ConflictError'], [' ', 'ValidationError']] as const) {
      const body = await expectNothingWritten(app, () => mutate(app, admin, RETRACT, { input: { id: globalIdOf('Claim', rejected), reason } }));
      expect(body.data.retract.__typename).toBe(typename);
    }
  });
});

describe('auth', () => {
  let calls: Array<readonly [string, string, Record<string, unknown>]>;
  beforeAll(async () => {
    const target = globalIdOf('Claim', await insertClaim('curated'));
    const candidate = globalIdOf('Claim', await insertClaim('candidate'));
    calls = [
      ['createClaim', CREATE, { input: employees() }],
      ['updateClaim', UPDATE, { input: { id: target, value: 99 } }],
      ['reviewClaim', REVIEW, { input: { id: candidate, decision: 'ACCEPT', reason: 'Fine.' } }],
      ['retract', RETRACT, { input: { id: target, reason: 'Wrong.' } }],
    ];
  });

  for (const [name, token] of [
    ['no token', () => null],
    ['a wrong token', () => 'a-token-nobody-was-ever-given-0123456789abcdef'],
    ['a revoked token', () => revoked],
  ] as const) {
    it(`${name}: UNAUTHENTICATED for every claim mutation, and nothing written`, async () => {
      for (const [field, query, variables] of calls) {
        const body = await expectNothingWritten(app, () => mutate(app, token(), query, variables));
        expect(body.errors?.[0]?.extensions?.code, field).toBe('UNAUTHENTICATED');
        expect(body.data?.[field] ?? null).toBeNull();
      }
    });
  }

  it('an editor calling retract on a claim: FORBIDDEN, and nothing written', async () => {
    const [field, query, variables] = calls[3]!;
    const body = await expectNothingWritten(app, () => mutate(app, editor, query, variables));
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(body.data?.[field] ?? null).toBeNull();
  });
});
