// Pieces shared by every mutation: the reason input, ID parsing into typed NotFoundErrors, and zod rules.
import { z } from 'zod';
import { parseGlobalId } from '../domain/global-ids.ts';
import { NotFoundError } from '../domain/errors.ts';

/** Longest reason, name, alias or description a mutation takes. */
export const MAX_TEXT_LENGTH = 1000;

export const optionalReason = z.string().trim().max(MAX_TEXT_LENGTH, `At most ${MAX_TEXT_LENGTH} characters.`).nullish();
export const requiredReason = z.string().trim().min(1, 'Say why.').max(MAX_TEXT_LENGTH, `At most ${MAX_TEXT_LENGTH} characters.`);
export const nameText = z.string().trim().min(1, 'Must not be blank.').max(200, 'At most 200 characters.');

/**
 * The database id inside a global ID of the given type. A malformed ID is refused earlier (INVALID_ID);
 * a well-formed ID of another type or with no object behind it is a NotFoundError.
 */
export function idOfType(globalId: string, typename: string, field: string): number {
  const parsed = parseGlobalId(globalId);
  if (!parsed || parsed.typename !== typename || Number(parsed.id) > 2147483647) {
    throw new NotFoundError(`${field}: "${globalId}" is not the ID of a ${typename}.`, globalId);
  }
  return Number(parsed.id);
}
