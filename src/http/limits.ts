// Bounds on what one request may ask for, all checked before any resolver runs: graphql-armor for the
// document's shape (depth, aliases, tokens, directives, field suggestions), the schema's own field costs
// for the node budget, and a cap on every string a client sends.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { complexityFromQuery } from '@pothos/plugin-complexity';
import {
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  getOperationAST,
  visit,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Limits } from '../config.ts';
import { clientError, type ErrorCode } from '../errors.ts';

/** Called once per refused request with the limit that refused it (for /metrics). */
export type OnRefused = (limit: string) => void;

const withCode = (code: ErrorCode, limit: number, onRefused: OnRefused, name: string) => ({
  onReject: [
    (_context: unknown, error: GraphQLError) => {
      // armor's errors carry the limit and the count in their message; the code lets clients branch.
      Object.assign(error.extensions, { code, limit });
      onRefused(name);
    },
  ],
});

export function documentShapeLimits(limits: Limits, fieldSuggestions: boolean, onRefused: OnRefused): Plugin {
  return EnvelopArmorPlugin({
    maxDepth: { n: limits.depth, ...withCode('QUERY_TOO_DEEP', limits.depth, onRefused, 'depth') },
    maxAliases: { n: limits.aliases, ...withCode('TOO_MANY_ALIASES', limits.aliases, onRefused, 'aliases') },
    maxTokens: { n: limits.tokens, ...withCode('TOO_MANY_TOKENS', limits.tokens, onRefused, 'tokens') },
    maxDirectives: { n: limits.directives, ...withCode('TOO_MANY_DIRECTIVES', limits.directives, onRefused, 'directives') },
    // The node budget below replaces armor's cost limit, which cannot see page sizes.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !fieldSuggestions },
  }) as Plugin;
}

/** Refuses introspection queries when it is turned off by configuration. */
export function introspectionSwitch(enabled: boolean): Plugin {
  if (enabled) return {};
  return {
    onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule),
  };
}

/** The cost of the operation that will run, as the schema's field costs add it up. */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: unknown, context: object): number | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  // complexityFromQuery measures the first operation of a document: hand it the one that runs.
  const single: DocumentNode = {
    ...document,
    definitions: document.definitions.filter((definition) => definition.kind !== Kind.OPERATION_DEFINITION || definition === operation),
  };
  try {
    return complexityFromQuery(single, { schema, ctx: context, variables: (variables ?? {}) as Record<string, unknown> }).complexity;
  } catch {
    // Variables that do not fit the operation: execution reports them precisely.
    return null;
  }
}

/**
 * The node budget: an operation whose cost is over the limit is refused before execution (no SQL
 * runs); an accepted one reports its cost as `extensions.cost`, as GitHub's rateLimit does.
 */
export function costLimit(limit: number, onRefused: OnRefused): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = operationCost(args.schema, args.document, args.operationName, args.variableValues, args.contextValue as object);
      if (cost !== null && cost > limit) {
        onRefused('cost');
        const message = `Query cost ${cost} exceeds the limit of ${limit} (COST_LIMIT): ask for smaller pages (first/last) or less nesting.`;
        setResultAndStopExecution({ errors: [clientError(message, 'QUERY_TOO_COMPLEX', { cost, limit })] });
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (cost === null || Symbol.asyncIterator in (result as object)) return;
          const single = result as ExecutionResult;
          setResult({ ...single, extensions: { ...single.extensions, cost: { requested: cost, limit } } });
        },
      };
    },
  };
}

type Problem = { argument: string; length?: number; nul?: boolean };

function checkString(argument: string, value: string, maxLength: number): Problem | null {
  if (value.length > maxLength) return { argument, length: value.length };
  // PostgreSQL text cannot hold NUL; refusing it here gives a clear error instead of a masked one.
  if (value.includes('\u0000')) return { argument, nul: true };
  return null;
}

function findInVariable(name: string, value: unknown, maxLength: number): Problem | null {
  if (typeof value === 'string') return checkString(name, value, maxLength);
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = findInVariable(name, item, maxLength);
      if (problem) return problem;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = findInVariable(`${name}.${key}`, item, maxLength);
      if (problem) return problem;
    }
  }
  return null;
}

function findInLiteral(name: string, value: ValueNode, maxLength: number): Problem | null {
  if (value.kind === Kind.STRING) return checkString(name, value.value, maxLength);
  if (value.kind === Kind.LIST) {
    for (const item of value.values) {
      const problem = findInLiteral(name, item, maxLength);
      if (problem) return problem;
    }
  } else if (value.kind === Kind.OBJECT) {
    for (const field of value.fields) {
      const problem = findInLiteral(`${name}.${field.name.value}`, field.value, maxLength);
      if (problem) return problem;
    }
  }
  return null;
}

/** The first string argument or variable that is too long or holds a NUL character. */
export function findBadString(document: DocumentNode, variables: unknown, maxLength: number): Problem | null {
  let found: Problem | null = null;
  visit(document, {
    Argument(node) {
      found ??= findInLiteral(node.name.value, node.value, maxLength);
      return found ? false : undefined;
    },
  });
  if (found) return found;
  if (variables && typeof variables === 'object') {
    for (const [name, value] of Object.entries(variables)) {
      const problem = findInVariable(`$${name}`, value, maxLength);
      if (problem) return problem;
    }
  }
  return null;
}

/** Every string a client sends is capped (STRING_LIMIT) and NUL-free, checked before execution. */
export function inputLimits(maxLength: number, onRefused: OnRefused): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const problem = findBadString(args.document, args.variableValues, maxLength);
      if (!problem) return;
      onRefused(problem.nul ? 'nul' : 'string-length');
      const error = problem.nul
        ? clientError(`"${problem.argument}" contains a NUL character, which no text here can hold.`, 'BAD_USER_INPUT')
        : clientError(
            `"${problem.argument}" is ${problem.length} characters long; the limit is ${maxLength} (STRING_LIMIT).`,
            'INPUT_TOO_LONG',
            { limit: maxLength },
          );
      setResultAndStopExecution({ errors: [error] });
    },
  };
}
