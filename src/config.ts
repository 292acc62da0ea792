// The environment, parsed once into a frozen object; a bad value fails at start-up with its name.

export interface Config {
  /** PostgreSQL server URL; when absent the service runs on embedded PGlite. */
  readonly databaseUrl: string | null;
  /** Folder holding PGlite's data; null keeps PGlite in memory (tests). */
  readonly pgliteDir: string | null;
  readonly host: string;
  readonly port: number;
  /** Load the bundled corpus when the database has no articles yet. */
  readonly seedOnStart: boolean;
}

function parsePort(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} must be a port number (0-65535), got "${raw}"`);
  }
  return port;
}

function parseBoolean(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(`DATABASE_URL must start with postgres:// or postgresql://, got "${databaseUrl}"`);
  }
  return Object.freeze({
    databaseUrl,
    pgliteDir: env.PGLITE_DIR === 'memory' ? null : env.PGLITE_DIR?.trim() || '.data/pglite',
    host: env.HOST?.trim() || '0.0.0.0',
    port: parsePort('PORT', env.PORT, 4000),
    seedOnStart: parseBoolean('SEED_ON_START', env.SEED_ON_START, true),
  });
}
