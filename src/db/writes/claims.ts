// Writes to claims: create one with its subjects and first citation, update it, review a candidate,
// retract one. Each takes a Write (transaction + audit) and records the claim before and after
// (row + subjects + citations). A figure is checked here as the corpus loader checks curated claims.
import { randomUUID } from 'node:crypto';
import { globalIdOf } from '../../domain/global-ids.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import {
  CONVERSION_UNITS, MAX_PRODUCT_LENGTH, isOneOf, normalizeProduct, type Hedge, type SubjectRole, type TradeDirection, type TransportMode,
  type Unit,
} from '../../domain/vocabulary.ts';
import type { Write } from '../audit.ts';
import { changeStatus, retraction, review, type StatusTarget } from './status.ts';
import type { ClaimRow } from '../types.ts';
import { citationSnapshots, insertCitation, verifyCitation, type CitationInput, type CitationSnapshot } from './citations.ts';
import { lockEntity } from './entities.ts';
import { checkedPeriod, type PeriodValues } from './period.ts';

const METRIC = /^[a-z][a-z0-9_]*$/;
const MAX_METRIC_LENGTH = 100;

/**
 * Corpus claim keys are lowercase words joined by hyphens (db/corpus/FORMAT.md); a key made here
 * has a colon and a random UUID, so it can meet neither a corpus key nor another API key.
 */
function newClaimKey(): string {
  return `api:${randomUUID()}`;
}

/** What a claim states: everything but its key, status and citations. */
export interface ClaimFigure {
  metric: string;
  value: number | null;
  unit: Unit;
  /** The text's own word for the unit: required for unit OTHER, refused for any other unit. */
  unitText?: string | null;
  hedge: Hedge;
  period: PeriodValues;
  /** A conversion without a hedge of its own takes the figure's ("nearly 19.5 billion yuan ($2.77 billion)"). */
  conversion: { value: number; unit: Unit; hedge: Hedge | null } | null;
  /** The product, trade direction and transport mode the figure is about; omitted: none. */
  qualifiers?: ClaimQualifiers;
  subjects: ReadonlyArray<{ entityId: number; role: SubjectRole }>;
}

export interface ClaimQualifiers {
  product: string | null;
  direction: TradeDirection | null;
  mode: TransportMode | null;
}

const NO_QUALIFIERS: ClaimQualifiers = { product: null, direction: null, mode: null };

/**
 * Refuses a figure the claims table's checks (or the corpus loader) would refuse, naming the input
 * field at fault. Returns the figure with its texts trimmed.
 */
export function checkClaimFigure(figure: ClaimFigure): ClaimFigure {
  const metric = figure.metric.trim();
  if (!METRIC.test(metric) || metric.length > MAX_METRIC_LENGTH) {
    throw new ValidationError(`A metric is a snake_case key of at most ${MAX_METRIC_LENGTH} characters, e.g. trade_volume.`, 'input.metric');
  }
  if (figure.value !== null && !Number.isFinite(figure.value)) throw new ValidationError('The value must be a finite number.', 'input.value');
  // A date claim (an opening, a launch) carries its date in the period, not in value.
  if (figure.unit === 'date' && figure.value !== null) {
    throw new ValidationError('A DATE claim has no value: its date is the period.', 'input.value');
  }
  if (figure.unit !== 'date' && figure.value === null) throw new ValidationError('A value is required unless the unit is DATE.', 'input.value');
  const unitText = figure.unitText?.trim() || null;
  if (figure.unit === 'other' && unitText === null) {
    throw new ValidationError('A figure in unit OTHER keeps the text\'s own word for its unit: give unitText.', 'input.unitText');
  }
  if (figure.unit !== 'other' && unitText !== null) throw new ValidationError('unitText is only for unit OTHER.', 'input.unitText');
  const period = checkedPeriod(figure.period);
  if (figure.unit === 'date' && period.start === null && period.text === null) {
    throw new ValidationError('A DATE claim needs a period: its start date, or the date in the article\'s words.', 'input.period');
  }
  if (figure.conversion && !Number.isFinite(figure.conversion.value)) {
    throw new ValidationError('The converted value must be a finite number.', 'input.conversion.value');
  }
  if (figure.conversion && !isOneOf(CONVERSION_UNITS, figure.conversion.unit)) {
    throw new ValidationError('A conversion is a value in a named unit: not DATE or OTHER.', 'input.conversion.unit');
  }
  const conversion = figure.conversion && { ...figure.conversion, hedge: figure.conversion.hedge ?? figure.hedge };
  const qualifiers = { ...NO_QUALIFIERS, ...figure.qualifiers };
  if (qualifiers.product !== null) {
    qualifiers.product = normalizeProduct(qualifiers.product);
    if (qualifiers.product === '') throw new ValidationError('A product qualifier must not be blank; omit it instead.', 'input.qualifiers.product');
    if (Array.from(qualifiers.product).length > MAX_PRODUCT_LENGTH) {
      throw new ValidationError(`A product qualifier is at most ${MAX_PRODUCT_LENGTH} characters.`, 'input.qualifiers.product');
    }
  }
  if (figure.subjects.length === 0) throw new ValidationError('A claim is about at least one entity.', 'input.subjects');
  const seen = new Set<string>();
  figure.subjects.forEach((subject, index) => {
    const key = `${subject.entityId}|${subject.role}`;
    if (seen.has(key)) throw new ValidationError('The same entity is listed twice in the same role.', `input.subjects.${index}`);
    seen.add(key);
  });
  return { ...figure, metric, unitText, period, conversion, qualifiers };
}

/** A claim as the audit trail records it: its row, subjects and citations. */
export interface ClaimSnapshot extends ClaimRow {
  subjects: Array<{ entity_id: number; role: string }>;
  citations: CitationSnapshot[];
}

export async function claimSnapshot(write: Write, id: number): Promise<ClaimSnapshot> {
  const claim = await write.trx.selectFrom('claims').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const subjects = await write.trx
    .selectFrom('claim_subjects')
    .select(['entity_id', 'role'])
    .where('claim_id', '=', id)
    .orderBy('role')
    .orderBy('entity_id')
    .execute();
  return { ...claim, subjects, citations: await citationSnapshots(write, { claimId: id }) };
}

/** The claim, locked for the rest of the transaction; NotFoundError when there is none. */
async function lockClaim(write: Write, id: number, field: string): Promise<ClaimRow> {
  const claim = await write.trx.selectFrom('claims').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!claim) throw new NotFoundError(`${field}: no claim has this ID.`, globalIdOf('Claim', id));
  return claim;
}

/** Locks the subjects' entities, lowest id first (so concurrent merges cannot deadlock with this); merged-away ones are refused. */
async function lockSubjects(write: Write, subjects: ClaimFigure['subjects']): Promise<void> {
  const fieldById = new Map<number, string>();
  subjects.forEach((subject, index) => {
    if (!fieldById.has(subject.entityId)) fieldById.set(subject.entityId, `input.subjects.${index}.entity`);
  });
  for (const [id, field] of [...fieldById].sort(([a], [b]) => a - b)) await lockEntity(write, id, field);
}

function claimColumns(figure: ClaimFigure) {
  return {
    metric: figure.metric,
    value: figure.value,
    unit: figure.unit,
    unit_text: figure.unitText ?? null,
    hedge: figure.hedge,
    period_start: figure.period.start,
    period_end: figure.period.end,
    period_text: figure.period.text,
    conversion_value: figure.conversion?.value ?? null,
    conversion_unit: figure.conversion?.unit ?? null,
    conversion_hedge: figure.conversion?.hedge ?? null,
    product: figure.qualifiers?.product ?? null,
    direction: figure.qualifiers?.direction ?? null,
    mode: figure.qualifiers?.mode ?? null,
  };
}

async function insertSubjects(write: Write, claimId: number, subjects: ClaimFigure['subjects']): Promise<void> {
  await write.trx
    .insertInto('claim_subjects')
    .values(subjects.map((subject) => ({ claim_id: claimId, entity_id: subject.entityId, role: subject.role })))
    .execute();
}

export interface NewClaim extends ClaimFigure {
  citation: CitationInput;
}

export async function createClaim(write: Write, input: NewClaim, reason: string | null): Promise<ClaimRow> {
  const figure = checkClaimFigure(input);
  await lockSubjects(write, figure.subjects);
  const citation = await verifyCitation(write, input.citation, 'input.citation');
  const claim = await write.trx
    .insertInto('claims')
    .values({ key: newClaimKey(), ...claimColumns(figure), status: 'curated' })
    .returningAll()
    .executeTakeFirstOrThrow();
  await insertSubjects(write, claim.id, figure.subjects);
  await insertCitation(write, { claimId: claim.id }, citation);
  await write.audit({ action: 'createClaim', targetType: 'Claim', targetId: claim.id, after: await claimSnapshot(write, claim.id), reason });
  return claim;
}

/** What updateClaim changes: an omitted (undefined) field stays; null clears value, period or conversion. */
export interface ClaimChanges {
  metric?: string;
  value?: number | null;
  unit?: Unit;
  /** Null clears it; omitted, it stays while the unit stays OTHER. */
  unitText?: string | null;
  hedge?: Hedge;
  period?: ClaimFigure['period'] | null;
  conversion?: ClaimFigure['conversion'];
  /** Replaces all three qualifiers (an omitted one becomes null); null clears them. */
  qualifiers?: ClaimQualifiers | null;
  subjects?: ClaimFigure['subjects'];
  /** One more citation for the claim. */
  citation?: CitationInput;
}

export async function updateClaim(write: Write, id: number, changes: ClaimChanges, reason: string | null): Promise<ClaimRow> {
  const current = await lockClaim(write, id, 'input.id');
  if (current.status === 'retracted' || current.status === 'rejected') {
    throw new ConflictError(`Claim ${globalIdOf('Claim', id)} is ${current.status}; it is kept as it was.`);
  }
  if (Object.values(changes).every((value) => value === undefined)) {
    throw new ValidationError('Nothing to change: give at least one field or a citation.', 'input');
  }

  const before = await claimSnapshot(write, id);
  const unit = changes.unit ?? (current.unit as Unit);
  const figure = checkClaimFigure({
    metric: changes.metric ?? current.metric,
    value: changes.value !== undefined ? changes.value : current.value,
    unit,
    // A unit that changes away from OTHER drops its word.
    unitText: changes.unitText !== undefined ? changes.unitText : unit === 'other' ? current.unit_text : null,
    hedge: changes.hedge ?? (current.hedge as Hedge),
    period:
      changes.period !== undefined
        ? (changes.period ?? { start: null, end: null, text: null })
        : { start: current.period_start, end: current.period_end, text: current.period_text },
    conversion:
      changes.conversion !== undefined
        ? changes.conversion
        : current.conversion_value === null
          ? null
          : { value: current.conversion_value, unit: current.conversion_unit as Unit, hedge: current.conversion_hedge as Hedge },
    qualifiers:
      changes.qualifiers !== undefined
        ? (changes.qualifiers ?? NO_QUALIFIERS)
        : {
          product: current.product, direction: current.direction as TradeDirection | null, mode: current.mode as TransportMode | null,
        },
    subjects: changes.subjects ?? before.subjects.map((s) => ({ entityId: s.entity_id, role: s.role as SubjectRole })),
  });
  if (changes.subjects) await lockSubjects(write, figure.subjects);
  const citation = changes.citation ? await verifyCitation(write, changes.citation, 'input.citation') : null;

  const claim = await write.trx.updateTable('claims').set(claimColumns(figure)).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  if (changes.subjects) {
    await write.trx.deleteFrom('claim_subjects').where('claim_id', '=', id).execute();
    await insertSubjects(write, id, figure.subjects);
  }
  if (citation) await insertCitation(write, { claimId: id }, citation);
  await write.audit({ action: 'updateClaim', targetType: 'Claim', targetId: id, before, after: await claimSnapshot(write, id), reason });
  return claim;
}

const CLAIM: StatusTarget<ClaimRow> = { type: 'Claim', table: 'claims', lock: lockClaim, snapshot: claimSnapshot };

/** ACCEPT makes a candidate claim curated, REJECT rejected; anything not a candidate is a ConflictError. */
export const reviewClaim = (write: Write, id: number, accept: boolean, reason: string | null): Promise<ClaimRow> =>
  changeStatus(write, CLAIM, id, review('reviewClaim', accept), reason);

/** Withdraws a claim: it stays, RETRACTED, hidden from default reads. */
export const retractClaim = (write: Write, id: number, reason: string): Promise<ClaimRow> =>
  changeStatus(write, CLAIM, id, retraction('retractClaim'), reason);
