// Writes a validated corpus plan in one transaction: upserts by natural keys, so loading the same
// files twice leaves the same rows (and the same ids). An entity, claim or relation that an editor
// changed through the API (an audit event names it) keeps the editor's version: a reload neither
// rewrites it nor syncs its aliases, subjects or citations, and rows the API added are never deleted.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CorpusPlan, PlannedCitation } from '../ingest/corpus.ts';
import { SYMMETRIC_RELATION_KINDS, normalizeName } from '../domain/vocabulary.ts';
import type { Database } from './types.ts';

export interface SeedCounts {
  articles: number;
  entities: number;
  aliases: number;
  claims: number;
  relations: number;
  citations: number;
}

export async function countRows(db: Kysely<Database>): Promise<SeedCounts> {
  const count = async (table: keyof Database) =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    articles: await count('articles'),
    entities: await count('entities'),
    aliases: await count('entity_aliases'),
    claims: await count('claims'),
    relations: await count('relations'),
    citations: await count('citations'),
  };
}

type AuditedType = 'Entity' | 'Claim' | 'Relation';

/** No audit event names the row of `table` being upserted: the API never touched it. */
function untouchedByEditors(targetType: AuditedType, table: 'entities' | 'claims' | 'relations') {
  return sql<boolean>`not exists (select 1 from audit_events
    where audit_events.target_type = ${targetType} and audit_events.target_id = ${sql.ref(`${table}.id`)})`;
}

/** The ids of each type's rows that an audit event names. */
async function editedIds(trx: Transaction<Database>): Promise<Record<AuditedType, Set<number>>> {
  const rows = await trx
    .selectFrom('audit_events')
    .select(['target_type', 'target_id'])
    .distinct()
    .where('target_type', 'in', ['Entity', 'Claim', 'Relation'])
    .execute();
  const edited: Record<AuditedType, Set<number>> = { Entity: new Set(), Claim: new Set(), Relation: new Set() };
  for (const row of rows) edited[row.target_type as AuditedType].add(row.target_id);
  return edited;
}

function idsBy<K extends string>(rows: Array<{ id: number } & Record<K, string>>, key: K): Map<string, number> {
  return new Map(rows.map((row) => [row[key], row.id]));
}

export async function writeCorpus(db: Kysely<Database>, plan: CorpusPlan): Promise<void> {
  if (plan.articles.length === 0) return;
  await db.transaction().execute(async (trx) => {
    const edited = await editedIds(trx);
    const articleIds = idsBy(
      await trx
        .insertInto('articles')
        .values(
          plan.articles.map((a) => ({
            source_key: a.sourceKey, title: a.title, publisher: a.publisher, byline: a.byline,
            published_on: a.publishedOn, published_text: a.publishedText, url: a.url, language: a.language,
            // Unstated: collected now, when loaded.
            collected_at: a.collectedOn ? new Date(`${a.collectedOn}T00:00:00Z`) : sql<Date>`now()`,
            raw_text: a.rawText, body: a.body, content_hash: a.contentHash,
          })),
        )
        .onConflict((oc) =>
          oc.column('source_key').doUpdateSet((eb) => ({
            title: eb.ref('excluded.title'), publisher: eb.ref('excluded.publisher'), byline: eb.ref('excluded.byline'),
            published_on: eb.ref('excluded.published_on'), published_text: eb.ref('excluded.published_text'),
            // An article already stored was collected by then, whatever a reload says.
            collected_at: sql<Date>`least(articles.collected_at, excluded.collected_at)`,
            url: eb.ref('excluded.url'), language: eb.ref('excluded.language'), raw_text: eb.ref('excluded.raw_text'),
            body: eb.ref('excluded.body'), content_hash: eb.ref('excluded.content_hash'),
          })),
        )
        .returning(['id', 'source_key'])
        .execute(),
      'source_key',
    );

    // Captions follow the body; a reload keeps the rows (and ids) of captions that did not move.
    for (const a of plan.articles) {
      const articleId = articleIds.get(a.sourceKey)!;
      let stale = trx.deleteFrom('article_captions').where('article_id', '=', articleId);
      if (a.captions.length > 0) stale = stale.where('start_offset', 'not in', a.captions.map((c) => c.start));
      await stale.execute();
      if (a.captions.length === 0) continue;
      await trx
        .insertInto('article_captions')
        .values(a.captions.map((c) => ({ article_id: articleId, start_offset: c.start, end_offset: c.end })))
        .onConflict((oc) => oc.columns(['article_id', 'start_offset']).doUpdateSet((eb) => ({ end_offset: eb.ref('excluded.end_offset') })))
        .execute();
    }

    if (plan.entities.length > 0) {
      await trx
        .insertInto('entities')
        .values(plan.entities.map((e) => ({ slug: e.slug, name: e.name, kind: e.kind, description: e.description })))
        .onConflict((oc) =>
          oc
            .column('slug')
            .doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'), kind: eb.ref('excluded.kind'), description: eb.ref('excluded.description'),
            }))
            .where(untouchedByEditors('Entity', 'entities')),
        )
        .execute();
    }
    // Read back, edited rows included (an upsert that skips a row returns nothing for it).
    const entityIds = idsBy(
      plan.entities.length === 0 ? [] : await trx.selectFrom('entities').select(['id', 'slug']).where('slug', 'in', plan.entities.map((e) => e.slug)).execute(),
      'slug',
    );
    const entityId = (slug: string) => entityIds.get(slug)!;
    const seedOwnedEntities = [...entityIds.values()].filter((id) => !edited.Entity.has(id));

    // Aliases: the canonical name is stored as an alias too, so search looks in one place.
    const aliasRows = new Map<string, { entity_id: number; alias: string; normalized: string }>();
    for (const entity of plan.entities) {
      if (edited.Entity.has(entityId(entity.slug))) continue;
      for (const alias of [entity.name, ...entity.aliases]) {
        const row = { entity_id: entityId(entity.slug), alias, normalized: normalizeName(alias) };
        const id = `${row.entity_id}|${row.alias}`;
        if (!aliasRows.has(id)) aliasRows.set(id, row);
      }
    }
    const existingAliases = await trx.selectFrom('entity_aliases').selectAll().where('entity_id', 'in', [0, ...seedOwnedEntities]).execute();
    await syncRows(trx, 'entity_aliases', existingAliases, [...aliasRows.values()], (r) => `${r.entity_id}|${r.alias}|${r.normalized}`);

    if (plan.claims.length > 0) {
      await trx
        .insertInto('claims')
        .values(
          plan.claims.map((c) => ({
            key: c.key, metric: c.metric, value: c.value, unit: c.unit, unit_text: c.unitText, hedge: c.hedge,
            period_start: c.periodStart, period_end: c.periodEnd, period_text: c.periodText,
            conversion_value: c.conversion?.value ?? null, conversion_unit: c.conversion?.unit ?? null,
            conversion_hedge: c.conversion?.hedge ?? null, status: 'curated',
            product: c.qualifiers.product, direction: c.qualifiers.direction, mode: c.qualifiers.mode,
          })),
        )
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            metric: eb.ref('excluded.metric'), value: eb.ref('excluded.value'), unit: eb.ref('excluded.unit'),
            unit_text: eb.ref('excluded.unit_text'),
            hedge: eb.ref('excluded.hedge'), period_start: eb.ref('excluded.period_start'),
            period_end: eb.ref('excluded.period_end'), period_text: eb.ref('excluded.period_text'),
            conversion_value: eb.ref('excluded.conversion_value'), conversion_unit: eb.ref('excluded.conversion_unit'),
            conversion_hedge: eb.ref('excluded.conversion_hedge'),
            product: eb.ref('excluded.product'), direction: eb.ref('excluded.direction'), mode: eb.ref('excluded.mode'),
          })).where(untouchedByEditors('Claim', 'claims')),
        )
        .execute();
    }
    const claimIds = idsBy(
      plan.claims.length === 0 ? [] : await trx.selectFrom('claims').select(['id', 'key']).where('key', 'in', plan.claims.map((c) => c.key)).execute(),
      'key',
    );
    const seedOwnedClaims = [...claimIds.values()].filter((id) => !edited.Claim.has(id));
    const subjectRows = new Map<string, { claim_id: number; entity_id: number; role: string; inferred: boolean; note: string | null }>();
    for (const claim of plan.claims) {
      if (edited.Claim.has(claimIds.get(claim.key)!)) continue;
      for (const subject of claim.subjects) {
        const row = {
          claim_id: claimIds.get(claim.key)!, entity_id: entityId(subject.slug), role: subject.role, inferred: subject.inferred, note: subject.note,
        };
        subjectRows.set(`${row.claim_id}|${row.entity_id}|${row.role}`, row);
      }
    }
    const existingSubjects = await trx.selectFrom('claim_subjects').selectAll().where('claim_id', 'in', [0, ...seedOwnedClaims]).execute();
    // A subject whose inference or note changed is replaced, so its whole row is its identity here.
    await syncRows(trx, 'claim_subjects', existingSubjects, [...subjectRows.values()],
      (r) => `${r.claim_id}|${r.entity_id}|${r.role}|${r.inferred}|${r.note}`);

    // Symmetric relations are stored lower id first (a database check insists).
    const relationRows = plan.relations.map((r) => {
      let [subject_id, object_id] = [entityId(r.subject), entityId(r.object)];
      if (SYMMETRIC_RELATION_KINDS.has(r.kind) && subject_id > object_id) [subject_id, object_id] = [object_id, subject_id];
      return {
        kind: r.kind, subject_id, object_id, detail: r.detail, status: 'curated',
        period_start: r.periodStart, period_end: r.periodEnd, period_text: r.periodText, planned: r,
      };
    });
    const relationIds = new Map<string, number>();
    if (relationRows.length > 0) {
      await trx
        .insertInto('relations')
        .values(relationRows.map(({ planned: _planned, ...row }) => row))
        .onConflict((oc) =>
          oc.columns(['kind', 'subject_id', 'object_id']).doUpdateSet((eb) => ({
            detail: eb.ref('excluded.detail'), period_start: eb.ref('excluded.period_start'),
            period_end: eb.ref('excluded.period_end'), period_text: eb.ref('excluded.period_text'),
          })).where(untouchedByEditors('Relation', 'relations')),
        )
        .execute();
      const stored = await trx
        .selectFrom('relations')
        .select(['id', 'kind', 'subject_id', 'object_id'])
        .where('subject_id', 'in', [...new Set(relationRows.map((r) => r.subject_id))])
        .execute();
      for (const row of stored) relationIds.set(`${row.kind}|${row.subject_id}|${row.object_id}`, row.id);
    }
    const seedOwnedRelation = (id: number | null | undefined) => id != null && !edited.Relation.has(id);
    const seedOwnedClaim = (id: number | null | undefined) => id != null && !edited.Claim.has(id);

    const citationRows = [
      ...plan.claims.flatMap((c) => c.citations.map((cit) => citationRow(cit, { claim_id: claimIds.get(c.key)! }))),
      ...relationRows.flatMap((r) =>
        r.planned.citations.map((cit) =>
          citationRow(cit, { relation_id: relationIds.get(`${r.kind}|${r.subject_id}|${r.object_id}`)! }),
        ),
      ),
    ]
      .map(({ sourceKey, ...row }) => ({ ...row, article_id: articleIds.get(sourceKey)! }))
      .filter((row) => seedOwnedClaim(row.claim_id) || seedOwnedRelation(row.relation_id));
    // Only the citations of the corpus's own claims and relations: a claim an editor wrote that cites
    // a corpus article keeps its citation.
    const ownedRelationIds = [...relationIds.values()].filter(seedOwnedRelation);
    const existingCitations = await trx
      .selectFrom('citations')
      .selectAll()
      .where('article_id', 'in', [...articleIds.values()])
      .where((eb) => eb.or([eb('claim_id', 'in', [0, ...seedOwnedClaims]), eb('relation_id', 'in', [0, ...ownedRelationIds])]))
      .execute();
    await syncRows(trx, 'citations', existingCitations, citationRows,
      (r) => `${r.claim_id}|${r.relation_id}|${r.article_id}|${r.start_offset}|${r.quote}`);
  });
}

function citationRow(citation: PlannedCitation, target: { claim_id?: number; relation_id?: number }) {
  return {
    claim_id: target.claim_id ?? null,
    relation_id: target.relation_id ?? null,
    sourceKey: citation.sourceKey,
    quote: citation.quote,
    start_offset: citation.startOffset,
    end_offset: citation.endOffset,
  };
}

/**
 * Makes a table's rows for the loaded parents exactly `wanted`, keeping the rows (and ids) that
 * stay: delete what no data file states any more, insert what is new.
 */
async function syncRows<T extends 'entity_aliases' | 'claim_subjects' | 'citations', Row extends object>(
  trx: Transaction<Database>,
  table: T,
  existing: Array<Row & { id?: number }>,
  wanted: Row[],
  identity: (row: Row) => string,
): Promise<void> {
  const missing = new Map(wanted.map((row) => [identity(row), row]));
  const stale: Row[] = [];
  for (const row of existing) {
    if (!missing.delete(identity(row))) stale.push(row);
  }
  const staleIds = stale.flatMap((row) => ('id' in row && typeof row.id === 'number' ? [row.id] : []));
  if (staleIds.length > 0) await trx.deleteFrom(table as 'citations').where('id', 'in', staleIds).execute();
  for (const row of stale.filter((r) => !('id' in r))) {
    // claim_subjects has no id column: its whole row is its key.
    let query = trx.deleteFrom(table as 'claim_subjects') as any;
    for (const [column, value] of Object.entries(row)) query = query.where(column, value === null ? 'is' : '=', value);
    await query.execute();
  }
  if (missing.size > 0) await trx.insertInto(table as 'citations').values([...missing.values()] as never).execute();
}
