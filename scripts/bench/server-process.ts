// The service under load as a child process: `node --import tsx src/server.ts` on a free loopback port.
// The child is the node process itself (no shell, no npm wrapper), so its pid is the one whose memory we read.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** First start on an empty database migrates and loads the corpus; a few seconds on PGlite, allow much more. */
const READY_TIMEOUT_MS = 180_000;
const POLL_INTERVAL_MS = 200;
const KILL_GRACE_MS = 5_000;
/** Lines of server output kept to explain a failed start. */
const KEPT_OUTPUT_LINES = 40;

export interface ServerProcess {
  pid: number;
  /** e.g. http://127.0.0.1:43121/graphql */
  graphqlUrl: string;
  /** The server's resident set size in MB, from /proc/<pid>/status (VmRSS). */
  rssMegabytes(): Promise<number>;
  /** The last lines the server wrote, for error messages. */
  recentOutput(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. Safe to call more than once. */
  stop(): Promise<void>;
  /** Synchronous last resort for process 'exit' handlers. */
  killNow(): void;
}

/** A port the OS says is free right now (there is a small window before the server binds it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

export async function readRssMegabytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function describeExit(child: ChildProcess): string {
  return child.signalCode ? `was killed by ${child.signalCode}` : `exited with code ${child.exitCode}`;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Polls GET /graphql?query={__typename} until it answers 200. Polling rather than matching a log line,
 * so a change in the server's log format cannot break the benchmark.
 */
async function waitUntilReady(server: ServerProcess, child: ChildProcess): Promise<void> {
  const probeUrl = `${server.graphqlUrl}?query=${encodeURIComponent('{__typename}')}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited(child)) {
      throw new Error(`the server ${describeExit(child)} during start-up:\n${server.recentOutput()}`);
    }
    try {
      // The CSRF header lets a GET through if the server enables yoga's CSRF prevention.
      const response = await fetch(probeUrl, { headers: { 'x-graphql-yoga-csrf': 'bench-load' }, signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new Error(`the server did not answer ${probeUrl} with 200 within ${READY_TIMEOUT_MS / 1000} s:\n${server.recentOutput()}`);
}

/** Starts the server with the given database environment and resolves once it answers queries. */
export async function startServer(databaseEnv: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', ...databaseEnv };
  // Only the chosen database: an inherited DATABASE_URL would otherwise win over PGLITE_DIR.
  if (!('DATABASE_URL' in databaseEnv)) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error('could not spawn the server');
  const pid = child.pid;

  // Keep reading both pipes (a full pipe would block the server) but keep only the tail.
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split('\n').filter((line) => line.trim() !== ''));
    if (output.length > KEPT_OUTPUT_LINES) output.splice(0, output.length - KEPT_OUTPUT_LINES);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  let stopping: Promise<void> | undefined;
  const server: ServerProcess = {
    pid,
    graphqlUrl: `http://127.0.0.1:${port}/graphql`,
    rssMegabytes: async () => {
      // A server that died mid-run would otherwise surface as an ENOENT on /proc/<pid>/status.
      if (exited(child)) throw new Error(`the server (pid ${pid}) ${describeExit(child)} during the run:\n${server.recentOutput()}`);
      return readRssMegabytes(pid);
    },
    recentOutput: () => output.map((line) => `  | ${line}`).join('\n'),
    stop: () => {
      stopping ??= (async () => {
        if (exited(child)) return;
        child.kill('SIGTERM');
        if (await waitForExit(child, KILL_GRACE_MS)) return;
        console.error(`server ${pid} still running ${KILL_GRACE_MS / 1000} s after SIGTERM: SIGKILL`);
        child.kill('SIGKILL');
        await waitForExit(child, KILL_GRACE_MS);
      })();
      return stopping;
    },
    killNow: () => {
      if (!exited(child)) child.kill('SIGKILL');
    },
  };
  try {
    await waitUntilReady(server, child);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
