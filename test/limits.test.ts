// Query limits: what a client may ask for, each refusal typed, named and numbered, decided before any
// SQL runs; and everything the README and GraphiQL show as examples stays within them.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createTestApp, type TestApp } from './support/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ corpus: true });
});
afterAll(() => app?.close());

const limits = loadConfig({}).limits;

/** Sends a document and reports the first error's code, the HTTP status and the SQL it cost. */
async function refusal(query: string, variables?: Record<string, unknown>) {
  app.resetStatements();
  const response = await app.post({ query, variables });
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  return { status: response.status, body, error: body.errors?.[0], statements: app.statements.length };
}

const nested = (levels: number, page: string): string =>
  levels === 0 ? 'name' : `relations${page} { edges { node { object { ${nested(levels - 1, page)} } } } }`;

describe('the node budget', () => {
  it('runs every example of the README and reports its cost', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) {
      const result = await app.graphql(example);
      expect(result.errors, example).toBeUndefined();
      expect(result.extensions?.cost?.requested).toBeGreaterThan(0);
      expect(result.extensions?.cost?.requested).toBeLessThanOrEqual(limits.cost);
      expect(result.extensions?.cost?.limit).toBe(limits.cost);
    }
  });

  it("runs GraphiQL's opening tabs: the walk, a search, a series and a path", async () => {
    const page = await app.yoga.fetch('http://test/graphql', { headers: { accept: 'text/html' } });
    const html = await page.text();
    const options = JSON.parse(/renderYogaGraphiQL\(\s*window\.document\.querySelector\('#root'\),\s*(\{[\s\S]*?\}),\s*\);\s*<\/script>/.exec(html)![1]!);
    const tabs = options.defaultTabs as Array<{ query: string; variables?: string }>;
    expect(tabs.map((tab) => /\{\s*(\w+)|query \w+\([^)]*\)\s*\{\s*(\w+)/.exec(tab.query.replace(/^#.*\n/gm, ''))?.slice(1).find(Boolean))).toEqual([
      'entities',
      'search',
      'series',
      'path',
    ]);
    for (const tab of tabs) {
      const result = await app.graphql(tab.query, tab.variables ? JSON.parse(tab.variables) : undefined);
      expect(result.errors, tab.query).toBeUndefined();
      expect(JSON.stringify(result.data)).not.toBe('{}');
    }
    const path = await app.graphql(tabs[3]!.query, JSON.parse(tabs[3]!.variables!));
    expect(path.data.path.length).toBeGreaterThan(0);
  });

  it('refuses five levels of first: 100, and the issue\'s 232-byte request at default sizes, before any SQL runs', async () => {
    for (const page of ['(first: 100)', '']) {
      const started = performance.now();
      const { status, error, statements } = await refusal(`{ entity(slug: "kazakhstan") { ${nested(5, page)} } }`);
      expect(status).toBe(200);
      // Five hops are too deep as well as too costly; depth is checked first, during validation.
      expect(['QUERY_TOO_DEEP', 'QUERY_TOO_COMPLEX']).toContain(error?.extensions?.code);
      expect(statements).toBe(0);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });

  const wide = `{ entities(first: 100) { edges { node { relations(first: 100) { edges { node { object {
    claims(first: 100) { edges { node { citations { article { title } } } } } } } } } } } } }`;

  it('refuses a query within the depth limit whose pages multiply past the budget, naming cost and limit', async () => {
    const { status, error, statements } = await refusal(wide);
    expect(status).toBe(200);
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: limits.cost });
    expect(error?.extensions?.cost).toBeGreaterThan(100 ** 3);
    expect(error?.message).toMatch(new RegExp(`Query cost \\d+ exceeds the limit of ${limits.cost} \\(COST_LIMIT\\)`));
    expect(statements).toBe(0);
  });

  it('prices variables and the operation that runs, not the first one of the document', async () => {
    const document = `query Small { entities(first: 1) { totalCount } } query Big($n: Int) { entity(slug: "kazakhstan") { ${nested(3, '(first: $n)')} } }`;
    expect((await app.post({ query: document, operationName: 'Small' }).then((r) => r.json())).errors).toBeUndefined();
    const big = await app.post({ query: document, operationName: 'Big', variables: { n: 50 } }).then((r) => r.json());
    expect(big.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    const fine = await app.post({ query: document, operationName: 'Big', variables: { n: 2 } }).then((r) => r.json());
    expect(fine.errors).toBeUndefined();
    expect(fine.extensions.cost.requested).toBeLessThan(100);
  });

  it('takes its budget from COST_LIMIT, and the budget alone refuses five nested hops', async () => {
    const strict = await createTestApp({ corpus: false, env: { COST_LIMIT: '10', DEPTH_LIMIT: '40' } });
    try {
      const fiveHops = await strict.graphql(`{ entity(slug: "kazakhstan") { ${nested(5, '')} } }`);
      expect(fiveHops.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 10 });
      const result = await strict.graphql(`{ entities(first: 20) { edges { node { name } } } }`);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: 41, limit: 10 });
      expect((await strict.graphql(`{ entities(first: 4) { edges { node { name } } } }`)).errors).toBeUndefined();
    } finally {
      await strict.close();
    }
  });
});

describe('the shape of a document', () => {
  it('refuses nesting deeper than DEPTH_LIMIT', async () => {
    const { status, error } = await refusal(`{ entity(slug: "kazakhstan") { ${nested(4, '(first: 1)')} } }`);
    expect(status).toBe(200);
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', limit: limits.depth });
    expect(error?.message).toMatch(new RegExp(`depth limit of ${limits.depth} exceeded, found \\d+`));
  });

  it('refuses more aliases than ALIAS_LIMIT, 1,000 aliases of __schema included', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ');
    const started = performance.now();
    const { error, statements } = await refusal(`{ ${aliases} }`);
    expect(['TOO_MANY_ALIASES', 'TOO_MANY_TOKENS']).toContain(error?.extensions?.code);
    expect(statements).toBe(0);
    expect(performance.now() - started).toBeLessThan(1000);
    const few = Array.from({ length: limits.aliases + 1 }, (_, i) => `a${i}: entities(first: 1) { totalCount }`).join(' ');
    const { error: aliasError } = await refusal(`{ ${few} }`);
    expect(aliasError?.extensions).toMatchObject({ code: 'TOO_MANY_ALIASES', limit: limits.aliases });
    expect(aliasError?.message).toMatch(new RegExp(`Aliases limit of ${limits.aliases} exceeded, found ${limits.aliases + 1}`));
  });

  it('refuses documents longer than TOKEN_LIMIT before parsing them whole, 1,000 nesting levels included', async () => {
    const { status, error } = await refusal(`{ ${'entities { totalCount } '.repeat(Math.ceil(limits.tokens / 4))} }`);
    expect(status).toBe(200);
    expect(error?.extensions).toMatchObject({ code: 'TOO_MANY_TOKENS', limit: limits.tokens });
    // A thousand levels of plain braces used to overflow the parser's stack into an HTTP 500.
    const deep = await app.post({ query: `{ ${'a { '.repeat(1000)}b${' }'.repeat(1000)} }` });
    expect(deep.status).toBeLessThan(500);
    expect((await deep.json()).errors[0].extensions.code).toBe('TOO_MANY_TOKENS');
  });

  it('refuses more directives than DIRECTIVE_LIMIT', async () => {
    const { error } = await refusal(`{ __typename ${'@skip(if: false) '.repeat(limits.directives + 1)}}`);
    expect(error?.extensions).toMatchObject({ code: 'TOO_MANY_DIRECTIVES', limit: limits.directives });
  });

  it('suggests field names in development and not in production (FIELD_SUGGESTIONS)', async () => {
    const dev = await app.graphql(`{ entitie { totalCount } }`);
    expect(dev.errors?.[0]?.message).toMatch(/Did you mean "entities"|Did you mean "entity"/);
    const production = await createTestApp({ env: { NODE_ENV: 'production' } });
    try {
      const result = await production.graphql(`{ entitie { totalCount } }`);
      expect(result.errors?.[0]?.message).toMatch(/Cannot query field "entitie"/);
      expect(result.errors?.[0]?.message).not.toMatch(/Did you mean/);
    } finally {
      await production.close();
    }
  });

  it('turns introspection and GraphiQL off by configuration', async () => {
    const closed = await createTestApp({ env: { INTROSPECTION: 'false', GRAPHIQL: 'false' } });
    try {
      const result = await closed.graphql(`{ __schema { queryType { name } } }`);
      expect(result.errors?.[0]?.message).toMatch(/introspection has been disabled/);
      expect((await closed.graphql(`{ entities(first: 1) { totalCount } }`)).errors).toBeUndefined();
      const page = await closed.yoga.fetch('http://test/graphql', { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toMatch(/renderYogaGraphiQL/);
    } finally {
      await closed.close();
    }
  });
});

describe('input sizes', () => {
  it('refuses a string argument or variable longer than STRING_LIMIT before execution', async () => {
    const long = 'x'.repeat(limits.stringLength + 1);
    const literal = await refusal(`{ entity(slug: "${long}") { name } }`);
    expect(literal.error?.extensions).toMatchObject({ code: 'INPUT_TOO_LONG', limit: limits.stringLength });
    expect(literal.error?.message).toMatch(new RegExp(`"slug" is ${long.length} characters long; the limit is ${limits.stringLength}`));
    expect(literal.statements).toBe(0);
    const variable = await refusal(`query($s: String!) { entity(slug: $s) { name } }`, { s: long });
    expect(variable.error?.message).toMatch(/"\$s" is/);
    expect(variable.statements).toBe(0);
  });

  it('caps search terms at 200 characters: a 10 KB search is refused at once', async () => {
    for (const field of ['entities', 'articles']) {
      const started = performance.now();
      const result = await refusal(`query($q: String) { ${field}(search: $q) { totalCount } }`, { q: 'Khorgos '.repeat(120) });
      expect(result.error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 200 });
      expect(result.statements).toBe(0);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });

  it('refuses NUL characters and year 0000 with BAD_USER_INPUT rather than a masked error', async () => {
    const nul = await refusal(`query($s: String!) { entity(slug: $s) { name } }`, { s: 'kazakh\u0000stan' });
    expect(nul.error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(nul.error?.message).toMatch(/NUL/);
    // A default value written in the document is what runs when the request leaves the variable out.
    const nulDefault = await refusal(`query($s: String = "kazakh\\u0000stan") { entity(slug: $s) { name } }`);
    expect(nulDefault.error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(nulDefault.error?.message).toMatch(/"\$s" contains a NUL/);
    const longDefault = await refusal(`query($q: String = "${'Khorgos '.repeat(120)}") { entities(search: $q) { totalCount } }`);
    expect(longDefault.error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 200 });
    const zero = await refusal(`{ entity(slug: "kazakhstan", asOf: "0000-01-01") { name } }`);
    expect(zero.error?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a body over BODY_LIMIT_BYTES with HTTP 413', async () => {
    const response = await app.post({ query: `{ __typename }`, variables: { padding: 'x'.repeat(limits.bodyBytes) } });
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].message).toMatch(/too large/i);
  });

  it('refuses batched requests by default, and caps them at BATCH_LIMIT when enabled', async () => {
    const batch = (n: number) => Array.from({ length: n }, () => ({ query: '{ __typename }' }));
    const refused = await app.post(batch(2));
    expect(refused.status).toBe(400);
    const batching = await createTestApp({ env: { BATCH_LIMIT: '3' } });
    try {
      const ok = await batching.post(batch(3));
      expect(ok.status).toBe(200);
      expect(await ok.json()).toHaveLength(3);
      const over = await batching.post(batch(4));
      expect(over.status).toBe(413);
      expect(JSON.stringify(await over.json())).toMatch(/Batching is limited to 3 operations/);
    } finally {
      await batching.close();
    }
  });

  it('answers malformed variables in a GET with 400 and a message, not 500', async () => {
    const response = await app.yoga.fetch('http://test/graphql?query=%7B__typename%7D&variables=%7Bbad', {
      headers: { 'x-graphql-yoga-csrf': '1', accept: 'application/json' },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].message).toMatch(/"variables" parameter is not valid JSON/);
  });
});

describe('refusals are counted', () => {
  it('in corridor_requests_refused_total by limit', async () => {
    const text = await (await app.yoga.fetch('http://test/metrics')).text();
    expect(text).toMatch(/corridor_requests_refused_total\{limit="cost"\} [1-9]/);
    expect(text).toMatch(/corridor_requests_refused_total\{limit="depth"\} [1-9]/);
    expect(text).toMatch(/corridor_requests_refused_total\{limit="string-length"\} [1-9]/);
  });
});
