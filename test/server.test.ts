// The README's first command as a user runs it: `npm start` on a fresh data folder loads the corpus,
// serves the walk query, closes cleanly on SIGTERM, and a second start reuses the data.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const dataDir = mkdtempSync(join(tmpdir(), 'corridor-server-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Started {
  port: number;
  output: () => string;
  stop: () => Promise<number | null>;
}

async function startServer(): Promise<Started> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PGLITE_DIR: join(dataDir, 'pglite'), DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('ready in')) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`server exited before it was ready:\n${output}`));
    });
  });
  return {
    port,
    output: () => output,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

const WALK = `{ entities(search: "KTZ", kind: COMPANY, first: 5) { edges { node { name relations(kind: OPERATES_TERMINAL) { edges { node { object { name claims(first: 20) { edges { node { metric value unit citations { quote article { title publishedAt } } } } } } } } } } } } }`;

describe('npm start', () => {
  it('loads the corpus on a first start, serves GraphiQL and the walk, and stops on SIGTERM', async () => {
    const server = await startServer();
    try {
      // One JSON log line (pino) carries the counts as a field.
      expect(server.output()).toMatch(/"loaded":\{"articles":5,"entities":\d+/);
      expect(server.output()).toMatch(/"msg":"loaded the bundled corpus: /);
      const page = await fetch(`http://127.0.0.1:${server.port}/graphql`, { headers: { accept: 'text/html' } });
      expect(await page.text()).toMatch(/GraphiQL|graphiql/);
      const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: WALK }),
      });
      const result = await response.json();
      expect(result.errors).toBeUndefined();
      expect(JSON.stringify(result.data)).toContain('655000');
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(server.output()).toMatch(/"signal":"SIGTERM".*"msg":"closing: no new connections"/);
    expect(server.output()).toMatch(/"msg":"closed"/);
  }, 120_000);

  it('a second start keeps the data and does not load it again', async () => {
    const server = await startServer();
    try {
      expect(server.output()).not.toContain('loaded the bundled corpus');
      const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ articles { totalCount } }' }),
      });
      expect((await response.json()).data.articles.totalCount).toBe(5);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 120_000);
});

describe('npm start under a process manager', () => {
  it('closes the server and frees the port when npm itself gets SIGTERM', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    // Its own process group, so a server orphaned by a failure here can still be cleaned up.
    const npm = spawn('npm', ['start'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PGLITE_DIR: join(dataDir, 'pglite'), DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    npm.stdout.on('data', (chunk) => (output += chunk));
    npm.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => npm.on('exit', (code, signal) => resolve({ code, signal })));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if (output.includes('ready in')) {
            clearInterval(timer);
            resolve();
          }
        }, 100);
        void exited.then(() => {
          clearInterval(timer);
          reject(new Error(`npm start exited before the server was ready:\n${output}`));
        });
      });
      // To npm only, as systemd, a container runtime or a CI runner would send it.
      npm.kill('SIGTERM');
      const outcome = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('still running after 10 s'), 10_000))]);
      expect(outcome, output).toEqual({ code: 0, signal: null });
      expect(await portIsFree(port), `port ${port} still taken:\n${output}`).toBe(true);
    } finally {
      try {
        process.kill(-npm.pid!, 'SIGKILL');
      } catch {
        // the group is gone: nothing left behind
      }
    }
  }, 120_000);
});

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createNetServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
