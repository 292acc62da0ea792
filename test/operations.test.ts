// What operators and browsers meet: /health, /ready, /metrics, request ids and JSON logs; CORS for
// allowed origins only, CSRF prevention, GraphiQL served whole from the package.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../src/http/browser.ts';
import { createTestApp, onServer, type TestApp } from './support/app.ts';

let app: TestApp;
const logLines: Array<Record<string, unknown>> = [];
let logText = '';

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logText += String(chunk);
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  app = await createTestApp({ corpus: true, logger: pino({ level: 'info' }, sink) });
});
afterAll(() => app?.close());

const fetchPath = (path: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise.resolve(app.yoga.fetch(`http://api.test${path}`, init as never));

describe('health, readiness and metrics', () => {
  it('/health says the process answers', async () => {
    expect((await fetchPath('/health')).status).toBe(200);
  });

  it('/ready says the database answers and every migration is applied', async () => {
    const response = await fetchPath('/ready');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, problem: null, pendingMigrations: [] });
  });

  it('/ready is 503 with the reason while a migration is missing', async () => {
    await app.db.updateTable('kysely_migration' as never).set({ name: 'renamed-for-test' } as never).where('name' as never, '=', '2026-11-25-02-search' as never).execute();
    try {
      const response = await fetchPath('/ready');
      expect(response.status).toBe(503);
      expect((await response.json()).pendingMigrations).toEqual(['2026-11-25-02-search']);
    } finally {
      await app.db.updateTable('kysely_migration' as never).set({ name: '2026-11-25-02-search' } as never).where('name' as never, '=', 'renamed-for-test' as never).execute();
    }
    expect((await fetchPath('/ready')).status).toBe(200);
  });

  it('/metrics counts requests, errors and durations per operation name, and the pool', async () => {
    await app.post({ query: 'query WalkMetrics { entities(first: 1) { totalCount } }' });
    await app.post({ query: 'query BrokenMetrics { entities(first: 500) { totalCount } }' });
    const response = await fetchPath('/metrics');
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/graphql_envelop_request\{operationName="WalkMetrics",operationType="query"\} 1/);
    expect(text).toMatch(/graphql_yoga_http_duration_count\{operationName="WalkMetrics",operationType="query",method="POST",statusCode="200"\} 1/);
    expect(text).toMatch(/graphql_envelop_error_result\{operationName="BrokenMetrics",operationType="query",phase="execute"\} 1/);
    expect(text).toMatch(/process_resident_memory_bytes \d+/);
    if (onServer) expect(text).toMatch(/corridor_db_pool_connections\{state="idle"\} \d+/);
  });

  it('keeps at most 200 operation names as labels, so random names cannot grow memory without end', async () => {
    for (let i = 0; i < 210; i += 1) await app.post({ query: `query Random${i} { __typename }` });
    const text = await (await fetchPath('/metrics')).text();
    expect(text).toMatch(/graphql_envelop_request\{operationName="other",operationType="query"\} \d+/);
    expect(text).not.toMatch(/operationName="Random209"/);
  });
});

describe('request ids and logs', () => {
  it('echoes a plain x-request-id, replaces a strange one, and logs one JSON line per request', async () => {
    const given = await app.post({ query: 'query Logged { __typename }' }, { 'x-request-id': 'trace-42' });
    expect(given.headers.get('x-request-id')).toBe('trace-42');
    const replaced = await app.post({ query: '{ __typename }' }, { 'x-request-id': 'bad id\twith spaces' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const line = logLines.find((entry) => entry.requestId === 'trace-42');
    expect(line).toMatchObject({ msg: 'request', method: 'POST', path: '/graphql', status: 200, operation: 'Logged' });
    expect(typeof line?.ms).toBe('number');
  });

  it('never writes documents or variables to the log', async () => {
    const secret = `needle-${'x'.repeat(5000)}`;
    await app.post({ query: 'query($q: String) { entities(search: $q) { totalCount } }', variables: { q: secret } });
    await app.post({ query: `{ entity(slug: "${secret}") { name } }` });
    expect(logText).not.toContain('needle-');
  });
});

describe('browsers', () => {
  const preflight = (origin: string) =>
    fetchPath('/graphql', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', host: 'api.test' } });

  it('answers CORS for its own origin and localhost, without credentials', async () => {
    for (const origin of ['http://api.test', 'http://localhost:5173', 'http://127.0.0.1:3000']) {
      const response = await preflight(origin);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('gives other origins no CORS headers at all', async () => {
    const response = await preflight('https://evil.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const post = await app.post({ query: '{ __typename }' }, { origin: 'https://evil.example' });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the origins listed in CORS_ORIGINS', async () => {
    const listed = await createTestApp({ env: { CORS_ORIGINS: 'https://explorer.example.org' } });
    try {
      const response = await listed.yoga.fetch('http://api.test/graphql', {
        method: 'OPTIONS',
        headers: { origin: 'https://explorer.example.org', 'access-control-request-method': 'POST' },
      });
      expect(response.headers.get('access-control-allow-origin')).toBe('https://explorer.example.org');
    } finally {
      await listed.close();
    }
  });

  it('refuses requests a page can send cross-site without a preflight (CSRF)', async () => {
    const get = await fetchPath('/graphql?query=%7B__typename%7D', { headers: { accept: 'application/json' } });
    expect(get.status).toBe(403);
    const form = await fetchPath('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B__typename%7D',
    });
    expect(form.status).toBe(403);
    const plain = await fetchPath('/graphql', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{__typename}"}' });
    expect(plain.status).toBe(403);
    // A client that sets the header (which a cross-site page cannot do without CORS allowing it) gets through.
    const allowed = await fetchPath('/graphql?query=%7B__typename%7D', { headers: { accept: 'application/json', [CSRF_HEADER]: '1' } });
    expect(allowed.status).toBe(200);
  });

  it('serves GraphiQL with every script and style inline: nothing loads from another host', async () => {
    const response = await fetchPath('/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/renderYogaGraphiQL/);
    expect(html.length).toBeGreaterThan(500_000);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/i);
    expect(html).not.toMatch(/@import\s+url\(["']?https?:/i);
    expect(html).not.toMatch(/unpkg\.com|cdn\.jsdelivr|esm\.sh/);
  });
});

describe('timeouts', () => {
  it('ends a request that runs past REQUEST_TIMEOUT_MS with QUERY_TIMEOUT: its remaining statements are not run', async () => {
    const hurried = await createTestApp({ corpus: true, env: { REQUEST_TIMEOUT_MS: '1' } });
    try {
      // A walk of several levels: the first statements may beat the 1 ms timer, the later ones cannot.
      // (totalCount makes each level a statement of its own; without it the walk is a single statement.)
      const walk = `{ entities(search: "KTZ", kind: COMPANY, first: 5) { edges { node { name
        relations(kind: OPERATES_TERMINAL) { totalCount edges { node { object { name claims(first: 20) { totalCount edges { node { metric
        subjects { entity { name } } citations { quote article { title } } } } } } } } } } } } }`;
      app.resetStatements();
      expect((await app.graphql(walk)).errors).toBeUndefined();
      const unhurried = app.statements.length;
      hurried.resetStatements();
      const result = await hurried.graphql(walk);
      expect(hurried.statements.length).toBeLessThan(unhurried);
      const codes = new Set(result.errors?.map((error) => error.extensions?.code));
      expect([...codes]).toEqual(['QUERY_TIMEOUT']);
      expect(result.errors?.[0]?.message).toMatch(/request timeout \(REQUEST_TIMEOUT_MS\)/);
    } finally {
      await hurried.close();
    }
  });
});
