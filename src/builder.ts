// The one SchemaBuilder: plugins, scalars and Relay options. It defines no domain types.
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { unauthenticated } from './auth/authenticate.ts';
import type { Context } from './context.ts';
import { ValidationError } from './domain/errors.ts';
import { globalIdOf, parseGlobalId } from './domain/global-ids.ts';
import { clientError } from './errors.ts';
import { fieldCost } from './schema/cost.ts';

export { globalIdOf, NODE_TYPES } from './domain/global-ids.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: {
    Date: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string | number };
  };
  Connection: { totalCount: number };
  /** editor: curate; admin: also merge, retract, manage tokens, read the audit log. */
  AuthScopes: { editor: boolean; admin: boolean };
  DefaultEdgesNullability: { list: false; items: false };
  DefaultNodeNullability: false;
  DefaultFieldNullability: false;
}>({
  // Scope-auth first, so nothing else runs for a caller who may not call the field.
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, ComplexityPlugin, RelayPlugin, DataloaderPlugin],
  scopeAuth: {
    authScopes: async (context) => {
      const actor = await context.caller.resolve();
      return { editor: actor !== null, admin: actor?.role === 'admin' };
    },
    // No token: UNAUTHENTICATED; a valid token whose role is too low: FORBIDDEN.
    unauthorizedError: (_parent, context, info) =>
      context.caller.known
        ? clientError(`"${info.fieldName}" needs a role the token "${context.caller.known.name}" (${context.caller.known.role}) does not have.`, 'FORBIDDEN', { http: { status: 403 } })
        : unauthenticated(`"${info.fieldName}" needs an API token: send "Authorization: Bearer <token>".`),
  },
  // Expected failures of a mutation come back as members of its result union, not as errors.
  errors: {
    directResult: true,
    unsafelyHandleInputErrors: true,
    defaultUnionOptions: { description: 'What a mutation returns: its payload, or one of the typed errors it can fail with (nothing written then).' },
  },
  validation: {
    // Input is validated before scope-auth runs, so a request without any token is refused here
    // rather than told what is wrong with its input.
    validationError: (result, _args, context) => {
      if (!context.caller.hasCredentials) throw unauthenticated('Mutations need an API token: send "Authorization: Bearer <token>".');
      const issue = result.issues[0];
      const path = (issue?.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part));
      return new ValidationError(issue?.message ?? 'Invalid input.', path.join('.') || 'input');
    },
  },
  // Only the per-field cost is declared here; the budget is enforced before execution in src/http/limits.ts,
  // where the configured limit is known and the cost is reported back to the client.
  complexity: { fieldComplexity: (args, _context, field) => fieldCost(args, field) },
  // Fields are non-null unless they say otherwise: a null then means "unknown", never an accident.
  defaultFieldNullability: false,
  relay: {
    edgesFieldOptions: { nullable: { list: false, items: false }, description: 'The items of this page, each with its cursor.' },
    nodeFieldOptions: { nullable: false, description: 'The item.' },
    cursorFieldOptions: {
      description:
        'Opaque position of this item (its sort key), valid only for a list in the same order; pass it as after or before to page from here.',
    },
    pageInfoFieldOptions: { description: 'Where this page lies in the whole list.' },
    hasNextPageFieldOptions: { description: 'Whether items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of the page, null when the page is empty.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of the page, null when the page is empty.' },
    idFieldOptions: { description: 'Global ID, stable across requests; use it with node(id).' },
    nodeTypeOptions: { description: 'An object with a global ID that node(id) and nodes(ids) can fetch.' },
    pageInfoTypeOptions: { description: 'Relay paging information of a connection.' },
    defaultConnectionTypeOptions: { description: 'A page of a list (Relay connection).' },
    defaultEdgeTypeOptions: { description: 'An item of a list page, with its cursor.' },
    firstArgOptions: { description: 'Return at most this many items from the start (0 to 100; default 20).' },
    lastArgOptions: { description: 'Return at most this many items from the end (0 to 100).' },
    afterArgOptions: {
      description:
        'Return items strictly after this cursor\'s item by the list\'s sort key, so items added or removed between requests are neither ' +
        'skipped nor repeated; a cursor from a list in another order, or not given out by the API, is refused with INVALID_CURSOR.',
    },
    beforeArgOptions: { description: 'Return items strictly before this cursor\'s item in the list\'s order, by its sort key (see after).' },
    nodeQueryOptions: { description: 'Any object by its global ID; null when no such object exists.' },
    nodesQueryOptions: { description: 'Objects by their global IDs, in the same order; null for each that does not exist.' },
    encodeGlobalID: (typename, id) => globalIdOf(typename, id),
    decodeGlobalID: (globalID) => {
      const parsed = parseGlobalId(globalID);
      if (!parsed) throw clientError(`"${globalID}" is not a valid ID`, 'INVALID_ID');
      return parsed;
    },
  },
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date, 'YYYY-MM-DD', as the articles give them: no time, no zone. */
function parseDate(value: unknown): string {
  if (typeof value === 'string') {
    const match = ISO_DATE.exec(value);
    // Year 0 passes JavaScript's Date but not PostgreSQL's calendar, which starts at year 1.
    if (match && Number(match[1]) >= 1) {
      const date = new Date(`${value}T00:00:00Z`);
      if (!Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value) return value;
    }
  }
  throw clientError(`Date must be a real calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

builder.scalarType('Date', {
  description: 'A calendar date written YYYY-MM-DD.',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === 'StringValue' ? ast.value : undefined),
});

// Audit snapshots are stored as jsonb and handed to the client as they are: objects stay objects.
builder.scalarType('JSON', {
  description: 'Any JSON value, given as it is (an object, list, string, number, boolean or null).',
  serialize: (value) => value,
  parseValue: (value) => value,
});

builder.queryType({ description: 'Entry points into the knowledge graph.' });

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many items the whole list has, across all pages.',
    resolve: (connection) => connection.totalCount,
  }),
);
