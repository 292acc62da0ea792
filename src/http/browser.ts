// What browsers may do: GraphiQL served whole from the installed package (no CDN), CORS for listed
// origins only and never with credentials, and CSRF prevention for requests a browser sends unasked.
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

/** Header a non-browser client adds to a GET request (browsers cannot add it cross-site unasked). */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

export function csrfPrevention(): Plugin {
  return useCSRFPrevention({ requestHeaders: [CSRF_HEADER] });
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isAllowedOrigin(origin: string, request: Request, listed: readonly string[]): boolean {
  if (listed.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  // The API's own pages (GraphiQL, an explorer served here) and local development servers.
  const ownHost = request.headers.get('host') ?? new URL(request.url).host;
  return url.host === ownHost || (LOCAL_HOSTS.has(url.hostname) && (url.protocol === 'http:' || url.protocol === 'https:'));
}

/** yoga's `cors` option: answer allowed origins by name, others get no CORS headers at all. */
export function corsPolicy(listed: readonly string[]) {
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || !isAllowedOrigin(origin, request, listed)) return false as const;
    return {
      origin: [origin],
      // Requests carry tokens in a header, never cookies: nothing here needs credentialed CORS.
      credentials: false,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'accept', 'authorization', CSRF_HEADER, 'x-request-id'],
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    };
  };
}

/** GraphiQL's page with every script and style inlined from @graphql-yoga/render-graphiql, rendered once per set of options. */
export function offlineGraphiQL(): (options: GraphiQLOptions) => Promise<string> {
  const pages = new Map<string, string>();
  return async (options) => {
    const key = JSON.stringify(options);
    let page = pages.get(key);
    if (!page) {
      // Loaded on the first GraphiQL page: its bundled assets take about 70 MB of memory, which a
      // server that never shows GraphiQL (GRAPHIQL=false) should not hold.
      const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
      page = renderGraphiQL(options);
      pages.set(key, page);
    }
    return page;
  };
}
