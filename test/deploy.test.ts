// The deployment files agree with the code: Dockerfile, docker-compose.yml, .dockerignore and .ci/run.
// No Docker engine runs here, so these are static checks against src/config.ts, src/server.ts'
// import graph and package.json; `docker compose config` validates the compose schema when present.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../src/config.ts';

const ROOT_URL = new URL('../', import.meta.url);
const ROOT = fileURLToPath(ROOT_URL);
const read = (path: string) => readFileSync(new URL(path, ROOT_URL), 'utf8');

const defaultPort = loadConfig({}).port;
const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
const startScript = packageJson.scripts.start!;
const configSource = read('src/config.ts');
const envNamesReadByConfig = new Set([...configSource.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!));

// ---- Dockerfile -------------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions with line continuations joined and comments dropped. */
function dockerfileInstructions(text: string): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (current === '' && /^\s*#/.test(line)) continue;
    if (current !== '' && /^\s*#/.test(line)) continue; // comment lines inside a continuation
    if (line.endsWith('\\')) {
      current += line.slice(0, -1) + ' ';
      continue;
    }
    current += line;
    if (current.trim() !== '') logical.push(current.trim());
    current = '';
  }
  if (current.trim() !== '') logical.push(current.trim());
  return logical.map((line) => {
    const match = /^(\S+)\s*(.*)$/s.exec(line)!;
    return { keyword: match[1]!.toUpperCase(), args: match[2]!.trim() };
  });
}

/** An exec-form (JSON array) or shell-form command as its words. */
function commandWords(args: string): string[] {
  if (args.startsWith('[')) return JSON.parse(args) as string[];
  return args.split(/\s+/).filter(Boolean);
}

/** ENV KEY=value pairs (several per line) or the legacy `ENV KEY value`. */
function envPairs(args: string): Array<[string, string]> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(args)) {
    const [name, ...rest] = args.split(/\s+/);
    return [[name!, rest.join(' ')]];
  }
  const pairs: Array<[string, string]> = [];
  for (const m of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) {
    pairs.push([m[1]!, m[2]!.replace(/^(["'])(.*)\1$/s, '$2')]);
  }
  return pairs;
}

/** Sources of COPY/ADD instructions (not --from stages), normalised without ./ and trailing /. */
function copySources(instructions: Instruction[]): string[] {
  const sources: string[] = [];
  for (const { keyword, args } of instructions) {
    if (keyword !== 'COPY' && keyword !== 'ADD') continue;
    const words = args.startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/).filter(Boolean);
    if (words.some((w) => w.startsWith('--from'))) continue;
    const paths = words.filter((w) => !w.startsWith('--'));
    for (const source of paths.slice(0, -1)) sources.push(source.replace(/^\.\//, '').replace(/\/+$/, '') || '.');
  }
  return sources;
}

const dockerfile = dockerfileInstructions(read('Dockerfile'));
const last = (keyword: string) => dockerfile.filter((i) => i.keyword === keyword).at(-1);

// ---- docker-compose.yml ---------------------------------------------------------------------

type Env = Record<string, string>;

function normaliseEnv(environment: unknown): Env {
  if (environment == null) return {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry: string) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(environment as Record<string, unknown>).map(([k, v]) => [k, String(v ?? '')]));
}

/** [host, container] port pairs from short ("4000:4000", "127.0.0.1:4000:4000/tcp") or long syntax. */
function publishedPorts(ports: unknown): Array<[string, number]> {
  return ((ports as unknown[]) ?? []).map((entry) => {
    if (typeof entry === 'object' && entry !== null) {
      const long = entry as { target: number | string; published?: number | string };
      return [String(long.published ?? ''), Number(long.target)];
    }
    const parts = String(entry).replace(/\/(tcp|udp)$/, '').split(':');
    const container = Number(parts.at(-1));
    return [parts.length > 1 ? parts.at(-2)! : '', container];
  });
}

/** [source, target] pairs from short ("name:/path[:ro]") or long volume syntax. */
function volumeMounts(volumes: unknown): Array<[string, string]> {
  return ((volumes as unknown[]) ?? []).map((entry) => {
    if (typeof entry === 'object' && entry !== null) {
      const long = entry as { source?: string; target: string };
      return [long.source ?? '', long.target];
    }
    const [source, target] = String(entry).split(':');
    return [source ?? '', target ?? ''];
  });
}

interface Service {
  image?: string;
  build?: unknown;
  environment?: unknown;
  healthcheck?: { test?: string | string[] };
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: unknown[];
  volumes?: unknown[];
  restart?: string;
}

const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const services = compose.services;
const dbName = Object.keys(services).find((name) => /^postgres(:|@|$)/.test(services[name]!.image ?? ''))!;
const db = services[dbName]!;
const dbEnv = normaliseEnv(db.environment);
const api = services.api!;
const apiEnv = normaliseEnv(api.environment);

describe('docker-compose.yml', () => {
  it('has a PostgreSQL db service and an api service built from the Dockerfile', () => {
    expect(dbName).toBeDefined();
    expect(api).toBeDefined();
    const build = api.build;
    const context = typeof build === 'string' ? build : (build as { context?: string } | undefined)?.context;
    expect(context).toBe('.');
    const dockerfileName = typeof build === 'object' && build ? ((build as { dockerfile?: string }).dockerfile ?? 'Dockerfile') : 'Dockerfile';
    expect(dockerfileName).toBe('Dockerfile');
  });

  it('pins the db image to a version (not latest, not a bare major)', () => {
    const image = db.image!;
    const tag = /^postgres:([^@]+)/.exec(image)?.[1];
    const digest = /@sha256:[0-9a-f]{64}$/.test(image);
    expect(digest || /^\d+\.\d+/.test(tag ?? ''), `${image} is not pinned to major.minor`).toBe(true);
    expect(image).not.toMatch(/:latest\b/);
  });

  it('sets the db credentials and checks its health with pg_isready for that user and database', () => {
    for (const name of ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB']) expect(dbEnv[name], name).toBeTruthy();
    const test = db.healthcheck?.test;
    const command = Array.isArray(test) ? test.filter((w) => w !== 'CMD' && w !== 'CMD-SHELL').join(' ') : String(test ?? '');
    expect(command).toMatch(/\bpg_isready\b/);
    expect(command).toMatch(new RegExp(`-U\\s*(${dbEnv.POSTGRES_USER}|\\$\\$?\\{?POSTGRES_USER\\}?)\\b`));
    expect(command).toMatch(new RegExp(`-d\\s*(${dbEnv.POSTGRES_DB}|\\$\\$?\\{?POSTGRES_DB\\}?)\\b`));
  });

  it('keeps the db data on a named volume declared at top level', () => {
    const mount = volumeMounts(db.volumes).find(([, target]) => target === '/var/lib/postgresql/data');
    expect(mount, 'a mount at /var/lib/postgresql/data').toBeDefined();
    const [source] = mount!;
    expect(source).toMatch(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/); // a name, not a host path
    expect(Object.keys(compose.volumes ?? {})).toContain(source);
  });

  it("points the api's DATABASE_URL at the db service with the db's credentials", () => {
    const url = new URL(apiEnv.DATABASE_URL!);
    expect(url.protocol).toMatch(/^postgres(ql)?:$/);
    expect(url.hostname).toBe(dbName);
    expect(url.port || '5432').toBe('5432');
    expect(decodeURIComponent(url.username)).toBe(dbEnv.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(dbEnv.POSTGRES_PASSWORD);
    expect(decodeURIComponent(url.pathname.slice(1))).toBe(dbEnv.POSTGRES_DB);
    expect(() => loadConfig(apiEnv)).not.toThrow();
  });

  it('starts the api only once the db is healthy', () => {
    const dependsOn = api.depends_on;
    expect(dependsOn && !Array.isArray(dependsOn), 'depends_on in long form with a condition').toBe(true);
    expect((dependsOn as Record<string, { condition?: string }>)[dbName]?.condition).toBe('service_healthy');
    expect(api.restart).toBe('unless-stopped');
  });

  it('publishes the port the service listens on', () => {
    const port = loadConfig(apiEnv).port;
    expect(port).toBe(defaultPort);
    expect(publishedPorts(api.ports)).toContainEqual([String(port), port]);
  });

  it('sets for the api only environment variables that src/config.ts reads', () => {
    expect(envNamesReadByConfig.size).toBeGreaterThan(0);
    for (const name of Object.keys(apiEnv)) expect(envNamesReadByConfig, name).toContain(name);
  });

  const composeCli = composeCommand();
  it.skipIf(!composeCli)('is valid for `docker compose config` (when a compose client is installed)', () => {
    const [command, ...args] = composeCli!;
    const result = spawnSync(command!, [...args, '-f', 'docker-compose.yml', 'config', '-q'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
  });
});

/** `docker compose` or `docker-compose` when either works without an engine; otherwise null. */
function composeCommand(): string[] | null {
  for (const candidate of [['docker', 'compose'], ['docker-compose']]) {
    const result = spawnSync(candidate[0]!, [...candidate.slice(1), 'version'], { encoding: 'utf8', timeout: 10_000 });
    if (!result.error && result.status === 0) return candidate;
  }
  return null;
}

// ---- Dockerfile -----------------------------------------------------------------------------

describe('Dockerfile', () => {
  it('builds on node 20 slim', () => {
    expect(last('FROM')!.args).toMatch(/^node:20(\.\d+)*-bookworm-slim\b/);
  });

  it('installs from the lockfile with npm ci', () => {
    const runs = dockerfile.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    expect(runs.some((r) => /\bnpm ci\b/.test(r))).toBe(true);
    expect(runs.some((r) => /\bnpm (install|i)\b/.test(r))).toBe(false);
    expect(copySources(dockerfile)).toContain('package-lock.json');
  });

  it('exposes and sets the port the code defaults to', () => {
    expect(last('EXPOSE')!.args.split(/\s+/).map((p) => Number(p.replace(/\/tcp$/, '')))).toContain(defaultPort);
    const env = Object.fromEntries(dockerfile.filter((i) => i.keyword === 'ENV').flatMap((i) => envPairs(i.args)));
    expect(env.PORT).toBe(String(defaultPort));
    expect(env.HOST).toBe('0.0.0.0');
    const forTheService = Object.keys(env).filter((name) => !['NODE_ENV', 'PATH'].includes(name));
    for (const name of forTheService) expect(envNamesReadByConfig, name).toContain(name);
  });

  it("starts the service the way package.json's start script does", () => {
    const entrypoint = last('ENTRYPOINT') ? commandWords(last('ENTRYPOINT')!.args) : [];
    const command = [...entrypoint, ...commandWords(last('CMD')!.args)];
    const script = startScript.split(/\s+/);
    const viaNpm = ['npm start', 'npm run start'].includes(command.join(' '));
    const sameCommand =
      command.join(' ') === startScript ||
      (command.length === script.length && command[0]!.endsWith(`/.bin/${script[0]}`) && command.slice(1).join(' ') === script.slice(1).join(' ')) ||
      (command[0] === 'npx' && command.slice(1).join(' ') === startScript);
    expect(viaNpm || sameCommand, `${command.join(' ')} vs "${startScript}"`).toBe(true);
    if (!viaNpm && command[0] === script[0]) {
      // A bare `tsx` resolves only with node_modules/.bin on PATH, as npm arranges for scripts.
      const env = Object.fromEntries(dockerfile.filter((i) => i.keyword === 'ENV').flatMap((i) => envPairs(i.args)));
      expect(env.PATH ?? '').toMatch(/(^|:)\/app\/node_modules\/\.bin(:|$)/);
      expect(last('WORKDIR')?.args).toBe('/app');
    }
  });

  it('copies every top-level path the start command reaches at run time', () => {
    const sources = copySources(dockerfile);
    const copied = (path: string) => sources.includes('.') || sources.some((s) => path === s || path.startsWith(`${s}/`));
    expect(copied('src/server.ts')).toBe(true);
    expect(copied('db/migrations/index.ts')).toBe(true);
    for (const path of runtimePaths('src/server.ts')) {
      const topLevel = path.split('/')[0]!;
      expect(copied(path) || sources.includes(topLevel), `${path} is not copied`).toBe(true);
    }
  });

  it('does not exclude what it copies in .dockerignore, and excludes local state', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    for (const name of ['node_modules', '.data', '.git']) expect(ignored).toContain(name);
    for (const source of copySources(dockerfile)) expect(ignored).not.toContain(source);
  });

  it('runs as the non-root node user with a healthcheck on /graphql', () => {
    expect(last('USER')?.args).toBe('node');
    const healthcheck = last('HEALTHCHECK')!.args;
    expect(healthcheck).toMatch(/\bfetch\(/);
    expect(healthcheck).toMatch(/127\.0\.0\.1:/);
    expect(healthcheck).toMatch(/\/graphql\?query=/);
    expect(healthcheck.includes(String(defaultPort))).toBe(true);
  });
});

/**
 * Repo-relative files reached from an entry point: relative static/dynamic imports, followed
 * recursively, plus files named with new URL('…', import.meta.url) (migrations, corpus, schema).
 */
function runtimePaths(entry: string): string[] {
  const seen = new Set<string>();
  const found = new Set<string>();
  const queue = [resolve(ROOT, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    found.add(relative(ROOT, file));
    const source = readFileSync(file, 'utf8');
    const imports = [
      ...source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]/gm),
      ...source.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g),
    ].map((m) => m[1]!);
    for (const specifier of imports) {
      const target = resolve(dirname(file), specifier);
      if (existsSync(target) && statSync(target).isFile()) queue.push(target);
    }
    for (const m of source.matchAll(/new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g)) {
      const target = resolve(dirname(file), m[1]!);
      if (existsSync(target)) found.add(relative(ROOT, target));
    }
  }
  return [...found].filter((path) => !path.startsWith('..'));
}

// ---- .ci/run --------------------------------------------------------------------------------

describe('.ci/run', () => {
  const script = read('.ci/run');

  it('is an executable bash script that stops on errors and runs from the repo root', () => {
    expect(statSync(new URL('.ci/run', ROOT_URL)).mode & 0o111).not.toBe(0);
    expect(script.split('\n')[0]).toMatch(/^#!.*\bbash\b/);
    expect(script).toMatch(/^set -euo pipefail$/m);
    expect(script).toContain('cd "$(dirname "$0")/.."');
  });

  it('installs with npm ci and runs npm test on PGlite and on PostgreSQL', () => {
    const lines = script.split('\n').filter((l) => !/^\s*#/.test(l));
    expect(lines.some((l) => /^\s*npm ci\b/.test(l))).toBe(true);
    const testRuns = lines.filter((l) => /(^|\s)npm test\b/.test(l) && !/^\s*(echo|printf|header)\b/.test(l));
    expect(testRuns).toHaveLength(2);
    expect(testRuns.filter((l) => /\bTEST_DATABASE_URL=\S/.test(l))).toHaveLength(1);
    expect(script).toMatch(/pg_isready -.*-h/);
  });
});
