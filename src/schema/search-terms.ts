// One cap for every typed search term: trigram and full-text matching cost grows with the term's
// length (squared for trigram similarity), so a term longer than anyone types is refused up front.
import { clientError } from '../errors.ts';

export const MAX_SEARCH_LENGTH = 200;

/** The term as given, or a BAD_USER_INPUT error naming the argument when it is too long. */
export function checkSearchLength(argument: string, term: string): string {
  if (term.length > MAX_SEARCH_LENGTH) {
    throw clientError(`"${argument}" must be at most ${MAX_SEARCH_LENGTH} characters, got ${term.length}`, 'BAD_USER_INPUT', {
      limit: MAX_SEARCH_LENGTH,
    });
  }
  return term;
}
