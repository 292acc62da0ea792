// npm run bench: a throwaway database with the corpus and synthetic data at BENCH_SCALE, then 4x that; prints
// latency, throughput and SQL statements per GraphQL query at both sizes, their growth, and query plans.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createApp, type App } from '../src/app.ts';
import { loadCorpus } from '../src/ingest/load-corpus.ts';
import { BENCH_COST_LIMIT, createBenchDatabase } from './bench/database.ts';
import { explainTargets, printPlans, printPlanSummaries, type ExplainTarget } from './bench/explain.ts';
import { countAllRows, writeSynthetic, type RowCounts } from './bench/load.ts';
import { measure, postQuery, type Measurement, type StatementCounter } from './bench/measure.ts';
import { benchQueries, type BenchQuery, type PathEnds } from './bench/queries.ts';
import { benchTargets, countriesForScale, generateCountries, type BenchTargets } from './bench/synthetic.ts';

/** The second run has this many times the synthetic rows of the first. */
const GROWTH = 4;

interface Settings {
  scale: number;
  iterations: number;
  serverUrl: string | undefined;
}

function positiveNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

function readSettings(env: NodeJS.ProcessEnv): Settings {
  return {
    scale: positiveNumber('BENCH_SCALE', env.BENCH_SCALE, 50),
    iterations: Math.round(positiveNumber('BENCH_ITERATIONS', env.BENCH_ITERATIONS, 200)),
    serverUrl: env.BENCH_DATABASE_URL?.trim() || undefined,
  };
}

const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);
const thousands = (value: number) => value.toLocaleString('en-US');

function largestTable(counts: RowCounts): [string, number] {
  return Object.entries(counts).reduce((best, entry) => (entry[1] > best[1] ? entry : best));
}

function printCounts(counts: RowCounts): void {
  console.log(`rows: ${Object.entries(counts).map(([table, n]) => `${table} ${thousands(n)}`).join(' | ')}`);
}

/** Adds synthetic countries [from, to) and prints how long generating and writing them took. */
async function addCountries(app: App, from: number, to: number): Promise<RowCounts> {
  const t0 = performance.now();
  const data = generateCountries(from, to);
  const t1 = performance.now();
  await writeSynthetic(app.db, data);
  const t2 = performance.now();
  console.log(
    `synthetic countries ${from}..${to - 1}: generated in ${ms(t1 - t0)} ms, inserted (one transaction, then analyze) in ${ms(t2 - t1)} ms`,
  );
  const counts = await countAllRows(app.db);
  printCounts(counts);
  return counts;
}

/** The Query.path arguments: global IDs, asked of the API itself. */
async function pathEnds(app: App, targets: BenchTargets): Promise<PathEnds> {
  const response = await postQuery(
    app.yoga,
    `{ from: entity(slug: ${JSON.stringify(targets.pathFromSlug)}) { id } to: entity(slug: ${JSON.stringify(targets.pathToSlug)}) { id } }`,
  );
  const data = response.data as { from: { id: string } | null; to: { id: string } | null } | undefined;
  if (!data?.from || !data.to) throw new Error(`path ends not found: ${JSON.stringify(response.errors ?? response.data)}`);
  return { fromId: data.from.id, toId: data.to.id };
}

async function runSuite(app: App, counter: StatementCounter, queries: readonly BenchQuery[], iterations: number): Promise<Measurement[]> {
  const results: Measurement[] = [];
  for (const query of queries) {
    results.push(await measure(app.yoga, counter, query.name, query.query, Math.max(5, Math.round(iterations * query.share))));
  }
  return results;
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) {
    console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
  }
}

function printResults(title: string, results: readonly Measurement[], counts: RowCounts): void {
  const [table, rows] = largestTable(counts);
  console.log(`\n== ${title} ==`);
  printTable([
    ['query', 'iters', 'req/s', 'p50 ms', 'p99 ms', 'SQL/req', 'resp bytes', `rows in ${table}`],
    ...results.map((r) =>
      r.skipped
        ? [r.name, '-', '-', '-', '-', '-', '-', thousands(rows)]
        : [r.name, String(r.iterations), r.requestsPerSecond.toFixed(0), ms(r.p50), ms(r.p99), r.statements,
            thousands(r.responseBytes), thousands(rows)],
    ),
  ]);
  for (const r of results.filter((r) => r.skipped)) console.log(`note: skipped "${r.name}": ${r.skipped}`);
}

function printGrowth(scales: [number, number], before: readonly Measurement[], after: readonly Measurement[], counts: [RowCounts, RowCounts]): void {
  const [table, rowsBefore] = largestTable(counts[0]);
  const rowsAfter = counts[1][table as keyof RowCounts];
  console.log(`\n== growth: scale ${scales[0]} -> ${scales[1]} (${table} ${thousands(rowsBefore)} -> ${thousands(rowsAfter)} rows, x${(rowsAfter / rowsBefore).toFixed(2)}) ==`);
  printTable([
    ['query', `p50 @${scales[0]}`, `p50 @${scales[1]}`, 'ratio', `SQL/req @${scales[0]}`, `SQL/req @${scales[1]}`],
    ...before.map((b, i) => {
      const a = after[i]!;
      const measured = !b.skipped && !a.skipped;
      return [b.name, measured ? ms(b.p50) : '-', measured ? ms(a.p50) : '-', measured ? (a.p50 / b.p50).toFixed(2) : '-', b.statements, a.statements];
    }),
  ]);
}

function planTargets(queries: readonly BenchQuery[]): ExplainTarget[] {
  const query = (name: string) => queries.find((q) => q.name === name)!.query;
  return [
    { label: 'entity trigram search "KTZ" (walk first:5)', query: query('walk first:5'), pick: (s) => s.includes('entity_aliases') },
    { label: 'entity trigram search (entities search typo)', query: query('entities search (typo)'), pick: (s) => s.includes('entity_aliases') },
    { label: 'article full-text search (articles full-text)', query: query('articles full-text'), pick: (s) => s.includes('search_vector @@') },
    { label: 'claims filter (claims metric+period by value)', query: query('claims metric+period by value'), pick: (s) => s.includes('"claims"."metric" =') },
    { label: 'walk: nested claims page (walk first:5)', query: query('walk first:5'), pick: (s) => s.includes('claim_subjects') && s.includes('partition by') },
    { label: 'containment (claims in country)', query: query('claims in country (contained)'), pick: (s) => s.includes('with recursive') },
    { label: 'relations page (relations LOCATED_IN)', query: query('relations LOCATED_IN'), pick: (s) => s.includes('"relations"."kind" =') },
    { label: 'articles by date', query: query('articles by date'), pick: (s) => s.includes('"published_on" >=') },
    { label: 'conflict candidates (claims sources+conflicts)', query: query('claims sources+conflicts'), pick: (s) => s.includes('as mine') },
    { label: 'path: widest BFS level (path)', query: query('path (3 hops)'), pick: (s) => s.includes('"object_id" in'), last: true },
  ];
}

async function main(): Promise<void> {
  const started = performance.now();
  const settings = readSettings(process.env);
  const scales: [number, number] = [settings.scale, settings.scale * GROWTH];
  const countries = scales.map(countriesForScale) as [number, number];
  const database = await createBenchDatabase(settings.serverUrl);
  // Ctrl-C still drops the server database.
  process.once('SIGINT', () => void database.drop().finally(() => process.exit(130)));
  try {
    const counter: StatementCounter = { count: 0 };
    const app = await createApp(database.config, { onQuery: () => { counter.count += 1; } });
    try {
      const version = (await sql<{ version: string }>`select version()`.execute(app.db)).rows[0]!.version;
      console.log(`corridor-graph bench on ${database.label} (${version.split(' on ')[0]})`);
      console.log(`scale ${scales[0]} (${countries[0]} synthetic countries), then ${scales[1]} (${countries[1]}); BENCH_ITERATIONS ${settings.iterations}; COST_LIMIT ${BENCH_COST_LIMIT}`);

      const t0 = performance.now();
      console.log(`\n== load: corpus + scale ${scales[0]} ==`);
      const corpus = await loadCorpus(app.db);
      console.log(`corpus: ${JSON.stringify(corpus)} in ${ms(performance.now() - t0)} ms`);
      const countsBefore = await addCountries(app, 0, countries[0]);

      const targets = benchTargets();
      const queries = benchQueries(targets, await pathEnds(app, targets));
      const before = await runSuite(app, counter, queries, settings.iterations);
      printResults(`queries at scale ${scales[0]}`, before, countsBefore);
      const plansBefore = await explainTargets(app, planTargets(queries));

      console.log(`\n== load: grow to scale ${scales[1]} ==`);
      const countsAfter = await addCountries(app, countries[0], countries[1]);
      const after = await runSuite(app, counter, queries, settings.iterations);
      printResults(`queries at scale ${scales[1]}`, after, countsAfter);
      printGrowth(scales, before, after, [countsBefore, countsAfter]);

      const plansAfter = await explainTargets(app, planTargets(queries));
      console.log('\n== main statements: execution time (EXPLAIN ANALYZE) and access paths at both scales ==');
      printPlanSummaries(scales, [plansBefore, plansAfter]);
      console.log(`\n== EXPLAIN ANALYZE at scale ${scales[1]} (costs and timing off; "<<" marks a seq scan of a table over 1,000 rows) ==`);
      const largeTables = Object.entries(countsAfter).filter(([, n]) => n > 1000).map(([table]) => table);
      printPlans(plansAfter, largeTables);
    } finally {
      await app.close();
    }
  } finally {
    await database.drop();
  }
  console.log(`\ntotal time ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
