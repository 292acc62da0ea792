// Query.viewer: the token's name and role, null without a token, UNAUTHENTICATED (401) for a bad one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';
import { bearer, createToken } from './support/tokens.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app?.close());

const VIEWER = '{ viewer { name role } }';

describe('Query.viewer', () => {
  it('names the caller of a valid token', async () => {
    const token = await createToken(app.db, 'viewer-editor', 'editor');
    const response = await app.post({ query: VIEWER }, bearer(token));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ data: { viewer: { name: 'viewer-editor', role: 'EDITOR' } } });
  });

  it('is null without a token', async () => {
    const result = await app.graphql(VIEWER);
    expect(result.errors).toBeUndefined();
    expect(result.data.viewer).toBeNull();
  });

  it('refuses an unknown or revoked token with UNAUTHENTICATED and HTTP 401', async () => {
    const unknown = await app.post({ query: VIEWER }, bearer('not-a-real-token-0123456789'));
    expect(unknown.status).toBe(401);
    const body = await unknown.json();
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.data?.viewer ?? null).toBeNull();

    const token = await createToken(app.db, 'viewer-revoked', 'editor');
    await app.db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('name', '=', 'viewer-revoked').execute();
    const revoked = await app.post({ query: VIEWER }, bearer(token));
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).errors[0].message).toMatch(/revoked/);
  });
});
