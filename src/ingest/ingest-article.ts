// An ingest end to end: an article stored already (same content or URL) is returned at once;
// otherwise the pipeline runs, outside any transaction, and its plan is written in one.
import type { Kysely } from 'kysely';
import type { Write } from '../db/audit.ts';
import { findArticleByIdentity, findIngestKnowledge } from '../db/ingest.ts';
import type { Database } from '../db/types.ts';
import { NOTHING_STORED, writeIngest, type IngestResult } from '../db/writes/ingest.ts';
import { identifyArticle, type IngestInput } from './ingest-input.ts';
import { planOnThisThread, type PlanIngest } from './planner.ts';

/** Runs a write in one transaction: the GraphQL mutation's write(), or the CLI's own. */
export type Transact = <T>(work: (write: Write) => Promise<T>) => Promise<T>;

/**
 * Ingests a checked input (see checkIngestInput). The early look-up only saves extracting an article
 * already stored; the database decides between concurrent ingests (see writeIngest).
 */
export async function ingestArticle(
  db: Kysely<Database>,
  input: IngestInput,
  transact: Transact,
  planIngest: PlanIngest = planOnThisThread,
): Promise<IngestResult> {
  const existing = await findArticleByIdentity(db, identifyArticle(input));
  if (existing) return { article: existing, created: false, counts: NOTHING_STORED };
  const plan = await planIngest(input, await findIngestKnowledge(db));
  return transact((write) => writeIngest(write, plan));
}
