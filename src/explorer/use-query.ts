// Loading a page's data: one request per change of its variables, stale answers dropped, and the
// page's <main> marked aria-busy while any request is out.
import { useEffect, useState } from 'preact/hooks';
import { request } from './api.ts';
import type { ResultOf, TadaDocumentNode, VariablesOf } from './graphql.ts';

// ---- busy state shared with the layout ----------------------------------------------------------
let pending = 0;
const listeners = new Set<(busy: boolean) => void>();

function changePending(delta: number): void {
  pending += delta;
  for (const listener of listeners) listener(pending > 0);
}

/** Runs a promise while marking the page busy. */
export async function whileBusy<T>(work: Promise<T>): Promise<T> {
  changePending(1);
  try {
    return await work;
  } finally {
    changePending(-1);
  }
}

export function useBusy(): boolean {
  const [busy, setBusy] = useState(pending > 0);
  useEffect(() => {
    listeners.add(setBusy);
    return () => void listeners.delete(setBusy);
  }, []);
  return busy;
}

// ---- the hook -----------------------------------------------------------------------------------
export interface QueryState<D> {
  data: D | null;
  error: Error | null;
  loading: boolean;
}

/** Fetches doc with variables (skipped while variables is null); refetches when they change. */
export function useQuery<D extends TadaDocumentNode<any, any>>(doc: D, variables: VariablesOf<D> | null): QueryState<ResultOf<D>> {
  const key = variables === null ? null : JSON.stringify(variables);
  const [state, setState] = useState<QueryState<ResultOf<D>>>({ data: null, error: null, loading: variables !== null });
  useEffect(() => {
    if (key === null || variables === null) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const controller = new AbortController();
    setState((previous) => ({ data: previous.data, error: null, loading: true }));
    whileBusy(request(doc, variables, null, controller.signal)).then(
      (data) => !controller.signal.aborted && setState({ data, error: null, loading: false }),
      (error: Error) => !controller.signal.aborted && setState({ data: null, error, loading: false }),
    );
    return () => controller.abort();
  }, [doc, key]);
  return state;
}
