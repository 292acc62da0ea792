// Bundles the browser explorer (src/explorer) into static files the server serves: index.html,
// app.js and app.css, minified, with every library inside (no CDN, no web fonts), plus chunk-*.js:
// the chart and graph libraries, loaded by app.js only when a page draws one.
// `npm run explorer:build` (or `npm start`, which builds first); `npm run build` runs the compiled copy.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { projectRoot } from '../src/http/explorer.ts';

export const EXPLORER_FILES = ['index.html', 'app.js', 'app.css'] as const;
const CHUNK = /^chunk-[A-Z0-9]+\.js$/;

export interface BuiltFile {
  name: string;
  bytes: number;
  gzipBytes: number;
}

const INDEX_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Corridor graph explorer</title>
<link rel="stylesheet" href="/explorer/app.css">
<script type="module" src="/explorer/app.js"></script>
</head>
<body>
<noscript>The explorer needs JavaScript; the API itself is at <a href="/graphql">/graphql</a>.</noscript>
<div id="app"></div>
</body>
</html>
`;

/** Builds into outDir (relative to the project root unless absolute) and returns each file's size. */
export async function buildExplorer(outDir = 'dist/explorer'): Promise<BuiltFile[]> {
  const root = projectRoot();
  const target = isAbsolute(outDir) ? outDir : join(root, outDir);
  mkdirSync(target, { recursive: true });
  // Only our own names are removed: outDir may be a folder that holds other things.
  const stale = readdirSync(target).filter((name) => CHUNK.test(name));
  for (const name of [...EXPLORER_FILES, ...stale]) rmSync(join(target, name), { force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { app: 'src/explorer/main.tsx' },
    outdir: target,
    bundle: true,
    minify: true,
    // ES modules, so that code only some pages need is split into chunks loaded on demand.
    format: 'esm',
    splitting: true,
    chunkNames: 'chunk-[hash]',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'warning',
    tsconfig: 'src/explorer/tsconfig.json',
  });
  writeFileSync(join(target, 'index.html'), INDEX_HTML);
  const chunks = readdirSync(target).filter((name) => CHUNK.test(name)).sort();
  return [...EXPLORER_FILES, ...chunks].map((name) => {
    const content = readFileSync(join(target, name));
    return { name, bytes: content.byteLength, gzipBytes: gzipSync(content).byteLength };
  });
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const outDir = process.argv[2] ?? 'dist/explorer';
  const files = await buildExplorer(outDir);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  for (const file of files) console.log(`explorer: ${file.name} ${kb(file.bytes)} (${kb(file.gzipBytes)} gzip)`);
}
