// GraphQL over HTTP conformance: graphql-http's server audits against the real app on a loopback
// port. Every MUST audit passes; SHOULD and MAY failures are printed, not failed on. The audits run
// once as a non-browser client runs them (with the CSRF header) and once without, to show what CSRF
// prevention costs a client that does not send it.
import { serverAudits, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../src/http/browser.ts';
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

type Level = 'MUST' | 'SHOULD' | 'MAY';
const LEVELS: Level[] = ['MUST', 'SHOULD', 'MAY'];
const levelOf = (result: AuditResult): Level => result.name.split(' ')[0] as Level;

function withCsrfHeader(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set(CSRF_HEADER, '1');
  return fetch(input, { ...init, headers });
}

async function runAudits(fetchFn: typeof fetch): Promise<AuditResult[]> {
  const audits = serverAudits({ url: listening.url, fetchFn });
  const results: AuditResult[] = [];
  // One at a time: the audits are small and the order keeps the output readable.
  for (const audit of audits) results.push(await audit.fn());
  return results;
}

function counts(results: AuditResult[]) {
  return Object.fromEntries(
    LEVELS.map((level) => {
      const of = results.filter((result) => levelOf(result) === level);
      return [level, { ok: of.filter((result) => result.status === 'ok').length, total: of.length }];
    }),
  ) as Record<Level, { ok: number; total: number }>;
}

const summary = (results: AuditResult[]) => {
  const c = counts(results);
  return `MUST ${c.MUST.ok}/${c.MUST.total}, SHOULD ${c.SHOULD.ok}/${c.SHOULD.total}, MAY ${c.MAY.ok}/${c.MAY.total}`;
};

const failures = (results: AuditResult[], level?: Level) =>
  results
    .filter((result) => result.status !== 'ok' && (!level || levelOf(result) === level))
    .map((result) => `  [${result.id}] ${result.name}: ${result.status === 'ok' ? '' : result.reason}`);

describe('graphql-http server audits', () => {
  it('pass every MUST audit as a non-browser client (CSRF header sent)', async () => {
    const results = await runAudits(withCsrfHeader as typeof fetch);
    expect(results.length).toBeGreaterThan(0);
    console.log(`graphql-http audits: ${summary(results)}`);
    const notMust = failures(results).filter((line) => !/\] MUST /.test(line));
    if (notMust.length) console.log(`SHOULD/MAY audits not passed:\n${notMust.join('\n')}`);
    const must = failures(results, 'MUST');
    expect(must, `MUST audits failed:\n${must.join('\n')}`).toEqual([]);
  });

  it('without the CSRF header (counts only: what CSRF prevention costs)', async () => {
    const results = await runAudits(fetch);
    console.log(`graphql-http audits without ${CSRF_HEADER}: ${summary(results)}`);
    const lines = failures(results);
    if (lines.length) console.log(`audits not passed without the header:\n${lines.join('\n')}`);
    expect(results.length).toBeGreaterThan(0);
  });
});
