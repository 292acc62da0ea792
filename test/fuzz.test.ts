// Fuzzing through the whole HTTP stack in-process (app.yoga.fetch): documents generated from the
// schema with right and wrong arguments and edge values, malformed documents and malformed HTTP.
// Whatever comes in, the answer is never a 5xx, is JSON, and every error is either a GraphQL
// syntax/validation message or a typed client error; none is a masked server error ("Unexpected
// error."), none shows SQL, a stack or a file path; and the data reads the same afterwards.
//
// Reproduce a run with FUZZ_SEED=<seed> (printed); FUZZ_COUNT and FUZZ_SECONDS bound it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';
import { describeRequest, fuzzCase, loadSchema, CURSORS, IDS, type FuzzRequest } from './support/fuzz-documents.ts';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const MAX_CASES = Number(process.env.FUZZ_COUNT ?? 4000);
/** Sending stops after this long once MIN_CASES were sent, and in any case after HARD_MAX_MS. */
const MAX_MS = Number(process.env.FUZZ_SECONDS ?? 25) * 1000;
const MIN_CASES = Math.min(1500, MAX_CASES);
const HARD_MAX_MS = Math.max(MAX_MS, 45_000);
const CONCURRENCY = 4;

/** Codes a client may be given: yoga's own for bad requests and documents, and the service's typed ones. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'INVALID_ID',
  'INVALID_CURSOR',
  'PATH_SEARCH_TOO_BROAD',
  'INPUT_TOO_LONG',
  'QUERY_TOO_COMPLEX',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_TOKENS',
  'TOO_MANY_DIRECTIVES',
  'INTROSPECTION_DISABLED',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  // Mutations sent without a token.
  'UNAUTHENTICATED',
  'FORBIDDEN',
]);
/** Typed, but a sign of load or trouble rather than of bad input: allowed, and counted apart. */
const SERVER_CONDITION_CODES = new Set(['QUERY_TIMEOUT', 'DATABASE_UNAVAILABLE', 'REQUEST_CANCELLED']);
/**
 * Messages given without a code: yoga's CSRF refusal, and graphql-js's own variable-coercion and
 * operation messages (yoga passes them through as they are).
 */
const UNCODED_MESSAGES = [
  /^Required CSRF header\(s\) not present$/,
  /^Variable "\$\w+" (got invalid value|of required type "[^"]+" was not provided|of non-null type "[^"]+" must not be null)/,
  /^Schema is not configured to execute (subscription|mutation) operation\.$/,
];

/** Texts that must never reach a client: stacks, file paths, SQL and PostgreSQL's messages. */
const LEAKS: Array<[string, RegExp]> = [
  ['stack line', /\n\s+at \S|^\s*at \S+ \(/m],
  ['stack property', /"stack"\s*:/],
  ['file path', /\/src\/|node_modules|\.ts:\d+|file:\/\//],
  ['PostgreSQL relation', /relation "/],
  ['PostgreSQL syntax', /syntax error at or near/],
  ['PostgreSQL column', /column "[^"]*" (does not exist|of relation)|column \S+ does not exist/],
  ['PostgreSQL text', /invalid input syntax for|invalid byte sequence|value out of range|out of range for type|violates .* constraint|operator does not exist|function \S+ does not exist|current transaction is aborted/i],
  ['SQL statement', /\bselect\s+[\w"*].*\bfrom\s+"/i],
  ['driver', /PGlite|RuntimeError|unreachable|\bpg_catalog\b/],
];

interface Outcome {
  index: number;
  request: FuzzRequest;
  status: number;
  ms: number;
  kind: string;
  problems: string[];
  masked: number;
  serverCondition: string[];
}

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ corpus: true });
  // Real IDs and cursors join the forged ones, so some arguments reach the database with valid values.
  const { data } = await app.graphql(`{
    entities(first: 3) { edges { cursor node { id relations(first: 2) { edges { cursor node { id } } } claims(first: 2) { edges { cursor node { id citations { id } } } } } } }
    articles(first: 2) { edges { cursor node { id } } }
  }`);
  const ids = new Set<string>();
  const cursors = new Set<string>();
  JSON.stringify(data, (key, value) => {
    if (key === 'id' && typeof value === 'string') ids.add(value);
    if (key === 'cursor' && typeof value === 'string') cursors.add(value);
    return value;
  });
  IDS.push(...ids);
  CURSORS.push(...cursors);
});
afterAll(() => app?.close());

const READS = `{
  entities { totalCount } claims { totalCount } articles { totalCount } relations { totalCount }
  metrics { metric claimCount }
  walk: entities(search: "KTZ", kind: COMPANY, first: 5) { edges { node { name
    relations(kind: OPERATES_TERMINAL) { edges { node { object { name
      claims(first: 20) { edges { node { metric value unit citations { quote article { title publishedAt } } } } }
    } } } }
  } } }
}`;

async function reads(): Promise<string> {
  const result = await app.graphql(READS);
  expect(result.errors).toBeUndefined();
  return JSON.stringify(result.data);
}

function checkErrors(errors: unknown, outcome: Outcome): void {
  if (!Array.isArray(errors)) {
    outcome.problems.push(`"errors" is not a list: ${JSON.stringify(errors)?.slice(0, 200)}`);
    return;
  }
  for (const error of errors as Array<{ message?: unknown; extensions?: { code?: unknown } }>) {
    const message = typeof error?.message === 'string' ? error.message : null;
    const code = typeof error?.extensions?.code === 'string' ? error.extensions.code : null;
    const text = JSON.stringify(error);
    for (const [name, pattern] of LEAKS) if (pattern.test(text)) outcome.problems.push(`${name} in error: ${text.slice(0, 300)}`);
    if (message === null) outcome.problems.push(`error without a message: ${text.slice(0, 200)}`);
    else if (message === 'Unexpected error.') outcome.masked += 1;
    else if (code !== null && SERVER_CONDITION_CODES.has(code)) outcome.serverCondition.push(code);
    else if (code !== null && !CLIENT_CODES.has(code)) outcome.problems.push(`unknown code ${code}: ${message.slice(0, 200)}`);
    else if (code === null && !UNCODED_MESSAGES.some((pattern) => pattern.test(message))) outcome.problems.push(`error without a code: ${message.slice(0, 200)}`);
  }
}

function kindOf(status: number, body: { data?: unknown; errors?: Array<{ message?: string; extensions?: { code?: string } }> } | null, contentType: string): string {
  if (!body) return `${status} ${contentType.split(';')[0] || 'no body'}`;
  const first = body.errors?.[0];
  const code = first?.message === 'Unexpected error.' ? 'UNEXPECTED' : (first?.extensions?.code ?? (first ? 'uncoded' : null));
  if (!code) return 'data';
  if (body.data) return `data + ${code}`;
  return code;
}

async function send(index: number, request: FuzzRequest): Promise<Outcome> {
  const outcome: Outcome = { index, request, status: 0, ms: 0, kind: '', problems: [], masked: 0, serverCondition: [] };
  const started = performance.now();
  let response: Response;
  try {
    const init: RequestInit = { method: request.method, headers: request.headers };
    // A Uint8Array body is fine at run time; TypeScript 5.9's typed-array generics make it a cast.
    if (request.body !== undefined) init.body = request.body as unknown as BodyInit;
    response = await app.yoga.fetch(request.url, init);
  } catch (error) {
    outcome.ms = performance.now() - started;
    outcome.kind = 'threw';
    outcome.problems.push(`yoga.fetch threw: ${String(error).slice(0, 300)}`);
    return outcome;
  }
  const text = await response.text();
  outcome.ms = performance.now() - started;
  outcome.status = response.status;
  if (response.status >= 500) outcome.problems.push(`HTTP ${response.status}`);
  const contentType = response.headers.get('content-type') ?? '';
  let body: Record<string, unknown> | null = null;
  if (request.method === 'HEAD' || (text === '' && [404, 405, 406, 415].includes(response.status))) {
    // HEAD (node:http drops its body on a socket), or an HTTP-level refusal (unknown route or method,
    // unacceptable or unsupported media type), which may come without a body.
  } else if (/json/.test(contentType)) {
    try {
      body = JSON.parse(text);
    } catch {
      outcome.problems.push(`content-type ${contentType} but the body is not JSON: ${text.slice(0, 200)}`);
    }
  } else if (!request.nonJsonAllowed && request.method !== 'HEAD') {
    outcome.problems.push(`not JSON (HTTP ${response.status}, content-type "${contentType}"): ${text.slice(0, 200)}`);
  } else {
    // GraphiQL, an event stream or another route: still no stacks or SQL in it.
    const errorPart = /text\/html/.test(contentType) ? '' : text;
    for (const [name, pattern] of LEAKS.slice(0, 3)) if (pattern.test(errorPart)) outcome.problems.push(`${name} in a ${contentType} body: ${text.slice(0, 200)}`);
  }
  if (body && typeof body === 'object' && 'errors' in body) checkErrors(body.errors, outcome);
  outcome.kind = kindOf(response.status, body as never, contentType);
  return outcome;
}

const slowestAll = (outcomes: Outcome[]) =>
  [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 25).map((o) => `${o.ms.toFixed(0)} ${o.kind} ${describeRequest(o.request, 300)}`).join('\n');

describe(`fuzzing (seed ${SEED})`, () => {
  it('never answers 5xx, non-JSON, an untyped or masked error, or a leak; reads are unchanged', async () => {
    console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} reproduces this run)`);
    const schema = loadSchema();
    const before = await reads();

    const outcomes: Outcome[] = [];
    const soft = performance.now() + MAX_MS;
    const hard = performance.now() + HARD_MAX_MS;
    const more = () => {
      const now = performance.now();
      return next < MAX_CASES && (now < soft || (next < MIN_CASES && now < hard));
    };
    let next = 0;
    const worker = async () => {
      while (more()) {
        const index = next++;
        outcomes.push(await send(index, fuzzCase(SEED, index, schema)));
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const elapsed = performance.now() - started;

    const after = await reads();

    // Summary: how many, what came back, how long the slowest took.
    const byKind = new Map<string, number>();
    const byFamily = new Map<string, number>();
    const msByFamily = new Map<string, number>();
    for (const outcome of outcomes) {
      byKind.set(outcome.kind, (byKind.get(outcome.kind) ?? 0) + 1);
      const family = outcome.request.family.split(':')[0]!;
      byFamily.set(family, (byFamily.get(family) ?? 0) + 1);
      msByFamily.set(outcome.request.family, (msByFamily.get(outcome.request.family) ?? 0) + outcome.ms);
    }
    const slowest = [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 3);
    const masked = outcomes.filter((outcome) => outcome.masked > 0);
    const conditions = outcomes.filter((outcome) => outcome.serverCondition.length > 0);
    const problems = outcomes.filter((outcome) => outcome.problems.length > 0);
    const lines = [
      `fuzz: seed ${SEED}, ${outcomes.length} requests in ${(elapsed / 1000).toFixed(1)} s (${[...byFamily].map(([f, n]) => `${f} ${n}`).join(', ')})`,
      `  outcomes: ${[...byKind].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`,
      `  max latency ${slowest[0]?.ms.toFixed(0)} ms; slowest: ${slowest.map((o) => `#${o.index} ${o.request.family} ${o.ms.toFixed(0)} ms`).join('; ')}`,
      `  masked "Unexpected error." responses: ${masked.length}; typed server conditions (timeouts, database): ${conditions.length}; other problems: ${problems.length}`,
    ];
    console.log(lines.join('\n'));
    if (process.env.FUZZ_VERBOSE) console.log(slowestAll(outcomes));
    if (process.env.FUZZ_VERBOSE) console.log([...msByFamily].sort((a, b) => b[1] - a[1]).map(([f, ms]) => `${f} ${ms.toFixed(0)}`).join(', '));
    if (masked.length) console.log(`first masked errors (bugs):\n${masked.slice(0, 5).map((o) => `  #${o.index}: ${describeRequest(o.request)}`).join('\n')}`);
    if (conditions.length) console.log(`typed server conditions:\n${conditions.slice(0, 5).map((o) => `  #${o.index} ${o.serverCondition.join(',')}: ${describeRequest(o.request)}`).join('\n')}`);
    const problemKinds = new Map<string, number>();
    for (const o of problems) for (const p of o.problems) {
      const key = p.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N').slice(0, 90);
      problemKinds.set(key, (problemKinds.get(key) ?? 0) + 1);
    }
    if (problemKinds.size) console.log(`problem kinds:\n${[...problemKinds].map(([k, n]) => `  ${n} × ${k}`).join('\n')}`);
    const report = problems.slice(0, 8).map((o) => `  #${o.index} (seed ${SEED}) ${o.problems.slice(0, 3).join(' | ')}\n     ${describeRequest(o.request)}`);

    expect(outcomes.length, `only ${outcomes.length} requests in ${HARD_MAX_MS} ms`).toBeGreaterThanOrEqual(MIN_CASES);
    expect(problems.length, `requests with problems:\n${report.join('\n')}`).toBe(0);
    expect(masked.length, `masked server errors, first inputs:\n${masked.slice(0, 5).map((o) => `  #${o.index}: ${describeRequest(o.request)}`).join('\n')}`).toBe(0);
    expect(after).toBe(before);
  }, 120_000);
});
