// Database failures a client can act on, told apart from bugs: the service maps these to typed
// GraphQL errors (DATABASE_UNAVAILABLE, QUERY_TIMEOUT, REQUEST_CANCELLED) instead of masking them.

/** The database cannot be reached, or the connection died: retrying later may succeed. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

/** A statement ran past statement_timeout, or the request it served was timed out or abandoned. */
export class QueryCancelledError extends Error {
  override readonly name = 'QueryCancelledError';
  constructor(
    message: string,
    readonly reason: 'statement-timeout' | 'request-timeout' | 'client-gone' | 'shutdown',
  ) {
    super(message);
  }
}

// SQLSTATE classes and codes meaning "the server or the connection is gone", not "the query is wrong".
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);

/** True when an error from pg means the database is unreachable or the connection was lost. */
export function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08'))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed|Cannot use a pool after calling end/i.test(
    error.message,
  );
}

/** pg's SQLSTATE for a statement stopped by statement_timeout or a cancel request. */
export const QUERY_CANCELED_SQLSTATE = '57014';
