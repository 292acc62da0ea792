// Bounds on what one request may ask for, all checked before any resolver runs: graphql-armor for the
// document's shape (depth, aliases, tokens, directives, field suggestions), the schema's own field costs
// for the node budget, and a cap on every string a client sends.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { complexityFromQuery } from '@pothos/plugin-complexity';
import {
  BREAK,
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  TypeInfo,
  getNamedType,
  getOperationAST,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  typeFromAST,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type ASTVisitor,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Limits } from '../config.ts';
import { clientError, type ErrorCode } from '../errors.ts';
import { STRING_LIMIT_EXTENSION } from '../schema/cost.ts';

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

export interface StringLimits {
  /** Every string argument and variable not capped otherwise (STRING_LIMIT). */
  default: number;
  /**
   * The caps that arguments and input fields name in their schema extensions (STRING_LIMIT_EXTENSION,
   * e.g. an article's text: INGEST_MAX_CHARS), by setting name.
   */
  named?: Readonly<Record<string, number>>;
}

interface Cap {
  limit: number;
  setting: string;
}

type Problem = { argument: string; length?: number; nul?: boolean; cap?: Cap };

function defaultCap(limits: StringLimits): Cap {
  return { limit: limits.default, setting: 'STRING_LIMIT' };
}

/** The cap of an argument or input field: the setting its extensions name, else STRING_LIMIT. */
function capOf(definition: GraphQLArgument | GraphQLInputField | null | undefined, limits: StringLimits): Cap {
  const setting = definition?.extensions?.[STRING_LIMIT_EXTENSION];
  const limit = typeof setting === 'string' ? limits.named?.[setting] : undefined;
  return limit === undefined ? defaultCap(limits) : { limit, setting: setting as string };
}

const tighter = (a: Cap | undefined, b: Cap): Cap => (a === undefined || b.limit < a.limit ? b : a);

function checkString(argument: string, value: string, cap: Cap): Problem | null {
  if (value.length > cap.limit) return { argument, length: value.length, cap };
  // PostgreSQL text cannot hold NUL; refusing it here gives a clear error instead of a masked one.
  if (value.includes('\u0000')) return { argument, nul: true };
  return null;
}

/** A variable's value walked along its declared type, so each input field's strings meet that field's cap. */
function findInVariable(name: string, value: unknown, type: GraphQLInputType | undefined, cap: Cap, limits: StringLimits): Problem | null {
  if (typeof value === 'string') return checkString(name, value, cap);
  const nullable = type && isNonNullType(type) ? type.ofType : type;
  if (Array.isArray(value)) {
    const itemType = nullable && isListType(nullable) ? (nullable.ofType as GraphQLInputType) : nullable;
    for (const item of value) {
      const problem = findInVariable(name, item, itemType, cap, limits);
      if (problem) return problem;
    }
  } else if (value && typeof value === 'object') {
    const named = type ? getNamedType(type) : undefined;
    const fields = named && isInputObjectType(named) ? named.getFields() : null;
    for (const [key, item] of Object.entries(value)) {
      const field = fields?.[key];
      const problem = findInVariable(`${name}.${key}`, item, field?.type, capOf(field, limits), limits);
      if (problem) return problem;
    }
  }
  return null;
}

/**
 * The first string argument or variable that is too long or holds a NUL character. Each string
 * meets the cap of the argument or input field it is given for; a variable used in several places
 * meets the tightest of their caps. Without a schema every string meets the default cap.
 */
export function findBadString(
  document: DocumentNode,
  variables: unknown,
  limits: number | StringLimits,
  schema?: GraphQLSchema,
): Problem | null {
  const caps: StringLimits = typeof limits === 'number' ? { default: limits } : limits;
  let found: Problem | null = null;
  // The argument or input field being read, innermost last, with its name as messages give it.
  const within: Array<{ name: string; cap: Cap }> = [];
  const variableCaps = new Map<string, Cap>();
  const variableTypes = new Map<string, GraphQLInputType>();
  // Defaults written in the document stand in for variables the request leaves out.
  const variableDefaults = new Map<string, unknown>();
  const typeInfo = schema ? new TypeInfo(schema) : null;
  const visitor: ASTVisitor = {
    VariableDefinition(node) {
      const type = schema ? typeFromAST(schema, node.type) : undefined;
      if (type && isInputType(type)) variableTypes.set(node.variable.name.value, type);
      if (node.defaultValue) variableDefaults.set(node.variable.name.value, valueFromASTUntyped(node.defaultValue));
    },
    Argument: {
      enter(node) {
        within.push({ name: node.name.value, cap: capOf(typeInfo?.getArgument(), caps) });
      },
      leave() {
        within.pop();
        return found ? BREAK : undefined;
      },
    },
    ObjectField: {
      enter(node) {
        const parent = typeInfo?.getParentInputType();
        const object = parent ? getNamedType(parent) : undefined;
        const field = object && isInputObjectType(object) ? object.getFields()[node.name.value] : undefined;
        within.push({ name: `${within.at(-1)?.name ?? ''}.${node.name.value}`, cap: capOf(field, caps) });
      },
      leave() {
        within.pop();
      },
    },
    StringValue(node) {
      const place = within.at(-1);
      if (place) found ??= checkString(place.name, node.value, place.cap);
    },
    Variable(node) {
      const place = within.at(-1);
      if (place) variableCaps.set(node.name.value, tighter(variableCaps.get(node.name.value), place.cap));
    },
  };
  visit(document, typeInfo ? visitWithTypeInfo(typeInfo, visitor) : visitor);
  if (found) return found;
  const given = variables && typeof variables === 'object' ? (variables as Record<string, unknown>) : {};
  const values = new Map<string, unknown>(variableDefaults);
  for (const [name, value] of Object.entries(given)) values.set(name, value);
  for (const [name, value] of values) {
    const problem = findInVariable(`$${name}`, value, variableTypes.get(name), variableCaps.get(name) ?? defaultCap(caps), caps);
    if (problem) return problem;
  }
  return null;
}

/**
 * Every string a client sends is capped and NUL-free, checked before execution: at STRING_LIMIT, or at
 * the setting an argument or input field names (STRING_LIMIT_EXTENSION), such as an article's text.
 */
export function inputLimits(limits: number | StringLimits, onRefused: OnRefused): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const problem = findBadString(args.document, args.variableValues, limits, args.schema);
      if (!problem) return;
      onRefused(problem.nul ? 'nul' : 'string-length');
      const error = problem.nul
        ? clientError(`"${problem.argument}" contains a NUL character, which no text here can hold.`, 'BAD_USER_INPUT')
        : clientError(
            `"${problem.argument}" is ${problem.length} characters long; the limit is ${problem.cap!.limit} (${problem.cap!.setting}).`,
            'INPUT_TOO_LONG',
            { limit: problem.cap!.limit },
          );
      setResultAndStopExecution({ errors: [error] });
    },
  };
}
