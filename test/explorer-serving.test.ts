// The explorer's static files as the server serves them: the page at / and /index.html, assets
// under /explorer/ with their content types, nothing outside the bundle folder, and a plain 404
// when the bundle has not been built. GraphiQL stays at /graphql.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { defaultExplorerDir, EXPLORER_MISSING, projectRoot } from '../src/http/explorer.ts';
import { createTestApp, type TestApp } from './support/app.ts';

const bundle = mkdtempSync(join(tmpdir(), 'explorer-bundle-'));
const outside = mkdtempSync(join(tmpdir(), 'explorer-outside-'));
writeFileSync(join(bundle, 'index.html'), '<!doctype html><title>Explorer</title><script defer src="/explorer/app.js"></script>');
writeFileSync(join(bundle, 'app.js'), 'console.log("explorer")');
writeFileSync(join(bundle, 'app.css'), 'body { color: black }');
mkdirSync(join(bundle, 'nested'));
writeFileSync(join(bundle, 'nested', 'inner.js'), 'nested');
writeFileSync(join(bundle, '.hidden'), 'dot file');
writeFileSync(join(outside, 'secret.txt'), 'not for the web');

let app: TestApp;
let missing: TestApp;
beforeAll(async () => {
  app = await createTestApp({ env: { EXPLORER_DIR: bundle } });
  missing = await createTestApp({ env: { EXPLORER_DIR: join(bundle, 'not-built') } });
});
afterAll(async () => {
  await app?.close();
  await missing?.close();
  rmSync(bundle, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const get = (target: TestApp, path: string, headers: Record<string, string> = {}) => Promise.resolve(target.yoga.fetch(`http://test${path}`, { headers }));

describe('the explorer bundle', () => {
  it('serves index.html at / and /index.html, as HTML that browsers may not sniff', async () => {
    for (const path of ['/', '/index.html']) {
      const response = await get(app, path, { accept: 'text/html' });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('/explorer/app.js');
    }
  });

  it('serves the assets with their content types', async () => {
    const js = await get(app, '/explorer/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await js.text()).toBe('console.log("explorer")');
    const css = await get(app, '/explorer/app.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('color: black');
  });

  it('answers HEAD without a body', async () => {
    const response = await Promise.resolve(app.yoga.fetch('http://test/explorer/app.js', { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String('console.log("explorer")'.length));
    expect(await response.text()).toBe('');
  });

  it('refuses anything that is not a file of the bundle folder itself', async () => {
    const attempts = [
      '/explorer/missing.js',
      '/explorer/../package.json',
      '/explorer/%2e%2e/package.json',
      '/explorer/..%2fpackage.json',
      '/explorer/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      `/explorer/..%2f${encodeURIComponent(outside.split('/').pop()!)}%2fsecret.txt`,
      '/explorer/nested/inner.js',
      '/explorer/nested%2finner.js',
      '/explorer/.hidden',
      '/explorer/',
      '/explorer/%E0%A4%A',
      '/explorer/app.js%00.html',
    ];
    for (const path of attempts) {
      const response = await get(app, path);
      expect(response.status, path).toBe(404);
      const text = await response.text();
      expect(text, path).not.toContain('not for the web');
      expect(text, path).not.toContain('"name"');
    }
  });

  it('leaves GraphiQL at /graphql and the API answering POST /graphql', async () => {
    const graphiql = await get(app, '/graphql', { accept: 'text/html' });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toContain('GraphiQL');
    expect((await app.graphql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('answers 404 with a plain message when the bundle is not built', async () => {
    const response = await get(missing, '/', { accept: 'text/html' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe(EXPLORER_MISSING);
    expect((await get(missing, '/explorer/app.js')).status).toBe(404);
  });
});

describe('where the server looks for the bundle', () => {
  it('defaults to dist/explorer under the project root, from src/ as from the compiled dist/src/', () => {
    expect(loadConfig({}).explorerDir).toBeNull();
    const root = projectRoot();
    expect(defaultExplorerDir()).toBe(join(root, 'dist', 'explorer'));
    // dist/ has no package.json: the compiled server (dist/src/http) finds the same root.
    expect(projectRoot(join(root, 'dist', 'src', 'http'))).toBe(root);
  });

  it('takes EXPLORER_DIR from the environment', () => {
    expect(loadConfig({ EXPLORER_DIR: '/srv/explorer' }).explorerDir).toBe('/srv/explorer');
  });
});

describe('building the bundle', () => {
  const out = mkdtempSync(join(tmpdir(), 'explorer-build-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes index.html, app.js, app.css and the lazily loaded chunks, self-contained (no CDN, no web fonts)', async () => {
    const { buildExplorer } = await import('../scripts/build-explorer.ts');
    // A chunk of an earlier build is removed; a file that is not the build's is left alone.
    writeFileSync(join(out, 'chunk-OLD0000.js'), 'stale');
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const files = await buildExplorer(out);
    const names = files.map((file) => file.name);
    expect(names.slice(0, 3)).toEqual(['index.html', 'app.js', 'app.css']);
    const chunks = names.slice(3);
    // The chart's and the graph's libraries at least, each a file the server's asset route serves.
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    for (const chunk of chunks) expect(chunk).toMatch(/^chunk-[A-Z0-9]+\.js$/);
    expect(names).not.toContain('chunk-OLD0000.js');
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    for (const file of files) expect(file.bytes, file.name).toBeGreaterThan(0);
    // The first page needs app.js only: cytoscape and uPlot are not in it.
    const appJs = files.find((file) => file.name === 'app.js')!;
    expect(appJs.bytes).toBeLessThan(Math.max(...files.filter((f) => f.name.startsWith('chunk-')).map((f) => f.bytes)));
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<script type="module" src="/explorer/app.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/explorer/app.css">');
    expect(html).toContain('name="viewport"');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const css = readFileSync(join(out, 'app.css'), 'utf8');
    expect(css).not.toMatch(/@import|@font-face|url\((['"])?(https?:)?\/\//);
  }, 60_000);

  it('is built by npm start and by npm run build (so the image has it in dist/explorer)', () => {
    const scripts = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['explorer:build']).toBe('tsx scripts/build-explorer.ts');
    expect(scripts.start).toMatch(/^tsx scripts\/build-explorer\.ts && exec node /);
    expect(scripts.build).toMatch(/^tsc -p tsconfig\.build\.json && node dist\/scripts\/build-explorer\.js && /);
  });
});
