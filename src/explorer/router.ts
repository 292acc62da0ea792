// Hash routing (#/entity/<id>?asOf=...): the server serves one page and never needs a fallback.
import { useEffect, useState } from 'preact/hooks';

export type RouteName = 'home' | 'entity' | 'article' | 'path' | 'review' | 'missing';

export interface Route {
  name: RouteName;
  /** The global ID after /entity/ or /article/. */
  id?: string;
  params: URLSearchParams;
}

const WITH_ID = new Set<RouteName>(['entity', 'article']);
const WITHOUT_ID = new Set<RouteName>(['path', 'review']);

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const queryAt = raw.indexOf('?');
  const path = queryAt < 0 ? raw : raw.slice(0, queryAt);
  const params = new URLSearchParams(queryAt < 0 ? '' : raw.slice(queryAt + 1));
  const [first, ...rest] = path.split('/').filter(Boolean);
  if (first === undefined) return { name: 'home', params };
  const name = first as RouteName;
  if (WITH_ID.has(name) && rest.length > 0) return { name, id: decodeSafely(rest.join('/')), params };
  if (WITHOUT_ID.has(name) && rest.length === 0) return { name, params };
  return { name: 'missing', params };
}

/** The current route, following hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}

/** Goes to a `#/...` link (as a click on it would). */
export function navigate(href: string): void {
  location.hash = href.replace(/^#/, '');
}
