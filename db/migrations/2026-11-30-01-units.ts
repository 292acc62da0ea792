// The unit vocabulary grows to what corridor news states (tenge, euros, rubles, containers, wagons,
// kilometres, weeks) plus OTHER, a fallback that keeps the text's own word in claims.unit_text.
// Frozen once released: later changes are new migrations. Imports kysely only.
import { sql, type Kysely } from 'kysely';

const UNITS = [
  'USD', 'CNY', 'KZT', 'EUR', 'RUB', 'TEU', 'container', 'wagon', 'tonne', 'train', 'trip', 'vehicle', 'percent',
  'mu', 'hectare', 'km', 'person', 'organisation', 'project', 'route', 'year', 'month', 'week', 'day', 'hour',
  'times', 'visit', 'date', 'other',
];
// A conversion is a value (so not a date) and has no column for a word of its own (so not other).
const CONVERSION_UNITS = UNITS.filter((unit) => unit !== 'date' && unit !== 'other');

const oneOf = (column: string, values: string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('claims').addColumn('unit_text', 'text').execute();
  await sql`alter table claims drop constraint claims_unit_known`.execute(db);
  await sql`alter table claims add constraint claims_unit_known check (${oneOf('unit', UNITS)})`.execute(db);
  await sql`alter table claims drop constraint claims_conversion_unit_known`.execute(db);
  await sql`alter table claims add constraint claims_conversion_unit_known
    check (conversion_unit is null or ${oneOf('conversion_unit', CONVERSION_UNITS)})`.execute(db);
  // The word is kept exactly when the unit has no name of its own ("berths", "flights").
  await sql`alter table claims add constraint claims_unit_text_only_for_other
    check ((unit = 'other') = (unit_text is not null and btrim(unit_text) <> ''))`.execute(db);
}
