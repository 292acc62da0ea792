// Claims get qualifiers (the product, the trade direction and the transport mode a figure is
// about), claim subjects say when attaching the entity is an inference and why, relations carry
// the period the text gives them, and a new relation kind (project_of) says whose project a
// facility is. Frozen once released: later changes are new migrations. Imports kysely only.
import { sql, type Kysely } from 'kysely';

const TRADE_DIRECTIONS = ['import', 'export', 'both'];
const TRANSPORT_MODES = ['rail', 'road', 'sea', 'air', 'multimodal'];
const RELATION_KINDS = [
  'operates_terminal', 'sister_city_of', 'border_port_of', 'located_in', 'branch_of', 'hub_of', 'on_route',
  'works_for', 'plans_facility', 'part_of', 'partner_of', 'largest_trading_partner_of', 'shares_border_with',
  'national_of', 'educated_at', 'met_with', 'member_of', 'project_of',
];

const oneOf = (column: string, values: string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('claims')
    .addColumn('product', 'text')
    .addColumn('direction', 'text')
    .addColumn('mode', 'text')
    .execute();
  // The product is compared as stored, so it is stored in one form: lowercase, single spaces, trimmed.
  await sql`alter table claims add constraint claims_product_normalized
    check (product is null or (product <> '' and product = lower(btrim(regexp_replace(product, '\\s+', ' ', 'g')))))`.execute(db);
  await sql`alter table claims add constraint claims_direction_known check (direction is null or ${oneOf('direction', TRADE_DIRECTIONS)})`.execute(db);
  await sql`alter table claims add constraint claims_mode_known check (mode is null or ${oneOf('mode', TRANSPORT_MODES)})`.execute(db);

  await db.schema
    .alterTable('claim_subjects')
    .addColumn('inferred', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('note', 'text')
    .execute();
  // An inference says why; a subject the quote names needs no note.
  await sql`alter table claim_subjects add constraint claim_subjects_inference_noted
    check (case when inferred then note is not null and btrim(note) <> '' else note is null end)`.execute(db);

  await db.schema
    .alterTable('relations')
    .addColumn('period_start', 'date')
    .addColumn('period_end', 'date')
    .addColumn('period_text', 'text')
    .execute();
  await sql`alter table relations add constraint relations_period_ordered
    check (period_start is null or period_end is null or period_start <= period_end)`.execute(db);
  // relations(periodFrom:, periodTo:) compares period_end >= from and period_start <= to, as for claims.
  await db.schema.createIndex('relations_period_idx').on('relations').columns(['period_end', 'period_start']).execute();

  await sql`alter table relations drop constraint relations_kind_known`.execute(db);
  await sql`alter table relations add constraint relations_kind_known check (${oneOf('kind', RELATION_KINDS)})`.execute(db);
}
