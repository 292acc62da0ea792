// Errors a client is meant to read. Anything else is masked by yoga as "Unexpected error."
import { GraphQLError } from 'graphql';

export type ErrorCode = 'BAD_USER_INPUT' | 'INVALID_ID' | 'INVALID_CURSOR' | 'PATH_SEARCH_TOO_BROAD';

export function clientError(message: string, code: ErrorCode = 'BAD_USER_INPUT'): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}
