// Reads run as named prepared statements: PostgreSQL then parses and plans each distinct statement
// text once per connection instead of at every execution, and the nested JSON reads of a walk take
// longer to plan than to run. Only reads outside transactions are named: a failed statement inside a
// transaction could not be retried, and writes are few. The names are bounded, since every
// connection keeps each statement it prepared until it closes.
import { createHash } from 'node:crypto';

/** Most distinct statement texts given a name; later ones run unnamed (parsed every time). */
export const MAX_PREPARED_STATEMENTS = 300;

/** SQLSTATE of "cached plan must not change result type": a table a prepared read returns was altered. */
export const CACHED_PLAN_CHANGED_SQLSTATE = '0A000';

const READ = /^\s*(select|with)\b/i;

export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly limit = MAX_PREPARED_STATEMENTS) {}

  /** The name to prepare this read under, or null to run it unnamed. */
  nameOf(sql: string): string | null {
    const known = this.names.get(sql);
    if (known) return known;
    if (this.names.size >= this.limit || !READ.test(sql)) return null;
    const name = `cg_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    this.names.set(sql, name);
    return name;
  }
}

/** Follows a connection's transaction state from the statements Kysely sends on it. */
export function transactionStateAfter(sql: string, inTransaction: boolean): boolean {
  const start = sql.trimStart().slice(0, 20).toLowerCase();
  if (start.startsWith('begin') || start.startsWith('start transaction')) return true;
  if (start.startsWith('commit') || start.startsWith('rollback') || start.startsWith('end')) {
    // "rollback to savepoint" keeps the transaction open.
    return start.startsWith('rollback to') ? inTransaction : false;
  }
  return inTransaction;
}
