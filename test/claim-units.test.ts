// The grown unit vocabulary through the API: a figure in a unit the vocabulary has no name for is
// OTHER with the text's own word (Claim.unitText), checked as the database checks it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';
import { article, entityGlobalId, mutate } from './support/citing.ts';
import { createToken } from './support/tokens.ts';

const XINHUA = '000_19c56d0388764abe';
const QUOTE = 'has an annual handling capacity of 655,000 TEUs';
const FIELDS = 'metric value unit unitText conversion { value unit }';
const ERRORS = '... on Error { message } ... on ValidationError { field }';
const CREATE = `mutation($input: CreateClaimInput!) {
  createClaim(input: $input) { __typename ... on CreateClaimPayload { claim { id ${FIELDS} } } ${ERRORS} }
}`;
const UPDATE = `mutation($input: UpdateClaimInput!) {
  updateClaim(input: $input) { __typename ... on UpdateClaimPayload { claim { id ${FIELDS} } } ${ERRORS} }
}`;

let app: TestApp;
let editor: string;
let terminal: string;
let xinhua: { globalId: string };

beforeAll(async () => {
  app = await createTestApp({ corpus: true });
  editor = await createToken(app.db, 'units-editor', 'editor');
  xinhua = await article(app, XINHUA);
  terminal = await entityGlobalId(app, 'kazakhstan-xian-terminal');
});
afterAll(() => app?.close());

const input = (overrides: Record<string, unknown>) => ({
  metric: 'berths',
  value: 12,
  subjects: [{ entity: terminal }],
  citation: { article: xinhua.globalId, quote: QUOTE },
  ...overrides,
});

describe('unit OTHER and unitText', () => {
  it('creates a figure in a unit of its own word, and reads the new units back', async () => {
    const other = await mutate(app, editor, CREATE, { input: input({ unit: 'OTHER', unitText: ' berths ' }) });
    expect(other.data.createClaim.claim).toMatchObject({ value: 12, unit: 'OTHER', unitText: 'berths' });
    const tenge = await mutate(app, editor, CREATE, {
      input: input({ metric: 'investment', value: 5e9, unit: 'KZT', conversion: { value: 1e7, unit: 'EUR' } }),
    });
    expect(tenge.data.createClaim.claim).toMatchObject({ unit: 'KZT', unitText: null, conversion: { value: 1e7, unit: 'EUR' } });
  });

  it('refuses OTHER without a word, a word for a named unit, and a conversion in OTHER or DATE', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ unit: 'OTHER' }, 'input.unitText'],
      [{ unit: 'OTHER', unitText: '   ' }, 'input.unitText'],
      [{ unit: 'TEU', unitText: 'TEUs' }, 'input.unitText'],
      [{ unit: 'TEU', conversion: { value: 1, unit: 'OTHER' } }, 'input.conversion.unit'],
      [{ unit: 'TEU', conversion: { value: 1, unit: 'DATE' } }, 'input.conversion.unit'],
    ];
    for (const [overrides, field] of cases) {
      const body = await mutate(app, editor, CREATE, { input: input(overrides) });
      expect(body.data.createClaim, JSON.stringify(overrides)).toMatchObject({ __typename: 'ValidationError', field });
    }
  });

  it('drops the word when an update moves the unit away from OTHER, and keeps it otherwise', async () => {
    const created = await mutate(app, editor, CREATE, { input: input({ unit: 'OTHER', unitText: 'berths' }) });
    const id = created.data.createClaim.claim.id;
    const renamed = await mutate(app, editor, UPDATE, { input: { id, value: 14 } });
    expect(renamed.data.updateClaim.claim).toMatchObject({ value: 14, unit: 'OTHER', unitText: 'berths' });
    const named = await mutate(app, editor, UPDATE, { input: { id, unit: 'CONTAINER' } });
    expect(named.data.updateClaim.claim).toMatchObject({ unit: 'CONTAINER', unitText: null });
    const back = await mutate(app, editor, UPDATE, { input: { id, unit: 'OTHER' } });
    expect(back.data.updateClaim).toMatchObject({ __typename: 'ValidationError', field: 'input.unitText' });
  });
});
