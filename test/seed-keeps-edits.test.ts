// npm run db:seed (loadCorpus) on a database editors have worked on: what they changed through the
// API stays as they left it, and what they added is never deleted; rows no editor touched are still
// brought back to what the data files say.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalIdOf } from '../src/builder.ts';
import { countRows } from '../src/db/seed.ts';
import { loadCorpus } from '../src/ingest/load-corpus.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { article, entityGlobalId, entityId, mutate } from './support/citing.ts';
import { createToken } from './support/tokens.ts';

const XINHUA = '000_19c56d0388764abe';
const QUOTE = 'has an annual handling capacity of 655,000 TEUs';
const ERRORS = '... on Error { message }';

let app: TestApp;
let editor: string;
let admin: string;
beforeAll(async () => {
  app = await createTestApp({ corpus: true });
  editor = await createToken(app.db, 'seed-editor', 'editor');
  admin = await createToken(app.db, 'seed-admin', 'admin');
});
afterAll(() => app?.close());

async function ok(query: string, input: Record<string, unknown>, payload: string, token = editor): Promise<any> {
  const body = await mutate(app, token, query, { input });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  const result = Object.values(body.data as Record<string, any>)[0];
  expect(result.__typename, JSON.stringify(result)).toBe(payload);
  return result;
}

/** A corpus claim's id, found by one of its quotes. */
async function claimIdByQuote(quote: string): Promise<number> {
  const row = await app.db.selectFrom('citations').select('claim_id').where('quote', 'like', `%${quote}%`).where('claim_id', 'is not', null).executeTakeFirstOrThrow();
  return row.claim_id!;
}

describe('reloading the corpus after edits through the API', () => {
  it('keeps every edit and addition, and still restores rows no editor touched', async () => {
    const terminal = await entityGlobalId(app, 'kazakhstan-xian-terminal');
    const khorgos = await entityGlobalId(app, 'khorgos');
    const claimId = await claimIdByQuote(QUOTE);
    const xinhua = await article(app, XINHUA);
    const relation = await app.db.selectFrom('relations').select('id').where('status', '=', 'curated').orderBy('id').executeTakeFirstOrThrow();

    await ok(`mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { __typename ${ERRORS} } }`,
      { id: terminal, description: 'Described by an editor.', reason: 'test' }, 'UpdateEntityPayload');
    await ok(`mutation($input: AddAliasInput!) { addAlias(input: $input) { __typename ${ERRORS} } }`,
      { entity: khorgos, alias: 'Khorgos Gateway', reason: 'test' }, 'AddAliasPayload');
    await ok(`mutation($input: UpdateClaimInput!) { updateClaim(input: $input) { __typename ${ERRORS} } }`,
      { id: globalIdOf('Claim', claimId), hedge: 'ABOUT', reason: 'test' }, 'UpdateClaimPayload');
    await ok(`mutation($input: RetractInput!) { retract(input: $input) { __typename ${ERRORS} } }`,
      { id: globalIdOf('Relation', relation.id), reason: 'test' }, 'RetractPayload', admin);
    const created = await ok(
      `mutation($input: CreateClaimInput!) { createClaim(input: $input) { __typename ... on CreateClaimPayload { claim { id } } ${ERRORS} } }`,
      { metric: 'berths', value: 12, unit: 'OTHER', unitText: 'berths', subjects: [{ entity: terminal }], citation: { article: xinhua.globalId, quote: QUOTE } },
      'CreateClaimPayload',
    );
    // Drift no editor made (written straight to the database): the reload puts the data files' version back.
    const urumqi = await entityId(app, 'urumqi');
    const { description: urumqiDescription } = await app.db.selectFrom('entities').select('description').where('id', '=', urumqi).executeTakeFirstOrThrow();
    await app.db.updateTable('entities').set({ description: 'drifted' }).where('id', '=', urumqi).execute();

    const READ = `query($terminal: ID!, $khorgos: ID!, $claim: ID!, $relation: ID!, $created: ID!) {
      terminal: node(id: $terminal) { ... on Entity { name description } }
      khorgos: node(id: $khorgos) { ... on Entity { aliases } }
      claim: node(id: $claim) { ... on Claim { hedge value citations { quote } } }
      relation: node(id: $relation) { ... on Relation { status citations { quote } } }
      created: node(id: $created) { ... on Claim { value unitText citations { quote article { id } } } }
    }`;
    const variables = { terminal, khorgos, claim: globalIdOf('Claim', claimId), relation: globalIdOf('Relation', relation.id), created: created.claim.id };
    const before = await app.graphql(READ, variables);
    expect(before.errors).toBeUndefined();
    expect(before.data.terminal.description).toBe('Described by an editor.');
    expect(before.data.khorgos.aliases).toContain('Khorgos Gateway');
    expect(before.data.claim.hedge).toBe('ABOUT');
    expect(before.data.relation.status).toBe('RETRACTED');
    expect(before.data.created.citations).toEqual([{ quote: QUOTE, article: { id: xinhua.globalId } }]);
    const counts = await countRows(app.db);

    await loadCorpus(app.db);

    const after = await app.graphql(READ, variables);
    expect(after).toEqual(before);
    expect(await countRows(app.db)).toEqual(counts);
    const restored = await app.db.selectFrom('entities').select('description').where('id', '=', urumqi).executeTakeFirstOrThrow();
    expect(restored.description).toBe(urumqiDescription);
    expect(restored.description).not.toBe('drifted');
    // Nothing the API wrote lost its audit trail either.
    const events = await sql<{ n: number }>`select count(*)::int as n from audit_events`.execute(app.db);
    expect(events.rows[0]!.n).toBeGreaterThanOrEqual(5);
  });
});
