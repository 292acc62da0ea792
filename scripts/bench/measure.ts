// Runs one GraphQL query through yoga.fetch in-process, timing each request and counting its SQL statements.
import { performance } from 'node:perf_hooks';
import type { App } from '../../src/app.ts';

export interface StatementCounter {
  count: number;
}

export interface Measurement {
  name: string;
  iterations: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** SQL statements per request: one number, or "min-max" when requests differ. */
  statements: string;
  /** Size of the JSON response: the same at every scale when the query does the same work. */
  responseBytes: number;
  /** Why the query was not measured (a field the schema lacks, an error). */
  skipped?: string;
}

// A slow query stops early once it has this many samples and has used its time budget, so a
// regression makes the run report it rather than take ten times longer.
const MIN_SAMPLES = 20;
const TIME_BUDGET_MS = 10_000;

interface GraphQLResponse {
  data?: unknown;
  errors?: Array<{ message: string }>;
}

async function postForText(yoga: App['yoga'], query: string): Promise<string> {
  const response = await yoga.fetch('http://bench.local/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query }),
  });
  return response.text();
}

export async function postQuery(yoga: App['yoga'], query: string): Promise<GraphQLResponse> {
  return JSON.parse(await postForText(yoga, query)) as GraphQLResponse;
}

/** Nearest-rank percentile of sorted latencies. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function measure(
  yoga: App['yoga'],
  counter: StatementCounter,
  name: string,
  query: string,
  iterations: number,
): Promise<Measurement> {
  // The first request doubles as a check: a missing field or an error skips the query, with the reason.
  const firstText = await postForText(yoga, query);
  const first = JSON.parse(firstText) as GraphQLResponse;
  if (first.errors?.length) {
    const skipped = first.errors[0]!.message;
    return { name, iterations: 0, requestsPerSecond: 0, p50: 0, p99: 0, statements: '-', responseBytes: 0, skipped };
  }
  const warmUp = Math.min(10, Math.max(2, Math.round(iterations / 10)));
  for (let i = 0; i < warmUp; i += 1) await postForText(yoga, query);

  const latencies: number[] = [];
  const statements: number[] = [];
  const started = performance.now();
  for (let i = 0; i < iterations && (i < MIN_SAMPLES || performance.now() - started < TIME_BUDGET_MS); i += 1) {
    const before = counter.count;
    const t0 = performance.now();
    await postForText(yoga, query);
    latencies.push(performance.now() - t0);
    statements.push(counter.count - before);
  }
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const [low, high] = [Math.min(...statements), Math.max(...statements)];
  return {
    name,
    iterations: latencies.length,
    requestsPerSecond: (latencies.length * 1000) / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    statements: low === high ? String(low) : `${low}-${high}`,
    responseBytes: firstText.length,
  };
}
