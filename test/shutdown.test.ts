// SIGTERM under load: the server stops accepting, lets in-flight requests finish within
// SHUTDOWN_GRACE_MS, cancels what still runs after it (a typed error, not a reset), and exits 0.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const WALK = `{ entities(search: "KTZ", kind: COMPANY, first: 5) { edges { node { name relations(kind: OPERATES_TERMINAL) { edges { node { object { name claims(first: 20) { edges { node { metric value unit citations { quote article { title publishedAt } } } } } } } } } } } } }`;

const children: Array<() => void> = [];
afterEach(() => children.splice(0).forEach((kill) => kill()));

async function startServer(env: Record<string, string>) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PGLITE_DIR: 'memory', DATABASE_URL: '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(() => child.kill('SIGKILL'));
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let waited = 0; !output.includes('ready in'); waited += 100) {
    if (waited > 90_000 || child.exitCode !== null) throw new Error(`server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const walk = async () => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: WALK }) });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> } };
  };
  return { child, url, walk, exited, output: () => output };
}

describe('SIGTERM under load', () => {
  it('finishes every in-flight request, refuses new connections and exits 0', async () => {
    const server = await startServer({ SHUTDOWN_GRACE_MS: '20000' });
    // Open 24 keep-alive connections first: the requests below then travel on accepted sockets, as
    // they would behind a load balancer that stops routing new connections before sending SIGTERM.
    await Promise.all(Array.from({ length: 24 }, () => server.walk()));
    const inFlight = Array.from({ length: 24 }, () => server.walk());
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signalled = performance.now();
    server.child.kill('SIGTERM');
    const results = await Promise.all(inFlight);
    for (const result of results) {
      expect(result.status).toBe(200);
      expect(result.body.errors, JSON.stringify(result.body.errors)).toBeUndefined();
    }
    expect(await server.exited, server.output()).toBe(0);
    expect(performance.now() - signalled).toBeLessThan(20_000);
    await expect(fetch(server.url)).rejects.toThrow();
    expect(server.output()).toMatch(/"msg":"closing: no new connections"/);
    expect(server.output()).toMatch(/"msg":"closed"/);
  }, 120_000);

  it('after the grace period cancels what still runs with a typed error, and exits 0', async () => {
    const server = await startServer({ SHUTDOWN_GRACE_MS: '0' });
    await Promise.all(Array.from({ length: 24 }, () => server.walk()));
    const inFlight = Array.from({ length: 24 }, () => server.walk().catch((error: Error) => ({ status: 0, body: { reset: error.message } })));
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.child.kill('SIGTERM');
    const results = await Promise.all(inFlight);
    const outcomes = results.map((result) => {
      if (result.status !== 200) return `status ${result.status}`;
      const body = result.body as { errors?: Array<{ extensions?: { code?: string } }> };
      return body.errors ? body.errors[0]!.extensions!.code! : 'data';
    });
    // Every request got an answer: its data, or REQUEST_CANCELLED; none was reset mid-way.
    for (const outcome of outcomes) expect(['data', 'REQUEST_CANCELLED']).toContain(outcome);
    expect(await server.exited, server.output()).toBe(0);
  }, 120_000);
});
