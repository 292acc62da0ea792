// Database ids inside global IDs are positive integers; anything else is a client error.
import { clientError } from '../errors.ts';

export function parseNumericId(id: string): number {
  const parsed = Number(id);
  if (!Number.isSafeInteger(parsed) || parsed < 1 || parsed > 2147483647) {
    throw clientError(`"${id}" is not a valid ID`, 'INVALID_ID');
  }
  return parsed;
}
