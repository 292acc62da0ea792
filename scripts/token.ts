// npm run token -- create --name NAME --role editor|admin | list | revoke NAME
// Manages API tokens in the configured database (PGlite or DATABASE_URL). A new token is printed
// once; only its SHA-256 is stored. On PGlite, stop the server first (one process owns its folder),
// or use the createToken mutation with ADMIN_TOKEN.
import { parseArgs } from 'node:util';
import { issueToken, revokeTokenByName } from '../src/auth/issue.ts';
import { loadConfig } from '../src/config.ts';
import { createDatabase } from '../src/db/client.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { listTokens } from '../src/db/tokens.ts';
import { ConflictError, NotFoundError, ValidationError } from '../src/domain/errors.ts';

const USAGE = `usage:
  npm run token -- create --name NAME --role editor|admin   prints a new token once
  npm run token -- list                                     names, roles, dates (never the tokens)
  npm run token -- revoke NAME                              the token stops working at once`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string' }, role: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
const [command, ...rest] = positionals;

const when = (date: Date | string | null) => (date ? new Date(date).toISOString() : '-');

async function run(): Promise<number> {
  if (values.help || !command || !['create', 'list', 'revoke'].includes(command)) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'create' && (!values.name || !values.role)) {
    console.error(`create needs --name and --role\n${USAGE}`);
    return 2;
  }
  if (command === 'revoke' && rest.length !== 1) {
    console.error(`revoke needs one token name\n${USAGE}`);
    return 2;
  }
  const db = await createDatabase(loadConfig());
  try {
    await migrateToLatest(db);
    if (command === 'create') {
      const { token, summary } = await issueToken(db, values.name!, values.role!);
      console.error(`created token "${summary.name}" (${summary.role}); it is shown only now:`);
      console.log(token);
    } else if (command === 'list') {
      const tokens = await listTokens(db);
      if (tokens.length === 0) console.log('no tokens');
      for (const t of tokens) {
        console.log(`${t.name}\t${t.role}\tcreated ${when(t.created_at)}\tlast used ${when(t.last_used_at)}\t${t.revoked_at ? `revoked ${when(t.revoked_at)}` : 'active'}`);
      }
    } else {
      const revoked = await revokeTokenByName(db, rest[0]!);
      console.log(`revoked "${revoked.name}" at ${when(revoked.revoked_at)}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof ValidationError || error instanceof ConflictError || error instanceof NotFoundError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await db.destroy();
  }
}

process.exitCode = await run();
