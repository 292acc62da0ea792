// The explorer's typed operations come from schema.graphql through the committed introspection in
// src/explorer/graphql-env.d.ts: it must be what `npm run explorer:types` makes from today's schema.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const committed = new URL('src/explorer/graphql-env.d.ts', root);
const scratch = mkdtempSync(join(tmpdir(), 'explorer-types-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('src/explorer/graphql-env.d.ts', () => {
  it('is up to date with schema.graphql (run npm run explorer:types after changing the schema)', () => {
    const output = join(scratch, 'graphql-env.d.ts');
    const cli = new URL('node_modules/gql.tada/bin/cli.js', root);
    const run = spawnSync(process.execPath, [cli.pathname, 'generate-output', '-c', 'src/explorer/tsconfig.json', '-o', output], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(readFileSync(committed, 'utf8') === readFileSync(output, 'utf8'), 'graphql-env.d.ts differs from what schema.graphql generates').toBe(true);
  });

  it('is what the explorer tsconfig points gql.tada at', () => {
    const tsconfig = readFileSync(new URL('src/explorer/tsconfig.json', root), 'utf8');
    expect(tsconfig).toContain('"schema": "../../schema.graphql"');
    expect(tsconfig).toContain('"tadaOutputLocation": "./graphql-env.d.ts"');
  });
});
