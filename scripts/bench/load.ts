// Writes synthetic data in one transaction as multi-row inserts of BATCH_SIZE rows, and counts every table.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../src/db/types.ts';
import { SYMMETRIC_RELATION_KINDS, normalizeName } from '../../src/domain/vocabulary.ts';
import type { SyntheticCitation, SyntheticData } from './synthetic.ts';

// 500 rows of up to 11 columns stay far below PostgreSQL's 65,535 bind parameters per statement.
const BATCH_SIZE = 500;

export type RowCounts = Record<keyof Database, number>;

async function inBatches<T, R>(rows: readonly T[], insert: (batch: T[]) => Promise<R[]>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < rows.length; i += BATCH_SIZE) results.push(...(await insert(rows.slice(i, i + BATCH_SIZE))));
  return results;
}

/** Ids by slug for the new entities, plus any earlier entity they refer to (a previous batch's country). */
async function entityIdsFor(trx: Transaction<Database>, data: SyntheticData): Promise<Map<string, number>> {
  const inserted = await inBatches(data.entities, (batch) =>
    trx
      .insertInto('entities')
      .values(batch.map((e) => ({ slug: e.slug, name: e.name, kind: e.kind, description: e.description })))
      .returning(['id', 'slug'])
      .execute(),
  );
  const ids = new Map(inserted.map((row) => [row.slug, row.id]));
  const referenced = new Set([
    ...data.claims.flatMap((c) => c.subjects.map((s) => s.slug)),
    ...data.relations.flatMap((r) => [r.subject, r.object]),
  ]);
  const missing = [...referenced].filter((slug) => !ids.has(slug));
  if (missing.length > 0) {
    const earlier = await trx.selectFrom('entities').select(['id', 'slug']).where('slug', 'in', missing).execute();
    for (const row of earlier) ids.set(row.slug, row.id);
  }
  return ids;
}

function idOf(ids: ReadonlyMap<string, number>, key: string): number {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`synthetic data refers to unknown key "${key}"`);
  return id;
}

export async function writeSynthetic(db: Kysely<Database>, data: SyntheticData): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const entityIds = await entityIdsFor(trx, data);
    // The canonical name is an alias too, as the corpus loader stores it, so search looks in one place.
    const aliases = data.entities.flatMap((e) =>
      [e.name, ...e.aliases].map((alias) => ({ entity_id: idOf(entityIds, e.slug), alias, normalized: normalizeName(alias) })),
    );
    await inBatches(aliases, (batch) => trx.insertInto('entity_aliases').values(batch).execute());

    const articleIds = new Map(
      (await inBatches(data.articles, (batch) =>
        trx
          .insertInto('articles')
          .values(batch.map((a) => ({
            source_key: a.sourceKey, title: a.title, publisher: a.publisher, byline: a.byline, published_on: a.publishedOn,
            published_text: a.publishedOn, url: a.url, raw_text: a.rawText, body: a.body, content_hash: a.contentHash,
          })))
          .returning(['id', 'source_key'])
          .execute(),
      )).map((row) => [row.source_key, row.id]),
    );

    const claimIds = new Map(
      (await inBatches(data.claims, (batch) =>
        trx
          .insertInto('claims')
          .values(batch.map((c) => ({
            key: c.key, metric: c.metric, value: c.value, unit: c.unit, hedge: c.hedge,
            period_start: c.periodStart, period_end: c.periodEnd, period_text: c.periodText, status: 'curated',
          })))
          .returning(['id', 'key'])
          .execute(),
      )).map((row) => [row.key, row.id]),
    );
    const subjects = data.claims.flatMap((c) =>
      c.subjects.map((s) => ({ claim_id: idOf(claimIds, c.key), entity_id: idOf(entityIds, s.slug), role: s.role })),
    );
    await inBatches(subjects, (batch) => trx.insertInto('claim_subjects').values(batch).execute());

    const relationRows = data.relations.map((r) => {
      let [subject_id, object_id] = [idOf(entityIds, r.subject), idOf(entityIds, r.object)];
      // Symmetric kinds are stored lower id first; a database check insists.
      if (SYMMETRIC_RELATION_KINDS.has(r.kind) && subject_id > object_id) [subject_id, object_id] = [object_id, subject_id];
      return { kind: r.kind, subject_id, object_id, detail: r.detail, status: 'curated' };
    });
    const relationKey = (r: { kind: string; subject_id: number; object_id: number }) => `${r.kind}|${r.subject_id}|${r.object_id}`;
    const relationIds = new Map(
      (await inBatches(relationRows, (batch) =>
        trx.insertInto('relations').values(batch).returning(['id', 'kind', 'subject_id', 'object_id']).execute(),
      )).map((row) => [relationKey(row), row.id]),
    );

    const citation = (c: SyntheticCitation, target: { claim_id: number | null; relation_id: number | null }) => ({
      ...target, article_id: idOf(articleIds, c.sourceKey), quote: c.quote, start_offset: c.startOffset, end_offset: c.endOffset,
    });
    const citations = [
      ...data.claims.flatMap((c) => c.citations.map((cit) => citation(cit, { claim_id: idOf(claimIds, c.key), relation_id: null }))),
      ...data.relations.flatMap((r, i) =>
        r.citations.map((cit) => citation(cit, { claim_id: null, relation_id: idOf(relationIds, relationKey(relationRows[i]!)) })),
      ),
    ];
    await inBatches(citations, (batch) => trx.insertInto('citations').values(batch).execute());
  });
  // Fresh statistics, as autovacuum would gather on a live server, so plans match the new sizes.
  await sql`analyze`.execute(db);
}

export async function countAllRows(db: Kysely<Database>): Promise<RowCounts> {
  const tables: Array<keyof Database> = ['articles', 'entities', 'entity_aliases', 'claims', 'claim_subjects', 'relations', 'citations'];
  const counts = {} as RowCounts;
  for (const table of tables) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
