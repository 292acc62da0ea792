// The asOf date scopes every view: it lives in the hash query, every internal link carries it,
// and every query passes it to the fields that take it.
import { parseHash } from './router.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD that is a real calendar date, else null (the API refuses impossible dates). */
export function validDate(text: string | null | undefined): string | null {
  if (!text || !ISO_DATE.test(text)) return null;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text ? text : null;
}

export function asOfOf(params: URLSearchParams): string | null {
  return validDate(params.get('asOf'));
}

/** asOf of the page being shown. */
export function currentAsOf(): string | null {
  return asOfOf(parseHash(location.hash).params);
}

/**
 * An internal link: `link('/article/' + id, { citation })` gives `#/article/<id>?citation=...&asOf=...`,
 * carrying the current asOf unless `asOf` is given (null drops it). Path segments are encoded here.
 */
export function link(path: string, query: Record<string, string | null | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value != null && key !== 'asOf') params.set(key, value);
  const asOf = 'asOf' in query ? validDate(query.asOf) : currentAsOf();
  if (asOf) params.set('asOf', asOf);
  const encodedPath = path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  const search = params.toString();
  return `#${encodedPath}${search ? `?${search}` : ''}`;
}

/** The current page with another asOf (null clears it): what the header's date picker navigates to. */
export function withAsOf(hash: string, asOf: string | null): string {
  const route = parseHash(hash);
  const raw = hash.replace(/^#/, '') || '/';
  const path = raw.split('?')[0] ?? '/';
  const params = new URLSearchParams(route.params);
  if (asOf) params.set('asOf', asOf);
  else params.delete('asOf');
  const search = params.toString();
  return `#${path}${search ? `?${search}` : ''}`;
}
