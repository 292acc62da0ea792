// What makes two articles the same content: a SHA-256 over the clean body, normalised so that
// spacing and compatibility characters (no-break spaces, ligatures, full-width forms) do not count.
import { createHash } from 'node:crypto';

/**
 * Every character JavaScript's \s matches, listed so the database can match exactly the same ones
 * (db/migrations/2026-11-30-02-ingest.ts computes the hash of existing articles in SQL).
 */
const WHITE_SPACE_RUN = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;

/** The clean body as its hash sees it: NFKC, each run of white space one space, trimmed. */
export function normalizeForHash(body: string): string {
  return body.normalize('NFKC').replace(WHITE_SPACE_RUN, ' ').trim();
}

/** SHA-256 (hex) of the normalised clean body: the articles table holds one article per value. */
export function contentHash(body: string): string {
  return createHash('sha256').update(normalizeForHash(body), 'utf8').digest('hex');
}
