// The ingest pipeline runs on a worker thread (INGEST_THREADS, default 1): the same result as on the
// request thread, without stalling the event loop that answers other requests meanwhile.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';
import { mutate } from './support/citing.ts';
import { createToken } from './support/tokens.ts';

// Written for this test (made-up company and figures), repeated with numbered paragraphs to make a long article.
const PARAGRAPH = (n: number) =>
  n % 8 === 0
    ? `Steppe Link Freight LLC said its trains between Xi'an and Almaty carried more than ${1000 + n} TEU in the first ` +
      `${(n % 11) + 1} months, according to KTZ.`
    : 'Traders at the border crossing said the season brought longer queues, while officials in the ' +
      'regional capital expected the new sidings, customs lanes and warehouses to shorten the wait for containers ' +
      'arriving from the east, and shippers said electronics and car parts moved faster by rail than by sea.';
const LONG_TEXT = `Steppe Link Freight expands Xi'an to Almaty trains\n\n${Array.from({ length: 320 }, (_, n) => PARAGRAPH(n)).join('\n\n')}`;

const INGEST = `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) {
  __typename
  ... on IngestArticlePayload { created counts { mentions candidateEntities candidateClaims candidateRelations } article { body } }
  ... on Error { message }
} }`;

interface Run {
  data: any;
  /** The longest the test's event loop went without a turn while the mutation ran, in ms. */
  longestStallMs: number;
}

async function ingestWatchingTheLoop(app: TestApp, token: string): Promise<Run> {
  const monitor = monitorEventLoopDelay({ resolution: 10 });
  monitor.enable();
  const result = await mutate(app, token, INGEST, { input: { text: LONG_TEXT, publisher: 'Corridor Wire' } });
  monitor.disable();
  expect(result.errors).toBeUndefined();
  return { data: result.data.ingestArticle, longestStallMs: monitor.max / 1e6 };
}

describe('ingest planning thread', () => {
  let onWorker: TestApp;
  let onRequestThread: TestApp;
  beforeAll(async () => {
    [onWorker, onRequestThread] = await Promise.all([
      createTestApp({ corpus: true, env: { INGEST_THREADS: '1' } }),
      createTestApp({ corpus: true, env: { INGEST_THREADS: '0' } }),
    ]);
  });
  afterAll(async () => {
    await onWorker?.close();
    await onRequestThread?.close();
  });

  it('gives the same article and findings on a worker thread as on the request thread, and leaves the event loop free', async () => {
    expect(LONG_TEXT.length).toBeGreaterThan(60_000);
    // A first small ingest on each app loads the pipeline's modules (the worker's own copy included).
    for (const app of [onWorker, onRequestThread]) {
      const warm = await mutate(app, await createToken(app.db, 'warm-up', 'editor'), INGEST, { input: { text: PARAGRAPH(9999), publisher: 'Corridor Wire' } });
      expect(warm.data?.ingestArticle.__typename).toBe('IngestArticlePayload');
    }
    const worker = await ingestWatchingTheLoop(onWorker, await createToken(onWorker.db, 'long-article', 'editor'));
    const thread = await ingestWatchingTheLoop(onRequestThread, await createToken(onRequestThread.db, 'long-article', 'editor'));

    expect(worker.data.__typename).toBe('IngestArticlePayload');
    expect(worker.data).toEqual(thread.data);
    expect(worker.data.counts.candidateClaims).toBeGreaterThan(20);
    expect(onWorker.ingestPlanner.completedOnWorkers()).toBe(2);
    expect(onRequestThread.ingestPlanner.completedOnWorkers()).toBe(0);
    // Planning on the request thread holds the loop for the whole extraction; on a worker only the
    // hand-over and the writes take turns on it.
    expect(worker.longestStallMs, `stalls: worker ${worker.longestStallMs} ms, request thread ${thread.longestStallMs} ms`).toBeLessThan(
      thread.longestStallMs / 2,
    );
  });
});
