// Errors a client is meant to read. Anything else is masked by yoga as "Unexpected error."
import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { DatabaseUnavailableError, QueryCancelledError } from './db/errors.ts';
import { InvalidCursorError } from './db/keyset.ts';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'INVALID_ID'
  | 'INVALID_CURSOR'
  | 'PATH_SEARCH_TOO_BROAD'
  | 'INPUT_TOO_LONG'
  | 'QUERY_TOO_COMPLEX'
  | 'QUERY_TOO_DEEP'
  | 'TOO_MANY_ALIASES'
  | 'TOO_MANY_TOKENS'
  | 'TOO_MANY_DIRECTIVES'
  | 'INTROSPECTION_DISABLED'
  | 'DATABASE_UNAVAILABLE'
  | 'QUERY_TIMEOUT'
  | 'REQUEST_CANCELLED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN';

export function clientError(message: string, code: ErrorCode = 'BAD_USER_INPUT', extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** The typed error a database failure (or a refused cursor) becomes for the client, or null when it is not one of those. */
function databaseErrorForClient(error: unknown): GraphQLError | null {
  // Cursors are checked in the db layer, where a list's order is known.
  if (error instanceof InvalidCursorError) return clientError(error.message, 'INVALID_CURSOR');
  if (error instanceof DatabaseUnavailableError) {
    return clientError('The database is unavailable; try again shortly.', 'DATABASE_UNAVAILABLE');
  }
  if (error instanceof QueryCancelledError) {
    if (error.reason === 'statement-timeout' || error.reason === 'request-timeout') return clientError(error.message, 'QUERY_TIMEOUT');
    return clientError(error.message, 'REQUEST_CANCELLED');
  }
  return null;
}

/** yoga's masking, except that database outages, timeouts and refused cursors keep a typed, actionable error. */
export const maskError: typeof yogaMaskError = (error, message, isDev) => {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const typed = databaseErrorForClient(original);
  if (typed && error instanceof GraphQLError) {
    return new GraphQLError(typed.message, { nodes: error.nodes, path: error.path, extensions: typed.extensions });
  }
  return typed ?? yogaMaskError(error, message, isDev);
};
