// Build step: compiled code finds the corpus at <outDir>/db/corpus (load-corpus.js resolves
// ../../db/corpus/ from <outDir>/src/ingest/), so copy it there. Usage: node scripts/copy-corpus.mjs [outDir]
import { cpSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const target = resolve(root, process.argv[2] ?? 'dist', 'db', 'corpus');
// Replace rather than merge, so a corpus file deleted from db/corpus does not linger in the build.
rmSync(target, { recursive: true, force: true });
cpSync(resolve(root, 'db', 'corpus'), target, { recursive: true });
console.log(`copied db/corpus to ${target}`);
