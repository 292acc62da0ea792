// Runs each operation with a function graphql-jit compiled for it, kept with the parsed document
// (yoga caches those per query text), so a repeated query skips the general executor's per-field
// interpretation of the document. An operation it cannot compile, or variables it refuses, go to the
// general executor, whose messages clients already read; field errors are given back their field
// nodes, so they read exactly as the general executor's.
import { getLocation, GraphQLError, visit, type DocumentNode, type ExecutionArgs, type ExecutionResult, type FieldNode } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

type Execute = (args: ExecutionArgs) => ExecutionResult | Promise<ExecutionResult>;
/** Runs an operation compiled, falling back to `general` for a request that fails before any field runs. */
type CompiledRun = (args: ExecutionArgs, general: Execute) => ExecutionResult | Promise<ExecutionResult>;

/** The field nodes of a document by where they start ("line:column"), which is all a compiled error keeps of them. */
function fieldsByLocation(document: DocumentNode): Map<string, FieldNode> {
  const fields = new Map<string, FieldNode>();
  const source = document.loc?.source;
  if (!source) return fields;
  visit(document, {
    Field(node) {
      if (!node.loc) return;
      const { line, column } = getLocation(source, node.loc.start);
      fields.set(`${line}:${column}`, node);
    },
  });
  return fields;
}

/** The error as the general executor makes it: located at its field nodes, with its original error and extensions. */
function located(error: GraphQLError, fields: Map<string, FieldNode>): GraphQLError {
  if (error.nodes || !error.locations?.length) return error;
  const nodes = error.locations.flatMap(({ line, column }) => fields.get(`${line}:${column}`) ?? []);
  return new GraphQLError(error.message, {
    nodes,
    ...(error.path ? { path: error.path } : {}),
    ...(error.originalError ? { originalError: error.originalError } : {}),
    ...(error.extensions ? { extensions: error.extensions } : {}),
  });
}

function compile(args: ExecutionArgs): CompiledRun | null {
  const compiled = compileQuery(args.schema, args.document, args.operationName ?? undefined, { disablingCapturingStackErrors: true });
  if (!isCompiledQuery(compiled)) return null;
  let fields: Map<string, FieldNode> | null = null;
  const withLocatedErrors = (result: ExecutionResult): ExecutionResult => {
    if (!result.errors?.length) return result;
    fields ??= fieldsByLocation(args.document);
    return { ...result, errors: result.errors.map((error) => located(error, fields!)) };
  };
  return (run, general) => {
    const result = compiled.query(run.rootValue, run.contextValue, run.variableValues);
    if (result instanceof Promise) return result.then(withLocatedErrors);
    // No data at all: the request failed before any field ran (its variables); nothing has run, so the
    // general executor can answer it in its own words ("...; Date must be a real calendar date...").
    if (!('data' in result)) return general(run);
    return withLocatedErrors(result);
  };
}

export function compiledExecution(): Plugin {
  // Per parsed document (the same object for the same query text, from yoga's parser cache) and operation name.
  const compiledByDocument = new WeakMap<DocumentNode, Map<string, CompiledRun | null>>();
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      let byOperation = compiledByDocument.get(args.document);
      if (!byOperation) compiledByDocument.set(args.document, (byOperation = new Map()));
      const operation = args.operationName ?? '';
      if (!byOperation.has(operation)) byOperation.set(operation, compile(args));
      const run = byOperation.get(operation);
      if (run) setExecuteFn(((execution: ExecutionArgs) => run(execution, executeFn as Execute)) as never);
    },
  };
}
