// EXPLAIN ANALYZE of the main SQL statements behind some benchmark queries, with their real parameters.
import { CompiledQuery, type KyselyPlugin, type QueryId } from 'kysely';
import { createYogaFor, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { BENCH_COST_LIMIT } from './database.ts';
import { postQuery } from './measure.ts';

export interface ExplainTarget {
  label: string;
  /** The GraphQL query whose statements are captured. */
  query: string;
  /** Picks the statement to explain among those the query ran. */
  pick: (sql: string) => boolean;
  /** Explain the last matching statement rather than the first (the widest level of a path search). */
  last?: boolean;
}

export interface ExplainResult {
  label: string;
  statementCount: number;
  sql?: string;
  plan?: string[];
  error?: string;
}

// Plan lines worth reading: scans (which index, or none), their conditions, and the work they did.
const INTERESTING = /Scan|Index Cond|Recheck Cond|Rows Removed|Filter:|Sort Key|WindowAgg|Join|Loop|Execution Time/;
const SCAN = /(Seq Scan on \w+|Index Only Scan using \w+|Index Scan using \w+|Bitmap Index Scan on \w+)/;
const MAX_LINE = 150;

/**
 * A yoga over the same database that also records every statement it executes, compiled with its
 * parameters. Kysely runs plugins on subqueries as they are embedded too, so a statement is only
 * recorded once its result comes back: that one is the statement as executed.
 */
function capturingYoga(app: App, executed: CompiledQuery[]): App['yoga'] {
  const executor = app.db.getExecutor();
  const compiled = new Map<QueryId, CompiledQuery>();
  const plugin: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      compiled.set(queryId, executor.compileQuery(node, queryId));
      return node;
    },
    transformResult: async ({ result, queryId }) => {
      const statement = compiled.get(queryId);
      if (statement) executed.push(statement);
      return result;
    },
  };
  return createYogaFor(app.db.withPlugin(plugin), loadConfig({ LOG_LEVEL: 'silent', COST_LIMIT: BENCH_COST_LIMIT }), app);
}

async function explain(app: App, statement: CompiledQuery): Promise<string[]> {
  const result = await app.db.executeQuery<{ 'QUERY PLAN': string }>(
    CompiledQuery.raw(`explain (analyze, costs off, timing off) ${statement.sql}`, [...statement.parameters]),
  );
  return result.rows.map((row) => row['QUERY PLAN']);
}

/** Runs each target's query once, captures its statements and explains the one it picks. */
export async function explainTargets(app: App, targets: readonly ExplainTarget[]): Promise<ExplainResult[]> {
  const captured: CompiledQuery[] = [];
  const yoga = capturingYoga(app, captured);
  const results: ExplainResult[] = [];
  for (const target of targets) {
    captured.length = 0;
    const response = await postQuery(yoga, target.query);
    const matching = captured.filter((s) => target.pick(s.sql));
    const statement = target.last ? matching[matching.length - 1] : matching[0];
    const base = { label: target.label, statementCount: captured.length };
    if (response.errors?.length || !statement) {
      results.push({ ...base, error: response.errors?.[0]?.message ?? 'no matching statement was run' });
    } else {
      results.push({ ...base, sql: statement.sql, plan: await explain(app, statement) });
    }
  }
  return results;
}

/** "Seq Scan on x, Bitmap Index Scan on y | 12.3 ms": which access paths a plan used, and its time. */
function summarize(result: ExplainResult): string {
  if (!result.plan) return `skipped: ${result.error}`;
  const scans = [...new Set(result.plan.flatMap((line) => line.match(SCAN)?.[1] ?? []))];
  const time = result.plan.find((line) => line.startsWith('Execution Time'))?.replace('Execution Time: ', '') ?? '?';
  return `${time.padStart(10)} | ${scans.join(', ')}`;
}

export function printPlanSummaries(scales: readonly number[], runs: ReadonlyArray<readonly ExplainResult[]>): void {
  runs[0]!.forEach((result, i) => {
    console.log(result.label);
    runs.forEach((run, s) => console.log(`  @${String(scales[s]).padEnd(4)} ${summarize(run[i]!)}`));
  });
}

/** Prints each plan's interesting lines; a sequential scan of a large table is flagged with "<<". */
export function printPlans(results: readonly ExplainResult[], largeTables: readonly string[]): void {
  for (const result of results) {
    console.log(`\n-- ${result.label} (query ran ${result.statementCount} statements; this one explained)`);
    if (!result.plan || !result.sql) {
      console.log(`   skipped: ${result.error}`);
      continue;
    }
    console.log(`   sql: ${result.sql.replace(/\s+/g, ' ').slice(0, MAX_LINE)}...`);
    for (const line of result.plan.filter((l) => INTERESTING.test(l))) {
      const seqScan = largeTables.some((table) => new RegExp(`Seq Scan on ${table}\\b`).test(line));
      const text = line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}...` : line;
      console.log(`   ${text}${seqScan ? '   << seq scan of a large table' : ''}`);
    }
  }
}
