// The one way the explorer talks to the API: POST /graphql with JSON, typed by the document.
import { print } from '@0no-co/graphql.web';
import type { ResultOf, TadaDocumentNode, VariablesOf } from './graphql.ts';

export const GRAPHQL_ENDPOINT = '/graphql';

export interface ApiErrorDetail {
  message: string;
  code?: string;
}

/** Anything that kept a request from giving data: HTTP status, GraphQL errors, a network failure. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly details: readonly ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** 401/403 or an UNAUTHENTICATED/FORBIDDEN error: the editor token is missing or not allowed. */
  get unauthorized(): boolean {
    return this.status === 401 || this.status === 403 || this.details.some((d) => d.code === 'UNAUTHENTICATED' || d.code === 'FORBIDDEN');
  }
}

interface GraphQLResponse<D> {
  data?: D | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

function describeStatus(status: number): string {
  if (status === 401) return 'Not signed in: the editor token is missing or unknown.';
  if (status === 403) return 'This token is not allowed to do that.';
  if (status === 429) return 'Too many requests; try again in a moment.';
  return `The server answered ${status}.`;
}

/**
 * Runs one operation. Resolves with its data; rejects with an ApiError when the server or the
 * network fails, or when the response has errors (partial data is not shown as if it were whole).
 * The token, when given, goes only into this request's Authorization header.
 */
export async function request<D extends TadaDocumentNode<any, any>>(
  doc: D,
  variables: VariablesOf<D>,
  token?: string | null,
  signal?: AbortSignal,
): Promise<ResultOf<D>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(GRAPHQL_ENDPOINT, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: print(doc), variables }),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError('The server could not be reached.', null);
  }
  let body: GraphQLResponse<ResultOf<D>> | null = null;
  try {
    body = (await response.json()) as GraphQLResponse<ResultOf<D>>;
  } catch {
    body = null;
  }
  const details = (body?.errors ?? []).map((e) => ({ message: e.message, ...(e.extensions?.code ? { code: e.extensions.code } : {}) }));
  if (details.length > 0) throw new ApiError(details.map((d) => d.message).join(' '), response.status, details);
  if (!response.ok) throw new ApiError(describeStatus(response.status), response.status);
  if (!body?.data) throw new ApiError('The server sent no data.', response.status);
  return body.data;
}
