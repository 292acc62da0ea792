// Hostile documents through a real HTTP server on 127.0.0.1: each is refused quickly, with a typed
// code, before any SQL runs; and while several clients keep sending them, a cheap query from another
// client keeps being answered correctly and promptly (the event loop and the sockets are shared).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';
import { listenOnLoopback, type Listening } from './support/listen.ts';

let app: TestApp;
let listening: Listening;
beforeAll(async () => {
  app = await createTestApp({ corpus: true });
  listening = await listenOnLoopback(app.yoga);
});
afterAll(async () => {
  await listening?.close();
  await app?.close();
});

/** `levels` nested relations from Kazakhstan: entity -> relations -> edges -> node -> object -> relations ... */
function nestedRelations(levels: number, page: string): string {
  return `{ entity(slug: "kazakhstan") { ${`relations${page} { edges { node { object { `.repeat(levels)}name${' } } } }'.repeat(levels)} } }`;
}

const aliases = (count: number, selection: string) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(' ')} }`;

interface Hostile {
  name: string;
  /** The raw request body (JSON text). */
  body: string;
  /** What a refusal of it may look like: HTTP status and the codes it may carry. */
  status: number[];
  codes: string[];
}

const SHAPE_CODES = ['QUERY_TOO_COMPLEX', 'QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_TOKENS'];
const json = (payload: unknown) => JSON.stringify(payload);

const HOSTILE: Hostile[] = [
  { name: '(a) 5-deep relations, default pages', body: json({ query: nestedRelations(5, '') }), status: [200, 400], codes: SHAPE_CODES },
  { name: '(b) 5-deep relations, first: 100', body: json({ query: nestedRelations(5, '(first: 100)') }), status: [200, 400], codes: SHAPE_CODES },
  // Within the depth limit, so it is the node budget that refuses it: 100 × 100 × 100 nodes.
  { name: '(b) 3-deep relations, first: 100', body: json({ query: nestedRelations(3, '(first: 100)') }), status: [200, 400], codes: ['QUERY_TOO_COMPLEX'] },
  { name: '(c) 10,000 aliases of entities(first: 100)', body: json({ query: aliases(10_000, 'entities(first: 100) { edges { node { name } } }') }), status: [200, 400], codes: SHAPE_CODES },
  { name: '(d) 1,000 aliases of __schema', body: json({ query: aliases(1_000, '__schema { types { name fields { name } } }') }), status: [200, 400], codes: SHAPE_CODES },
  { name: '(e) entities(search: 10 KB)', body: json({ query: `{ entities(search: "${'k'.repeat(10 * 1024)}") { totalCount } }` }), status: [200, 400], codes: ['BAD_USER_INPUT', 'INPUT_TOO_LONG'] },
  { name: '(e) entities(search: 100 KB)', body: json({ query: `{ entities(search: "${'k'.repeat(100 * 1024)}") { totalCount } }` }), status: [200, 400], codes: ['BAD_USER_INPUT', 'INPUT_TOO_LONG'] },
  { name: '(e) $search variable, 100 KB', body: json({ query: 'query($s: String) { entities(search: $s) { totalCount } }', variables: { s: 'k'.repeat(100 * 1024) } }), status: [200, 400], codes: ['BAD_USER_INPUT', 'INPUT_TOO_LONG'] },
  { name: '(f) 2 MB request body', body: json({ query: `{ entities { totalCount } }`, variables: { pad: 'p'.repeat(2 * 1024 * 1024) } }), status: [413], codes: [] },
  { name: '(g) 1,000-deep selection', body: json({ query: nestedRelations(250, '') }), status: [200, 400], codes: SHAPE_CODES },
  { name: '(g) 1,000-deep braces', body: json({ query: `{ ${'a { '.repeat(1000)}b${' }'.repeat(1000)} }` }), status: [200, 400], codes: [...SHAPE_CODES, 'GRAPHQL_PARSE_FAILED'] },
  { name: '(h) batch of 50 operations', body: json(Array.from({ length: 50 }, () => ({ query: '{ entities(first: 100) { totalCount } }' }))), status: [400], codes: ['BAD_REQUEST'] },
];

interface Answer {
  status: number;
  codes: string[];
  text: string;
  ms: number;
}

async function post(body: string): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(listening.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body });
  const text = await response.text();
  const ms = performance.now() - started;
  let codes: string[] = [];
  try {
    codes = (JSON.parse(text).errors ?? []).map((error: { extensions?: { code?: string } }) => error.extensions?.code ?? '(none)');
  } catch {
    codes = ['(not JSON)'];
  }
  return { status: response.status, codes, text, ms };
}

const CHEAP = json({ query: '{ entities(first: 1) { totalCount } }' });

describe('hostile documents', () => {
  it('are each refused within a second, with a typed code, before any SQL runs', async () => {
    const rows: string[] = [];
    const problems: string[] = [];
    for (const hostile of HOSTILE) {
      app.resetStatements();
      const answer = await post(hostile.body);
      const statements = app.statements.length;
      const code = answer.codes.join(',') || '-';
      rows.push(`${hostile.name.padEnd(44)} ${String(answer.status).padEnd(4)} ${code.padEnd(24)} ${answer.ms.toFixed(0).padStart(5)} ms  ${statements} SQL`);
      if (!hostile.status.includes(answer.status)) problems.push(`${hostile.name}: HTTP ${answer.status}, expected ${hostile.status.join(' or ')}: ${answer.text.slice(0, 200)}`);
      if (hostile.codes.length && !(answer.codes.length > 0 && answer.codes.every((c) => hostile.codes.includes(c)))) {
        problems.push(`${hostile.name}: codes ${code}, expected one of ${hostile.codes.join(', ')}: ${answer.text.slice(0, 200)}`);
      }
      if (answer.ms >= 1000) problems.push(`${hostile.name}: took ${answer.ms.toFixed(0)} ms`);
      if (statements > 0) problems.push(`${hostile.name}: ${statements} SQL statements ran: ${app.statements[0]?.slice(0, 120)}`);
      if (/Unexpected error|\n\s+at \S|node_modules|\/src\//.test(answer.text)) problems.push(`${hostile.name}: leaks or masks: ${answer.text.slice(0, 200)}`);
    }
    console.log(`hostile document${' '.repeat(28)} HTTP code${' '.repeat(20)} time     SQL\n${rows.join('\n')}`);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('do not starve a cheap query from another client while several clients keep sending them', async () => {
    const expected = await post(CHEAP);
    expect(expected.status).toBe(200);
    const total = JSON.parse(expected.text).data.entities.totalCount as number;
    expect(total).toBeGreaterThan(0);

    const HOSTILE_CLIENTS = 4;
    const DURATION_MS = 3000;
    const stopAt = performance.now() + DURATION_MS;
    let hostileSent = 0;
    let hostileMax = 0;
    const hostileBad: string[] = [];
    const hostileClient = async (offset: number) => {
      for (let i = offset; performance.now() < stopAt; i += 1) {
        const hostile = HOSTILE[i % HOSTILE.length]!;
        const answer = await post(hostile.body);
        hostileSent += 1;
        hostileMax = Math.max(hostileMax, answer.ms);
        if (answer.status >= 500 || !hostile.status.includes(answer.status)) hostileBad.push(`${hostile.name}: HTTP ${answer.status}`);
      }
    };
    const cheapLatencies: number[] = [];
    const cheapBad: string[] = [];
    const cheapClient = async () => {
      while (performance.now() < stopAt) {
        const answer = await post(CHEAP);
        cheapLatencies.push(answer.ms);
        let count: unknown;
        try {
          count = JSON.parse(answer.text).data?.entities?.totalCount;
        } catch {
          count = undefined;
        }
        if (answer.status !== 200 || count !== total) cheapBad.push(`HTTP ${answer.status}: ${answer.text.slice(0, 200)}`);
        if (answer.ms > 2000) cheapBad.push(`took ${answer.ms.toFixed(0)} ms`);
      }
    };
    await Promise.all([...Array.from({ length: HOSTILE_CLIENTS }, (_, i) => hostileClient(i * 3)), cheapClient()]);

    const sorted = [...cheapLatencies].sort((a, b) => a - b);
    const p50 = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const max = sorted[sorted.length - 1] ?? 0;
    console.log(
      `under load: ${HOSTILE_CLIENTS} hostile clients sent ${hostileSent} hostile requests in ${DURATION_MS / 1000} s (slowest refusal ${hostileMax.toFixed(0)} ms); ` +
        `the cheap query answered ${cheapLatencies.length} times, p50 ${p50.toFixed(0)} ms, max ${max.toFixed(0)} ms`,
    );
    expect(hostileBad, hostileBad.slice(0, 5).join('\n')).toEqual([]);
    expect(cheapBad, cheapBad.slice(0, 5).join('\n')).toEqual([]);
    expect(cheapLatencies.length).toBeGreaterThan(0);
  });
});
