// The browser explorer, served from its built folder: `/` and `/index.html` give the page,
// `/explorer/<file>` its assets. Files are read per request (the folder is small and may be rebuilt
// while the server runs); anything outside the folder's own flat list of files is refused.
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'graphql-yoga';

export const EXPLORER_MISSING = 'explorer not built: run npm run explorer:build';
const ASSET_PREFIX = '/explorer/';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * The folder holding package.json above this module: the repository when run from src/, and the
 * image's /app when run compiled from dist/src/ (dist/ has no package.json of its own).
 */
export function projectRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

export function defaultExplorerDir(): string {
  return join(projectRoot(), 'dist', 'explorer');
}

/** A file name the folder itself lists (no slashes, no dot files): the only names ever opened. */
function listedFile(dir: string, name: string): string | null {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name)) return null;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  return names.includes(name) ? join(dir, name) : null;
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });
}

async function serveFile(path: string, method: string): Promise<Response> {
  const type = CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
  const body = await readFile(path);
  const headers = {
    'content-type': type,
    'content-length': String(body.byteLength),
    'x-content-type-options': 'nosniff',
    // index.html is small and names the assets: always revalidated; assets briefly cached.
    'cache-control': type.startsWith('text/html') ? 'no-cache' : 'public, max-age=300',
  };
  return new Response(method === 'HEAD' ? null : body, { status: 200, headers });
}

export function explorerPages(dir: string): Plugin {
  const root = resolve(dir);
  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const path = url.pathname;
      if (path === '/' || path === '/index.html') {
        const index = join(root, 'index.html');
        // Not built is a missing page, not a failing service: 404 with what to do (the API still serves).
        endResponse(existsSync(index) ? await serveFile(index, request.method) : plain(404, EXPLORER_MISSING));
        return;
      }
      if (!path.startsWith(ASSET_PREFIX)) return;
      let name: string;
      try {
        name = decodeURIComponent(path.slice(ASSET_PREFIX.length));
      } catch {
        endResponse(plain(404, 'not found'));
        return;
      }
      const file = listedFile(root, name);
      endResponse(file ? await serveFile(file, request.method) : plain(404, 'not found'));
    },
  };
}
