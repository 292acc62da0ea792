// GET requests carry variables and extensions as JSON in the query string; malformed JSON there is
// the client's mistake (400 with a message), not the server's (yoga would answer 500).
import { createGraphQLError, type Plugin } from 'graphql-yoga';

const JSON_PARAMS = ['variables', 'extensions'] as const;

export function wellFormedGetParams(): Plugin {
  return {
    onRequestParse({ request, url }) {
      if (request.method !== 'GET') return;
      for (const name of JSON_PARAMS) {
        const raw = url.searchParams.get(name);
        if (raw === null || raw === '') continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw);
        } catch {
          throw createGraphQLError(`The "${name}" parameter is not valid JSON.`, { extensions: { http: { status: 400 }, code: 'BAD_REQUEST' } });
        }
        if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
          throw createGraphQLError(`The "${name}" parameter must be a JSON object.`, { extensions: { http: { status: 400 }, code: 'BAD_REQUEST' } });
        }
      }
    },
  };
}
