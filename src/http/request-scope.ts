// Every request runs in a query scope with its own abort signal: it fires when the request runs past
// REQUEST_TIMEOUT_MS, when its client disconnects, or at shutdown; the database layer then cancels the
// statements it runs and refuses new ones, so no work outlives its purpose.
import type { Plugin } from 'graphql-yoga';
import { QueryCancelledError } from '../db/errors.ts';
import { runInQueryScope } from '../db/query-scope.ts';

export class InFlightRequests {
  private readonly controllers = new Set<AbortController>();
  private cancelReason: QueryCancelledError | null = null;

  get size(): number {
    return this.controllers.size;
  }

  add(controller: AbortController): void {
    if (this.cancelReason) controller.abort(this.cancelReason);
    this.controllers.add(controller);
  }

  delete(controller: AbortController): void {
    this.controllers.delete(controller);
  }

  /** Aborts every request still running, and any that starts later (shutdown after the grace period). */
  cancelAll(): void {
    this.cancelReason = new QueryCancelledError('The service is shutting down; retry the request.', 'shutdown');
    for (const controller of this.controllers) controller.abort(this.cancelReason);
  }
}

export function requestScope(timeoutMs: number, inFlight: InFlightRequests): Plugin {
  return {
    instrumentation: {
      request: ({ request }, wrapped) => {
        const controller = new AbortController();
        const timer = setTimeout(
          () => controller.abort(new QueryCancelledError(`The request ran past the ${timeoutMs} ms request timeout (REQUEST_TIMEOUT_MS).`, 'request-timeout')),
          timeoutMs,
        );
        const clientGone = () => controller.abort(new QueryCancelledError('The client closed the connection.', 'client-gone'));
        request.signal?.addEventListener('abort', clientGone, { once: true });
        inFlight.add(controller);
        const done = () => {
          clearTimeout(timer);
          request.signal?.removeEventListener('abort', clientGone);
          inFlight.delete(controller);
        };
        try {
          return Promise.resolve(runInQueryScope(controller.signal, wrapped)).finally(done);
        } catch (error) {
          done();
          throw error;
        }
      },
    },
  };
}
