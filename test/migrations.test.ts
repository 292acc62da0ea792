// The migrated schema rejects bad rows by itself, with the named constraint; its vocabularies
// agree with src/domain/vocabulary.ts; every foreign key is indexed; the migration log is complete.
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../db/migrations/index.ts';
import type { Database } from '../src/db/types.ts';
import {
  CONVERSION_UNITS, ENTITY_KINDS, HEDGES, RELATION_KINDS, STATUSES, SUBJECT_ROLES, SYMMETRIC_RELATION_KINDS, TRADE_DIRECTIONS,
  TRANSPORT_MODES, UNITS,
} from '../src/domain/vocabulary.ts';
import { locateQuote } from '../src/ingest/quotes.ts';
import { createTestApp, type TestApp } from './support/app.ts';

let app: TestApp;
let db: Kysely<Database>;

/** The fixture rows the bad rows refer to. */
const BODY = 'Alpha and Beta 🚂 signed a trade deal.\nTrade grew fast.';
let articleId: number;
let alpha: number; // ids: alpha < beta < gamma
let beta: number;
let gamma: number;
let claimId: number;
let relationId: number;

beforeAll(async () => {
  app = await createTestApp();
  db = app.db;
  articleId = (
    await db
      .insertInto('articles')
      .values({ source_key: 'fixture', publisher: 'Test Wire', raw_text: BODY, body: BODY, content_hash: 'f'.repeat(64) })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const entities = await db
    .insertInto('entities')
    .values(['alpha', 'beta', 'gamma'].map((slug) => ({ slug, name: slug.toUpperCase(), kind: 'city' })))
    .returning(['id', 'slug'])
    .execute();
  [alpha, beta, gamma] = ['alpha', 'beta', 'gamma'].map((slug) => entities.find((e) => e.slug === slug)!.id) as [number, number, number];
  expect(alpha).toBeLessThan(beta);
  claimId = (
    await db.insertInto('claims').values({ key: 'fixture-claim', metric: 'trade_volume', value: 1, unit: 'USD' }).returning('id').executeTakeFirstOrThrow()
  ).id;
  relationId = (
    await db.insertInto('relations').values({ kind: 'located_in', subject_id: alpha, object_id: beta }).returning('id').executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => app?.close());

// ---------------------------------------------------------------------------------------------

const ROLLBACK = new Error('rollback');

/** Runs `write` in a transaction that is always rolled back: the rejected error, or null when accepted. */
async function attempt(write: (trx: Transaction<Database>) => Promise<unknown>): Promise<any> {
  try {
    await db.transaction().execute(async (trx) => {
      await write(trx);
      throw ROLLBACK;
    });
  } catch (error) {
    return error === ROLLBACK ? null : error;
  }
  throw new Error('unreachable');
}

/** Raised by the citations trigger (RAISE ... USING CONSTRAINT): named in `constraint`, not in the message. */
const TRIGGER_CONSTRAINTS = new Set(['citations_offsets_inside_body', 'citations_quote_matches_body']);

/** The write is rejected with this constraint; pg and PGlite both expose `code` and `constraint`. */
async function expectRejected(write: (trx: Transaction<Database>) => Promise<unknown>, constraint: string, code = '23514') {
  const error = await attempt(write);
  expect(error, `expected a violation of ${constraint}`).not.toBeNull();
  expect({ code: error.code, constraint: error.constraint }, error.message).toEqual({ code, constraint });
  if (!TRIGGER_CONSTRAINTS.has(constraint)) expect(error.message).toContain(`"${constraint}"`);
}

async function expectAccepted(write: (trx: Transaction<Database>) => Promise<unknown>) {
  const error = await attempt(write);
  expect(error?.message ?? null).toBeNull();
}

const insertClaim = (over: Partial<Insertable<Database['claims']>> = {}) => (trx: Transaction<Database>) =>
  trx.insertInto('claims').values({ key: 'test-claim', metric: 'trade_volume', value: 5, unit: 'USD', ...over }).execute();
const insertEntity = (over: Partial<Insertable<Database['entities']>> = {}) => (trx: Transaction<Database>) =>
  trx.insertInto('entities').values({ slug: 'delta', name: 'Delta', kind: 'city', ...over }).execute();
const insertRelation = (over: Partial<Insertable<Database['relations']>> = {}) => (trx: Transaction<Database>) =>
  trx.insertInto('relations').values({ kind: 'located_in', subject_id: beta, object_id: gamma, ...over }).execute();

/** A citation of `quote` at its real (code point) offsets in BODY, with overrides. */
type NewCitation = Insertable<Database['citations']>;
function citation(quote: string, over: Partial<NewCitation> = {}): NewCitation {
  const at = locateQuote(BODY, quote);
  if (!at) throw new Error(`fixture quote not in BODY: ${quote}`);
  return {
    claim_id: claimId, relation_id: null, article_id: articleId, quote, start_offset: at.startOffset, end_offset: at.endOffset, ...over,
  };
}
const insertCitation = (row: NewCitation) => (trx: Transaction<Database>) =>
  trx.insertInto('citations').values(row).execute();
/** The same insert with the quote trigger off, to reach the check constraints it would pre-empt. */
const insertCitationWithoutTrigger = (row: NewCitation) => async (trx: Transaction<Database>) => {
  await sql`alter table citations disable trigger citations_quote_matches_body`.execute(trx);
  await trx.insertInto('citations').values(row).execute();
};

// ---------------------------------------------------------------------------------------------

describe('entities and aliases', () => {
  it('rejects an unknown entity kind', () => expectRejected(insertEntity({ kind: 'spaceport' }), 'entities_kind_known'));

  it('rejects a bad slug format', async () => {
    for (const slug of ['Delta', 'delta city', 'delta_city', '-delta', 'delta-', 'delta--city', '']) {
      await expectRejected(insertEntity({ slug }), 'entities_slug_format');
    }
    await expectAccepted(insertEntity({ slug: 'delta-2-city' }));
  });

  it('rejects a duplicate slug', () => expectRejected(insertEntity({ slug: 'alpha' }), 'entities_slug_key', '23505'));

  it('rejects a blank name', () => expectRejected(insertEntity({ name: '   ' }), 'entities_name_not_blank'));

  it('rejects an alias on a missing entity (foreign key)', () =>
    expectRejected(
      (trx) => trx.insertInto('entity_aliases').values({ entity_id: gamma + 1000, alias: 'Nowhere', normalized: 'nowhere' }).execute(),
      'entity_aliases_entity_id_fkey',
      '23503',
    ));
});

describe('claims', () => {
  it('accepts the base claim row (so each test below varies one column)', () => expectAccepted(insertClaim()));
  it('rejects an unknown unit', () => expectRejected(insertClaim({ unit: 'furlong' }), 'claims_unit_known'));

  it('keeps a unit word exactly when the unit is OTHER', async () => {
    await expectAccepted(insertClaim({ unit: 'other', unit_text: 'berths' }));
    await expectRejected(insertClaim({ unit: 'other' }), 'claims_unit_text_only_for_other');
    await expectRejected(insertClaim({ unit: 'other', unit_text: '  ' }), 'claims_unit_text_only_for_other');
    await expectRejected(insertClaim({ unit: 'TEU', unit_text: 'TEUs' }), 'claims_unit_text_only_for_other');
  });
  it('rejects an unknown hedge', () => expectRejected(insertClaim({ hedge: 'roughly' }), 'claims_hedge_known'));
  it('rejects an unknown status', () => expectRejected(insertClaim({ status: 'maybe' }), 'claims_status_known'));
  it('rejects a bad metric key', () => expectRejected(insertClaim({ metric: 'Trade Volume' }), 'claims_metric_format'));

  it('rejects value null on a non-date claim, and a value on a date claim', async () => {
    await expectRejected(insertClaim({ value: null }), 'claims_value_present_unless_date');
    await expectRejected(insertClaim({ unit: 'date', value: 2024, period_start: '2024-02-01' }), 'claims_value_present_unless_date');
    await expectAccepted(insertClaim({ unit: 'date', value: null, period_start: '2024-02-01', period_end: '2024-02-29' }));
  });

  it('rejects a date claim without a period', () =>
    expectRejected(insertClaim({ unit: 'date', value: null }), 'claims_date_has_period'));

  it('rejects period_start after period_end', async () => {
    await expectRejected(insertClaim({ period_start: '2024-12-31', period_end: '2024-01-01' }), 'claims_period_ordered');
    await expectAccepted(insertClaim({ period_start: '2024-06-13', period_end: '2024-06-13' }));
  });

  it('rejects an incomplete conversion', async () => {
    await expectRejected(insertClaim({ conversion_value: 36 }), 'claims_conversion_complete');
    await expectRejected(insertClaim({ conversion_value: 36, conversion_unit: 'CNY' }), 'claims_conversion_complete');
    await expectRejected(insertClaim({ conversion_unit: 'CNY', conversion_hedge: 'exact' }), 'claims_conversion_complete');
    await expectAccepted(insertClaim({ conversion_value: 36, conversion_unit: 'CNY', conversion_hedge: 'exact' }));
  });

  it('rejects an unknown conversion unit or hedge', async () => {
    await expectRejected(insertClaim({ conversion_value: 36, conversion_unit: 'furlong', conversion_hedge: 'exact' }), 'claims_conversion_unit_known');
    // A conversion is a value in a named unit.
    for (const unit of ['date', 'other']) {
      await expectRejected(insertClaim({ conversion_value: 36, conversion_unit: unit, conversion_hedge: 'exact' }), 'claims_conversion_unit_known');
    }
    await expectRejected(insertClaim({ conversion_value: 36, conversion_unit: 'CNY', conversion_hedge: 'roughly' }), 'claims_conversion_hedge_known');
  });

  it('rejects an unknown subject role', () =>
    expectRejected(
      (trx) => trx.insertInto('claim_subjects').values({ claim_id: claimId, entity_id: alpha, role: 'buyer' }).execute(),
      'claim_subjects_role_known',
    ));
});

describe('relations', () => {
  it('accepts the base relation row', () => expectAccepted(insertRelation()));
  it('rejects an unknown relation kind', () => expectRejected(insertRelation({ kind: 'twinned_with' }), 'relations_kind_known'));
  it('rejects an unknown status', () => expectRejected(insertRelation({ status: 'maybe' }), 'relations_status_known'));
  it('rejects a reflexive relation', () => expectRejected(insertRelation({ subject_id: beta, object_id: beta }), 'relations_not_reflexive'));

  it('rejects a symmetric relation stored with subject_id > object_id, and accepts it the other way round', async () => {
    for (const kind of SYMMETRIC_RELATION_KINDS) {
      await expectRejected(insertRelation({ kind, subject_id: gamma, object_id: beta }), 'relations_symmetric_stored_once');
      await expectAccepted(insertRelation({ kind, subject_id: beta, object_id: gamma }));
    }
    // An asymmetric kind has a direction: both orders are fine.
    await expectAccepted(insertRelation({ kind: 'located_in', subject_id: gamma, object_id: beta }));
  });

  it('rejects a duplicate relation (same kind, subject and object)', () =>
    expectRejected(insertRelation({ subject_id: alpha, object_id: beta }), 'relations_kind_subject_object_key', '23505'));

  it('rejects a relation on a missing entity (foreign key)', () =>
    expectRejected(insertRelation({ object_id: gamma + 1000 }), 'relations_object_id_fkey', '23503'));
});

describe('citations', () => {
  const QUOTE = 'signed a trade deal'; // after the emoji: code point and UTF-16 offsets differ

  it('accepts a valid citation of a claim and of a relation', async () => {
    await expectAccepted(insertCitation(citation(QUOTE)));
    await expectAccepted(insertCitation(citation(QUOTE, { claim_id: null, relation_id: relationId })));
    await expectAccepted(insertCitation(citation('Trade grew fast.')));
  });

  it('checks offsets in characters (code points), as the loader computes them', async () => {
    const utf16 = BODY.indexOf(QUOTE);
    expect(locateQuote(BODY, QUOTE)!.startOffset).toBe(utf16 - 1);
    await expectRejected(
      insertCitation(citation(QUOTE, { start_offset: utf16, end_offset: utf16 + QUOTE.length })),
      'citations_quote_matches_body',
    );
  });

  it('rejects a citation with both claim_id and relation_id', () =>
    expectRejected(insertCitation(citation(QUOTE, { relation_id: relationId })), 'citations_exactly_one_target'));

  it('rejects a citation with neither claim_id nor relation_id', () =>
    expectRejected(insertCitation(citation(QUOTE, { claim_id: null })), 'citations_exactly_one_target'));

  it('rejects a citation of a missing article (foreign key)', () =>
    expectRejected(insertCitation(citation(QUOTE, { article_id: articleId + 1000 })), 'citations_article_id_fkey', '23503'));

  it('rejects a negative start offset', async () => {
    // substr(body, 0, 5) is the first 4 characters, so the trigger lets this through to the checks.
    await expectRejected(insertCitation(citation('Alph', { start_offset: -1, end_offset: 4 })), 'citations_offsets_ordered');
    await expectRejected(insertCitationWithoutTrigger(citation('Alph', { start_offset: -1, end_offset: 3 })), 'citations_offsets_ordered');
  });

  it('rejects an empty span (end = start)', () =>
    expectRejected(insertCitation(citation(QUOTE, { quote: '', end_offset: citation(QUOTE).start_offset })), 'citations_offsets_ordered'));

  const misordered = () => {
    const at = citation(QUOTE);
    return citation(QUOTE, { start_offset: at.end_offset, end_offset: at.start_offset });
  };

  it('rejects misordered offsets (end < start)', async () => {
    expect(await attempt(insertCitation(misordered()))).not.toBeNull();
    // The check constraint itself, behind the trigger:
    await expectRejected(insertCitationWithoutTrigger(misordered()), 'citations_offsets_ordered');
  });

  // BUG (reported): with end < start the trigger calls substr() with a negative length, which
  // fails with 22011 "negative substring length not allowed" before any named constraint is
  // checked; the trigger should leave ordering to citations_offsets_ordered (or check it first).
  it('rejects misordered offsets (end < start) with the named constraint', () =>
    expectRejected(insertCitation(misordered()), 'citations_offsets_ordered'));

  it('rejects end - start not equal to the quote length', async () => {
    const at = citation(QUOTE);
    const longer = citation(QUOTE, { end_offset: at.end_offset + 1 });
    // The trigger sees it first (the text at those offsets is not the quote) ...
    await expectRejected(insertCitation(longer), 'citations_quote_matches_body');
    // ... and the check constraint holds on its own.
    await expectRejected(insertCitationWithoutTrigger(longer), 'citations_offsets_span_quote');
  });

  it('rejects offsets beyond the body length', async () => {
    const length = Array.from(BODY).length;
    await expectRejected(
      insertCitation(citation(QUOTE, { quote: 'x', start_offset: length, end_offset: length + 1 })),
      'citations_offsets_inside_body',
    );
    // The last character itself is inside.
    await expectAccepted(insertCitation(citation('.', { start_offset: length - 1, end_offset: length })));
  });

  it('rejects a quote that does not match the body at its offsets (the trigger)', async () => {
    await expectRejected(insertCitation(citation(QUOTE, { quote: 'signed a trade pact' })), 'citations_quote_matches_body');
    await expectRejected(insertCitation(citation(QUOTE, { quote: 'Signed a trade deal' })), 'citations_quote_matches_body');
  });

  it('checks the quote again on update', () =>
    expectRejected(async (trx) => {
      const { id } = await trx.insertInto('citations').values(citation(QUOTE)).returning('id').executeTakeFirstOrThrow();
      await trx.updateTable('citations').set({ start_offset: 0, end_offset: QUOTE.length }).where('id', '=', id).execute();
    }, 'citations_quote_matches_body'));

  it('rejects the same claim cited twice at the same place', () =>
    expectRejected(async (trx) => {
      await trx.insertInto('citations').values(citation(QUOTE)).execute();
      await trx.insertInto('citations').values(citation(QUOTE)).execute();
    }, 'citations_claim_article_offset_key', '23505'));
});

// ---------------------------------------------------------------------------------------------

describe('schema shape', () => {
  it('has an index led by the column of every foreign key', async () => {
    const { rows } = await sql<{ table: string; column: string; constraint: string; indexed: boolean }>`
      select c.conrelid::regclass::text as table, a.attname as column, c.conname as constraint,
             exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1]) as indexed
      from pg_constraint c
      join pg_namespace n on n.oid = c.connamespace
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and n.nspname = 'public'
      order by 1, 2`.execute(db);
    // The schema's foreign keys are single-column; a composite one would need a wider check.
    const composite = await sql<{ n: number }>`
      select count(*)::int as n from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where c.contype = 'f' and n.nspname = 'public' and cardinality(c.conkey) <> 1`.execute(db);
    expect(composite.rows[0]!.n).toBe(0);
    expect(rows.map((r) => `${r.table}.${r.column}`)).toEqual([
      'article_captions.article_id', 'article_mentions.article_id', 'article_mentions.entity_id',
      'citations.article_id', 'citations.claim_id', 'citations.relation_id', 'claim_subjects.claim_id',
      'claim_subjects.entity_id', 'entities.merged_into', 'entity_aliases.entity_id', 'entity_merges.merged_id',
      'entity_merges.survivor_id', 'relations.object_id', 'relations.subject_id',
    ]);
    expect(rows.filter((r) => !r.indexed).map((r) => `${r.constraint} (${r.table}.${r.column})`)).toEqual([]);
  });

  it('records exactly the migrations of db/migrations/index.ts, in order', async () => {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by timestamp, name`.execute(db);
    expect(rows.map((r) => r.name)).toEqual(Object.keys(migrations));
    expect(Object.keys(migrations)).toEqual([...Object.keys(migrations)].sort());
  });
});

describe('the vocabularies of src/domain/vocabulary.ts agree with the database', () => {
  const MADE_UP = 'not_a_real_value';

  it('ENTITY_KINDS: every kind is accepted, a made-up one is rejected', async () => {
    await expectAccepted(async (trx) => {
      for (const kind of ENTITY_KINDS) await insertEntity({ slug: `e-${kind.replaceAll('_', '-')}`, kind })(trx);
    });
    await expectRejected(insertEntity({ kind: MADE_UP }), 'entities_kind_known');
  });

  it('RELATION_KINDS: every kind is accepted, a made-up one is rejected', async () => {
    await expectAccepted(async (trx) => {
      for (const kind of RELATION_KINDS) await insertRelation({ kind, subject_id: beta, object_id: gamma })(trx);
    });
    await expectRejected(insertRelation({ kind: MADE_UP }), 'relations_kind_known');
  });

  it('UNITS: every unit is accepted for a claim, every conversion unit for a conversion, a made-up one is rejected', async () => {
    await expectAccepted(async (trx) => {
      for (const unit of UNITS) {
        await insertClaim({
          key: `u-${unit}`, unit, value: unit === 'date' ? null : 1, period_text: 'in 2024', unit_text: unit === 'other' ? 'berths' : null,
        })(trx);
      }
      for (const unit of CONVERSION_UNITS) {
        await insertClaim({ key: `c-${unit}`, conversion_value: 1, conversion_unit: unit, conversion_hedge: 'exact' })(trx);
      }
    });
    await expectRejected(insertClaim({ unit: MADE_UP }), 'claims_unit_known');
    await expectRejected(insertClaim({ conversion_value: 1, conversion_unit: MADE_UP, conversion_hedge: 'exact' }), 'claims_conversion_unit_known');
  });

  it('HEDGES: every hedge is accepted for a claim and a conversion, a made-up one is rejected', async () => {
    await expectAccepted(async (trx) => {
      for (const hedge of HEDGES) {
        await insertClaim({ key: `h-${hedge}`, hedge, conversion_value: 1, conversion_unit: 'CNY', conversion_hedge: hedge })(trx);
      }
    });
    await expectRejected(insertClaim({ hedge: MADE_UP }), 'claims_hedge_known');
    await expectRejected(insertClaim({ conversion_value: 1, conversion_unit: 'CNY', conversion_hedge: MADE_UP }), 'claims_conversion_hedge_known');
  });

  it('STATUSES: every status is accepted for claims and relations, a made-up one is rejected', async () => {
    await expectAccepted(async (trx) => {
      for (const status of STATUSES) {
        await insertClaim({ key: `s-${status}`, status })(trx);
        await insertRelation({ kind: 'located_in', subject_id: gamma, object_id: alpha, status })(trx);
        await trx.deleteFrom('relations').where('subject_id', '=', gamma).execute();
      }
    });
    await expectRejected(insertClaim({ status: MADE_UP }), 'claims_status_known');
    await expectRejected(insertRelation({ status: MADE_UP }), 'relations_status_known');
  });

  it('SUBJECT_ROLES: every role is accepted, a made-up one is rejected', async () => {
    await expectAccepted(async (trx) => {
      for (const role of SUBJECT_ROLES) await trx.insertInto('claim_subjects').values({ claim_id: claimId, entity_id: alpha, role }).execute();
    });
    await expectRejected(
      (trx) => trx.insertInto('claim_subjects').values({ claim_id: claimId, entity_id: alpha, role: MADE_UP }).execute(),
      'claim_subjects_role_known',
    );
  });

  it('each vocabulary check lists exactly the TypeScript values (no value only the database knows)', async () => {
    const { rows } = await sql<{ name: string; definition: string }>`
      select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
      where contype = 'c' and connamespace = 'public'::regnamespace`.execute(db);
    const valuesOf = (name: string) => {
      const row = rows.find((r) => r.name === name);
      if (!row) throw new Error(`no check constraint ${name}`);
      return [...row.definition.matchAll(/'([^']*)'::text/g)].map((m) => m[1]).sort();
    };
    const sorted = (values: Iterable<string>) => [...values].sort();
    expect(valuesOf('entities_kind_known')).toEqual(sorted(ENTITY_KINDS));
    expect(valuesOf('relations_kind_known')).toEqual(sorted(RELATION_KINDS));
    expect(valuesOf('relations_symmetric_stored_once')).toEqual(sorted(SYMMETRIC_RELATION_KINDS));
    expect(valuesOf('claims_unit_known')).toEqual(sorted(UNITS));
    expect(valuesOf('claims_conversion_unit_known')).toEqual(sorted(CONVERSION_UNITS));
    expect(valuesOf('claims_hedge_known')).toEqual(sorted(HEDGES));
    expect(valuesOf('claims_conversion_hedge_known')).toEqual(sorted(HEDGES));
    expect(valuesOf('claims_status_known')).toEqual(sorted(STATUSES));
    expect(valuesOf('relations_status_known')).toEqual(sorted(STATUSES));
    expect(valuesOf('claim_subjects_role_known')).toEqual(sorted(SUBJECT_ROLES));
    expect(valuesOf('claims_direction_known')).toEqual(sorted(TRADE_DIRECTIONS));
    expect(valuesOf('claims_mode_known')).toEqual(sorted(TRANSPORT_MODES));
  });
});
