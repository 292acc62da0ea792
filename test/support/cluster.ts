// A throwaway PostgreSQL cluster of a test file's own (initdb in a temporary folder, a free port on
// 127.0.0.1, trust auth), so a test can stop, crash and restart the database without touching the
// machine's shared server. initdb refuses to run as root: as root, everything runs as `postgres`.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** The newest /usr/lib/postgresql/<version>/bin holding initdb, or null when there is none. */
export function postgresBinDir(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((version) => existsSync(join(base, version, 'bin', 'initdb')) && existsSync(join(base, version, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : null;
}

/** A port nobody listens on right now (the OS picks it; the listener is closed again). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Cluster {
  readonly port: number;
  readonly dir: string;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  readonly running: boolean;
  start(): Promise<void>;
  /** fast: sessions are terminated cleanly; immediate: every process is killed, like a crash. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  restart(mode?: 'fast' | 'immediate'): Promise<void>;
  /** A connected client on the `postgres` database (for admin statements); the caller ends it. */
  admin(): Promise<pg.Client>;
  createDatabase(name: string): Promise<void>;
  /** Stops the cluster (immediate) if it runs and deletes its folder; safe to call twice. */
  destroy(): Promise<void>;
  /** The server log, for failure messages. */
  log(): string;
}

export async function createCluster(): Promise<Cluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql/*/bin');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'corridor-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const port = await freePort();

  const command = (binary: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, binary), ...args]] : [join(bin, binary), args];
  const pgCommand = async (binary: string, args: string[]) => {
    const [file, argv] = command(binary, args);
    // cwd: the postgres user may not be allowed into the repository's folder.
    await run(file, argv, { cwd: dir, timeout: 60_000 });
  };

  let running = false;
  let destroyed = false;
  const stopNow = () => {
    // Last resort when the test process exits with the cluster still up (a crash, a killed worker).
    if (!running || destroyed) return;
    try {
      const [file, argv] = command('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      execFileSync(file, argv, { cwd: dir, stdio: 'ignore', timeout: 10_000 });
    } catch {
      // Nothing more can be done from an exit handler.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopNow);

  await pgCommand('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);

  const cluster: Cluster = {
    port,
    dir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    get running() {
      return running;
    },
    async start() {
      if (running) return;
      const options = [
        `-p ${port}`,
        `-k ${dir}`,
        '-c listen_addresses=127.0.0.1',
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
      ].join(' ');
      await pgCommand('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '30', 'start']);
      running = true;
    },
    async stop(mode = 'fast') {
      if (!running) return;
      await pgCommand('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '30', 'stop']);
      running = false;
    },
    async restart(mode = 'fast') {
      await cluster.stop(mode);
      await cluster.start();
    },
    async admin() {
      const client = new pg.Client({ connectionString: cluster.url('postgres') });
      client.on('error', () => {});
      await client.connect();
      return client;
    },
    async createDatabase(name) {
      const client = await cluster.admin();
      try {
        await client.query(`create database "${name.replace(/"/g, '""')}"`);
      } finally {
        await client.end();
      }
    },
    async destroy() {
      if (destroyed) return;
      try {
        if (running) await cluster.stop('immediate');
      } catch (error) {
        // pg_ctl failed: SIGQUIT the postmaster itself (its immediate shutdown) before deleting its folder.
        const pidFile = join(dataDir, 'postmaster.pid');
        const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : NaN;
        if (Number.isInteger(pid) && pid > 0) {
          try {
            process.kill(pid, 'SIGQUIT');
          } catch {
            // Already gone.
          }
        }
        throw error;
      } finally {
        destroyed = true;
        process.off('exit', stopNow);
        rmSync(dir, { recursive: true, force: true });
      }
    },
    log() {
      return existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    },
  };
  return cluster;
}
