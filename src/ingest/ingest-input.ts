// What a caller hands to ingest, checked and tidied, and the identity of the article it holds (the
// clean body's hash, the URL) that decides whether it is stored already. Pure: no database.
import { ValidationError } from '../domain/errors.ts';
import { cleanArticle } from './clean.ts';
import { contentHash } from './content-hash.ts';

/** What a caller hands in: the text as collected and whatever metadata it knows. */
export interface IngestInput {
  text: string;
  title?: string | null;
  publisher?: string | null;
  byline?: string | null;
  /** 'YYYY-MM-DD'. */
  publishedOn?: string | null;
  url?: string | null;
  language?: string | null;
}

/** The publisher of an article whose caller names none and whose URL is unknown. */
export const UNKNOWN_PUBLISHER = 'unknown';

/** How an ingested article is named among the articles: from its content hash, so it is unique with it. */
export const sourceKeyOf = (hash: string) => `ingest_${hash.slice(0, 16)}`;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Z]{2})?$/;
const MAX_URL_LENGTH = 2000;
const MAX_METADATA_LENGTH = 1000;

/** Whether the text is a real calendar date written YYYY-MM-DD (year 1 or later, as PostgreSQL takes). */
export function isRealDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match || Number(match[1]) < 1) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The URL as stored: http(s) only, host lowercased, fragment dropped; a ValidationError otherwise. */
export function normalizeArticleUrl(url: string, field = 'input.url'): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new ValidationError('The URL is not a valid absolute URL (http:// or https://).', field);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ValidationError(`Only http:// and https:// URLs are accepted, not ${parsed.protocol}//.`, field);
  }
  if (parsed.hostname === '') throw new ValidationError('The URL has no host.', field);
  if (parsed.username || parsed.password) throw new ValidationError('The URL must not carry a user name or password.', field);
  // The fragment names a place in the page, not another page.
  parsed.hash = '';
  const href = parsed.href;
  if (href.length > MAX_URL_LENGTH) throw new ValidationError(`The URL is longer than ${MAX_URL_LENGTH} characters.`, field);
  return href;
}

const optionalText = (value: string | null | undefined, field: string): string | null => {
  const trimmed = value?.trim() ?? '';
  if (trimmed.length > MAX_METADATA_LENGTH) throw new ValidationError(`At most ${MAX_METADATA_LENGTH} characters.`, field);
  return trimmed === '' ? null : trimmed;
};

/**
 * The input checked and tidied (texts trimmed, blanks as null, the URL normalised): an empty or
 * oversized text, an impossible or future date, a URL that is not http(s), or an unknown language
 * code is a ValidationError naming the field. `today` ('YYYY-MM-DD', UTC) bounds the date; `maxChars`
 * (INGEST_MAX_CHARS) the text, when no earlier layer has checked it.
 */
export function checkIngestInput(input: IngestInput, limits: { today: string; maxChars?: number }): IngestInput {
  const text = input.text;
  if (text.trim() === '') throw new ValidationError('The article text is empty.', 'input.text');
  if (limits.maxChars !== undefined && text.length > limits.maxChars) {
    throw new ValidationError(`The article text is ${text.length} characters long; the limit is ${limits.maxChars} (INGEST_MAX_CHARS).`, 'input.text');
  }
  if (text.includes('\u0000')) throw new ValidationError('The article text contains a NUL character.', 'input.text');
  const publishedOn = input.publishedOn?.trim() || null;
  if (publishedOn !== null) {
    if (!isRealDate(publishedOn)) throw new ValidationError(`"${publishedOn}" is not a real date written YYYY-MM-DD.`, 'input.publishedAt');
    // A day of slack for time zones ahead of UTC.
    const tomorrow = new Date(Date.parse(`${limits.today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    if (publishedOn > tomorrow) throw new ValidationError(`The publication date ${publishedOn} is in the future.`, 'input.publishedAt');
  }
  const language = input.language?.trim() || null;
  if (language !== null && !LANGUAGE.test(language)) {
    throw new ValidationError('The language is an ISO 639 code such as "en" or "ru" (optionally with a region, "pt-BR").', 'input.language');
  }
  const url = input.url?.trim() ? normalizeArticleUrl(input.url) : null;
  return {
    text,
    title: optionalText(input.title, 'input.title'),
    publisher: optionalText(input.publisher, 'input.publisher'),
    byline: optionalText(input.byline, 'input.byline'),
    publishedOn,
    url,
    language,
  };
}

/** The cleaned body and its identity, which decide whether the article is already stored. */
export interface ArticleIdentity {
  body: string;
  contentHash: string;
  sourceKey: string;
  url: string | null;
}

/** Cleans the text and hashes the clean body (step 1); a text with nothing left after cleaning is a ValidationError. */
export function identifyArticle(input: Pick<IngestInput, 'text' | 'url'>): ArticleIdentity {
  const body = cleanArticle(input.text).body;
  if (body.trim() === '') throw new ValidationError('Nothing of the text is left after removing site chrome; it holds no article.', 'input.text');
  const hash = contentHash(body);
  return { body, contentHash: hash, sourceKey: sourceKeyOf(hash), url: input.url ?? null };
}

/** The host of a URL without "www.", as the publisher of an article that names none. */
export function publisherFromUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

