// One bounded autocannon run of a single GraphQL POST, with every response body checked for GraphQL errors.
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  /** JSON request body. */
  body: string;
  connections: number;
  durationSeconds: number;
  /** Stops the run early (Ctrl-C); the result covers what ran. */
  signal?: AbortSignal;
  /** Updated as responses arrive, for callers that sample while the run goes on (soak mode). */
  live?: LiveCounters;
}

export interface LiveCounters {
  responses: number;
  failed: number;
}

export interface LoadResult {
  /** Responses received, whatever their status. */
  responses: number;
  durationSeconds: number;
  requestsPerSecond: number;
  /** Latency percentiles of 2xx responses, in ms, from per-response timings (autocannon's own histogram has 1 ms resolution). */
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  timeouts: number;
  /** Connection errors other than timeouts. */
  socketErrors: number;
  /** 2xx responses whose body carries `"errors"`: GraphQL reports failures with status 200. */
  errorBodies: number;
  /** All of the above failures together. */
  errors: number;
  /** Requests sent but not answered when the run ended: neither errors nor latencies, but a sign of queueing. */
  unansweredAtEnd: number;
  /** How many responses had each non-2xx status, e.g. { '503': 4 }. */
  non2xxByStatus: Record<string, number>;
  /** One failing response body, to show what went wrong. */
  sampleErrorBody?: string;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const isSuccess = (status: number) => status >= 200 && status < 300;

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let errorBodies = 0;
  let sampleErrorBody: string | undefined;
  const live = options.live;

  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSeconds,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: options.body,
            // Sees every response body (no sampling). Non-2xx are counted by autocannon as non2xx, so only 2xx are
            // checked here, and a failed response is never counted twice.
            onResponse: (status, body) => {
              if (!isSuccess(status)) {
                sampleErrorBody ??= `${status}: ${body.slice(0, 300)}`;
                return;
              }
              if (body.includes('"errors"')) {
                errorBodies += 1;
                if (live) live.failed += 1;
                sampleErrorBody ??= body.slice(0, 300);
              }
            },
          },
        ],
      },
      (error, result) => {
        options.signal?.removeEventListener('abort', stop);
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        const sorted = Float64Array.from(latencies).sort();
        const non2xxByStatus = Object.fromEntries(
          Object.entries(result.statusCodeStats ?? {})
            .filter(([status]) => !isSuccess(Number(status)))
            .map(([status, stats]) => [status, stats.count ?? 0]),
        );
        const failures = result.non2xx + result.errors + errorBodies;
        resolve({
          responses: result.requests.total,
          durationSeconds: result.duration,
          requestsPerSecond: result.duration > 0 ? result.requests.total / result.duration : 0,
          p50Ms: percentile(sorted, 50),
          p99Ms: percentile(sorted, 99),
          non2xx: result.non2xx,
          timeouts: result.timeouts,
          socketErrors: result.errors - result.timeouts,
          errorBodies,
          errors: failures,
          unansweredAtEnd: Math.max(0, result.requests.sent - result.requests.total),
          non2xxByStatus,
          ...(sampleErrorBody === undefined ? {} : { sampleErrorBody }),
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (isSuccess(statusCode)) latencies.push(responseTime);
      if (live) {
        live.responses += 1;
        if (!isSuccess(statusCode)) live.failed += 1;
      }
    });
    if (live) instance.on('reqError', () => void (live.failed += 1));
    const stop = () => instance.stop();
    if (options.signal?.aborted) stop();
    options.signal?.addEventListener('abort', stop, { once: true });
  });
}
