// The request a statement runs for, carried through async calls (AsyncLocalStorage), so the database
// layer can refuse work for a request that timed out or whose client left, and cancel what it runs.
import { AsyncLocalStorage } from 'node:async_hooks';
import { QueryCancelledError } from './errors.ts';

export interface QueryScope {
  readonly signal: AbortSignal;
  /** Cancels the statements running for this scope (pg: pg_cancel_backend on their backends). */
  readonly running: Set<() => void>;
}

const storage = new AsyncLocalStorage<QueryScope>();

/** Runs `work` with every statement it issues tied to `signal`. */
export function runInQueryScope<T>(signal: AbortSignal, work: () => T): T {
  const scope: QueryScope = { signal, running: new Set() };
  signal.addEventListener('abort', () => scope.running.forEach((cancel) => cancel()), { once: true });
  return storage.run(scope, work);
}

export function currentQueryScope(): QueryScope | undefined {
  return storage.getStore();
}

/** The typed error for work attempted after the scope's signal fired. */
export function cancelledBy(signal: AbortSignal): QueryCancelledError {
  const reason = signal.reason instanceof QueryCancelledError ? signal.reason : null;
  return reason ?? new QueryCancelledError('The request was cancelled.', 'client-gone');
}

/** Throws when the current request no longer wants results. */
export function throwIfScopeAborted(): void {
  const scope = storage.getStore();
  if (scope?.signal.aborted) throw cancelledBy(scope.signal);
}
