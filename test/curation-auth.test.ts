// Tokens and roles: reads stay public; every mutation needs a valid, unrevoked token of a high
// enough role; refusals are typed (UNAUTHENTICATED 401, FORBIDDEN 403) and write nothing.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { tableCounts } from './support/counts.ts';
import { bearer, createToken } from './support/tokens.ts';

const ADMIN_TOKEN = 'bootstrap-admin-token-for-tests-0123456789';

let app: TestApp;
let editor: string;
let admin: string;
let revoked: string;
let kazakhstanId: string;

beforeAll(async () => {
  app = await createTestApp({ corpus: true, env: { ADMIN_TOKEN } });
  editor = await createToken(app.db, 'ed.itor', 'editor');
  admin = await createToken(app.db, 'ad-min', 'admin');
  revoked = await createToken(app.db, 'gone', 'editor');
  await app.db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('name', '=', 'gone').execute();
  kazakhstanId = (await app.graphql(`{ entity(slug: "kazakhstan") { id } }`)).data.entity.id;
});
afterAll(() => app?.close());

const ADD_ALIAS = `mutation ($input: AddAliasInput!) {
  addAlias(input: $input) { __typename ... on AddAliasPayload { entity { aliases } } ... on Error { message } }
}`;
const CREATE_TOKEN = `mutation ($input: CreateTokenInput!) {
  createToken(input: $input) { __typename ... on CreateTokenPayload { token apiToken { name role createdAt revokedAt } } ... on Error { message } }
}`;

async function send(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await app.post({ query, variables }, headers);
  return { status: response.status, body: await response.json() };
}

describe('refusals write nothing', () => {
  const cases: Array<[string, () => Record<string, string>, string, number]> = [
    ['no token', () => ({}), 'UNAUTHENTICATED', 401],
    ['a token nobody issued', () => bearer('cgt_not-a-real-token'), 'UNAUTHENTICATED', 401],
    ['a revoked token', () => bearer(revoked), 'UNAUTHENTICATED', 401],
    ['a header that is not Bearer', () => ({ authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }), 'UNAUTHENTICATED', 401],
  ];
  for (const [label, headers, code, status] of cases) {
    it(`${label}: ${code}, HTTP ${status}`, async () => {
      const before = await tableCounts(app.db);
      const { status: got, body } = await send(ADD_ALIAS, { input: { entity: kazakhstanId, alias: 'Qazaqstan' } }, headers());
      expect(got).toBe(status);
      expect(body.data?.addAlias ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe(code);
      expect(await tableCounts(app.db)).toEqual(before);
    });
  }

  it('no token and invalid input: still UNAUTHENTICATED, not a validation answer', async () => {
    const { status, body } = await send(ADD_ALIAS, { input: { entity: kazakhstanId, alias: '   ' } });
    expect(status).toBe(401);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('an editor calling an admin mutation or the token list: FORBIDDEN, HTTP 403', async () => {
    const before = await tableCounts(app.db);
    const created = await send(CREATE_TOKEN, { input: { name: 'sneaky', role: 'ADMIN' } }, bearer(editor));
    expect(created.status).toBe(403);
    expect(created.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(created.body.errors[0].message).toContain('ed.itor');
    const listed = await send(`{ apiTokens { name } }`, {}, bearer(editor));
    expect(listed.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await tableCounts(app.db)).toEqual(before);
  });

  it('reads need no token, and a wrong token on a read is not consulted', async () => {
    const { status, body } = await send(`{ entity(slug: "kazakhstan") { name } }`, {}, bearer('cgt_wrong'));
    expect(status).toBe(200);
    expect(body.data.entity.name).toBe('Kazakhstan');
  });
});

describe('tokens', () => {
  it('stores only the SHA-256 of a token, and records when it was last used', async () => {
    const rows = await app.db.selectFrom('api_tokens').selectAll().execute();
    for (const row of rows) {
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect([editor, admin, revoked]).not.toContain(row.token_hash);
    }
    const { body } = await send(ADD_ALIAS, { input: { entity: kazakhstanId, alias: 'Qazaqstan Respublikasy' } }, bearer(editor));
    expect(body.data.addAlias.__typename).toBe('AddAliasPayload');
    const used = await app.db.selectFrom('api_tokens').select('last_used_at').where('name', '=', 'ed.itor').executeTakeFirstOrThrow();
    expect(used.last_used_at).not.toBeNull();
  });

  it('ADMIN_TOKEN bootstraps: it issues a token through the API, which then works and can be revoked', async () => {
    const created = await send(CREATE_TOKEN, { input: { name: 'analyst-1', role: 'EDITOR', reason: 'new analyst' } }, bearer(ADMIN_TOKEN));
    expect(created.body.data.createToken.__typename).toBe('CreateTokenPayload');
    const { token, apiToken } = created.body.data.createToken;
    expect(token).toMatch(/^cgt_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({ name: 'analyst-1', role: 'EDITOR', revokedAt: null });

    const used = await send(ADD_ALIAS, { input: { entity: kazakhstanId, alias: 'KZ' } }, bearer(token));
    expect(used.body.data.addAlias.__typename).toBe('AddAliasPayload');
    const event = await app.db.selectFrom('audit_events').selectAll().where('action', '=', 'addAlias').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor: 'analyst-1', role: 'editor', target_type: 'Entity' });

    const again = await send(CREATE_TOKEN, { input: { name: 'analyst-1', role: 'EDITOR' } }, bearer(admin));
    expect(again.body.data.createToken.__typename).toBe('ConflictError');

    const revokedNow = await send(
      `mutation ($input: RevokeTokenInput!) { revokeToken(input: $input) { __typename ... on RevokeTokenPayload { apiToken { name revokedAt } } } }`,
      { input: { name: 'analyst-1', reason: 'left the team' } },
      bearer(admin),
    );
    expect(revokedNow.body.data.revokeToken.apiToken.revokedAt).not.toBeNull();
    const refused = await send(ADD_ALIAS, { input: { entity: kazakhstanId, alias: 'KZ2' } }, bearer(token));
    expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const tokenEvents = await app.db.selectFrom('audit_events').select(['action', 'actor', 'reason']).where('target_type', '=', 'Token').orderBy('id').execute();
    expect(tokenEvents).toEqual([
      { action: 'createToken', actor: 'admin-token', reason: 'new analyst' },
      { action: 'revokeToken', actor: 'ad-min', reason: 'left the team' },
    ]);
    const listed = await send(`{ apiTokens { name role revokedAt } }`, {}, bearer(admin));
    expect(listed.body.data.apiTokens.map((t: { name: string }) => t.name)).toEqual(['ed.itor', 'ad-min', 'gone', 'analyst-1']);
  });

  it('refuses a bad token name with a ValidationError naming the field', async () => {
    const { body } = await send(CREATE_TOKEN, { input: { name: 'has space', role: 'EDITOR' } }, bearer(admin));
    expect(body.data.createToken).toMatchObject({ __typename: 'ValidationError' });
  });

  it('refuses an ADMIN_TOKEN shorter than 32 characters at start-up', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'short' })).toThrow(/ADMIN_TOKEN must be at least 32 characters/);
    expect(loadConfig({ ADMIN_TOKEN }).adminToken).toBe(ADMIN_TOKEN);
    expect(loadConfig({}).adminToken).toBeNull();
  });
});

describe('npm run token', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-token-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) =>
    promisify(execFile)('npm', ['run', '-s', 'token', '--', ...args], {
      cwd: new URL('../', import.meta.url),
      env: { ...process.env, PGLITE_DIR: join(dir, 'pglite'), DATABASE_URL: '', LOG_LEVEL: 'silent' },
    });

  it('creates a token printed once, lists it without the secret, revokes it', async () => {
    const created = await run('create', '--name', 'cli-user', '--role', 'admin');
    const token = created.stdout.trim();
    expect(token).toMatch(/^cgt_[A-Za-z0-9_-]{43}$/);
    const listed = await run('list');
    expect(listed.stdout).toMatch(/^cli-user\tadmin\tcreated \S+\tlast used -\tactive$/m);
    expect(listed.stdout).not.toContain(token);
    await run('revoke', 'cli-user');
    expect((await run('list')).stdout).toMatch(/^cli-user\tadmin\t.*\trevoked \S+$/m);
    await expect(run('create', '--name', 'cli-user', '--role', 'editor')).rejects.toMatchObject({ code: 1 });
    await expect(run('create', '--name', 'x', '--role', 'superuser')).rejects.toMatchObject({ code: 1 });
  }, 60_000);
});
