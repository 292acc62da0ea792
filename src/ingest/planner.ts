// Where the ingest pipeline runs. Extraction is pure CPU work (about a second for a 100,000-character
// article), so the server runs it on worker threads: reads keep being answered while an article is
// planned. INGEST_THREADS=0 runs it on the calling thread, as the CLI does.
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { IngestInput } from './ingest-input.ts';
import type { IngestKnowledge, IngestPlan } from './pipeline.ts';
import type { PlanTask } from './plan-worker.ts';

export type PlanIngest = (input: IngestInput, known: IngestKnowledge) => Promise<IngestPlan>;

export interface IngestPlanner {
  plan: PlanIngest;
  /** How many plans worker threads have finished (0 when planning on this thread). */
  completedOnWorkers(): number;
  /** Ends the worker threads; plans still running are rejected. */
  close(): Promise<void>;
}

/**
 * Loaded on first use: the pipeline's recognizers take about 110 MB of memory, which a server that
 * plans on worker threads should hold only there.
 */
export const planOnThisThread: PlanIngest = async (input, known) => (await import('./pipeline.ts')).planIngest(input, known);

/**
 * The worker module next to this one: .ts when running from source, .js when built. A worker takes
 * no V8 flags (the start script's --max-semi-space-size would fail it), so it gets only what it
 * needs: tsx's loader when it runs from source.
 */
function workerFile(): { filename: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const filename = fileURLToPath(new URL(fromSource ? './plan-worker.ts' : './plan-worker.js', import.meta.url));
  return { filename, execArgv: fromSource ? ['--import', 'tsx'] : [] };
}

export function createIngestPlanner(threads: number): IngestPlanner {
  if (threads === 0) return { plan: planOnThisThread, completedOnWorkers: () => 0, close: async () => {} };
  const pool = new Piscina<PlanTask, IngestPlan>({
    ...workerFile(),
    minThreads: 0,
    maxThreads: threads,
    // A worker loads the recognizers once (about a second); an idle one is ended after a minute.
    idleTimeout: 60_000,
  });
  return {
    // async: a worker that cannot start rejects this call instead of throwing out of it.
    plan: async (input, known) => pool.run({ input, known }),
    completedOnWorkers: () => pool.completed,
    close: () => pool.destroy(),
  };
}
