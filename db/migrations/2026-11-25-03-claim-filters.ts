// Indexes behind the list filters and orders: claims by metric and value, by unit, by period,
// by curation state; relations by kind; articles by date and publisher.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // claims(metric, period_start) exists since the first migration; ordering a metric by value:
  await db.schema.createIndex('claims_metric_value_idx').on('claims').columns(['metric', 'value']).execute();
  await db.schema.createIndex('claims_unit_value_idx').on('claims').columns(['unit', 'value']).execute();
  // Period overlap: period_end >= from and period_start <= to.
  await db.schema.createIndex('claims_period_idx').on('claims').columns(['period_end', 'period_start']).execute();
  // Almost everything is curated; the selective filter is on the few that are not.
  await sql`create index claims_status_pending_idx on claims (status) where status <> 'curated'`.execute(db);
  await sql`create index relations_status_pending_idx on relations (status) where status <> 'curated'`.execute(db);
  // relations(kind:) pages in (kind, id) order.
  await db.schema.createIndex('relations_kind_idx').on('relations').columns(['kind', 'id']).execute();
  await db.schema.createIndex('articles_published_on_idx').on('articles').columns(['published_on', 'id']).execute();
  await db.schema.createIndex('articles_publisher_idx').on('articles').columns(['publisher', 'published_on']).execute();
}
