// The README's curation walk-through, run as written: its shell block (curl and jq) against a
// loopback server on the corpus, with the bootstrap ADMIN_TOKEN.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';
import { listenOnLoopback, type Listening } from './support/listen.ts';

const ADMIN_TOKEN = 'readme-bootstrap-admin-token-0123456789abcdef';

let app: TestApp;
let listening: Listening;
beforeAll(async () => {
  app = await createTestApp({ corpus: true, env: { ADMIN_TOKEN } });
  listening = await listenOnLoopback(app.yoga);
});
afterAll(async () => {
  await listening?.close();
  await app?.close();
});

function endToEndBlock(): string {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### End to end'));
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README: no sh block under "### End to end"');
  return block[1]!;
}

describe('README curation example', () => {
  it('issues a token, adds an alias, adds a cited relation, retracts it and shows its history', async () => {
    const before = await app.graphql(`{ entity(slug: "urumqi") { relations(kind: HUB_OF) { totalCount } } }`);
    const { stdout } = await promisify(execFile)('bash', ['-e', '-o', 'pipefail', '-c', endToEndBlock()], {
      env: { ...process.env, API: listening.url, ADMIN_TOKEN },
      timeout: 60_000,
    });
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    const [alias, retracted, relations, node] = lines;
    expect(alias).toMatchObject({ __typename: 'AddAliasPayload' });
    expect(alias.entity.aliases).toContain('Ürümqi');
    expect(retracted).toEqual({ __typename: 'RetractPayload', relation: { status: 'RETRACTED' } });
    expect(relations).toEqual(before.data.entity);
    expect(node.status).toBe('RETRACTED');
    expect(node.history.map((event: { action: string; actor: string }) => [event.action, event.actor])).toEqual([
      ['createRelation', 'alice'],
      ['retractRelation', 'alice'],
    ]);
    expect(node.history[1].reason).toContain('Tianshan');
  }, 90_000);
});
