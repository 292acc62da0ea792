// GraphQL enums over the closed vocabularies: UPPER_CASE names, the database's values inside.
import { builder } from '../builder.ts';
import {
  ENTITY_KINDS, ENTITY_KIND_DESCRIPTIONS, HEDGES, HEDGE_DESCRIPTIONS, RELATION_KINDS, RELATION_KIND_DESCRIPTIONS,
  ENTITY_STATUSES, STATUSES, STATUS_DESCRIPTIONS, SUBJECT_ROLES, SUBJECT_ROLE_DESCRIPTIONS, TRADE_DIRECTIONS,
  TRADE_DIRECTION_DESCRIPTIONS, TRANSPORT_MODES, TRANSPORT_MODE_DESCRIPTIONS, UNITS, UNIT_DESCRIPTIONS,
} from '../domain/vocabulary.ts';

function valuesOf<T extends string>(values: readonly T[], descriptions: Record<T, string>) {
  return Object.fromEntries(
    values.map((value) => [value.toUpperCase(), { value, description: descriptions[value] }]),
  ) as Record<Uppercase<T>, { value: T; description: string }>;
}

export const EntityKindEnum = builder.enumType('EntityKind', {
  description: 'What sort of thing an entity is.',
  values: valuesOf(ENTITY_KINDS, ENTITY_KIND_DESCRIPTIONS),
});

export const RelationKindEnum = builder.enumType('RelationKind', {
  description: 'What a relation states between its subject and its object.',
  values: valuesOf(RELATION_KINDS, RELATION_KIND_DESCRIPTIONS),
});

export const UnitEnum = builder.enumType('Unit', {
  description: 'The unit a figure is stated in. DATE marks a claim whose content is a date (its period).',
  values: valuesOf(UNITS, UNIT_DESCRIPTIONS),
});

export const HedgeEnum = builder.enumType('Hedge', {
  description: 'How exact a figure is, as the text hedges it ("more than", "nearly", "about").',
  values: valuesOf(HEDGES, HEDGE_DESCRIPTIONS),
});

export const StatusEnum = builder.enumType('Status', {
  description: 'Curation state: CURATED facts were checked by a person; CANDIDATE ones await review; REJECTED and RETRACTED ones stay on record, hidden unless asked for.',
  values: valuesOf(STATUSES, STATUS_DESCRIPTIONS),
});

export const SubjectRoleEnum = builder.enumType('SubjectRole', {
  description: 'The part an entity plays in a claim.',
  values: valuesOf(SUBJECT_ROLES, SUBJECT_ROLE_DESCRIPTIONS),
});

export const TradeDirectionEnum = builder.enumType('TradeDirection', {
  description: 'A claim qualifier: which way the goods a figure counts move.',
  values: valuesOf(TRADE_DIRECTIONS, TRADE_DIRECTION_DESCRIPTIONS),
});

export const TransportModeEnum = builder.enumType('TransportMode', {
  description: 'A claim qualifier: how the goods a figure counts travel.',
  values: valuesOf(TRANSPORT_MODES, TRANSPORT_MODE_DESCRIPTIONS),
});

export const RelationDirectionEnum = builder.enumType('RelationDirection', {
  description: 'Which end of a relation an entity is at. Symmetric relations match every direction.',
  values: {
    OUTGOING: { value: 'outgoing' as const, description: 'The entity is the subject.' },
    INCOMING: { value: 'incoming' as const, description: 'The entity is the object.' },
    BOTH: { value: 'both' as const, description: 'Either end.' },
  },
});

export const EntityStatusEnum = builder.enumType('EntityStatus', {
  description: 'Curation state of an entity: CANDIDATE ones (found by extraction) await review.',
  values: valuesOf(ENTITY_STATUSES, STATUS_DESCRIPTIONS),
});

export const ReviewDecisionEnum = builder.enumType('ReviewDecision', {
  description: 'The outcome of reviewing a candidate.',
  values: {
    ACCEPT: { value: 'accept' as const, description: 'The candidate is right: it becomes CURATED.' },
    REJECT: { value: 'reject' as const, description: 'The candidate is wrong: it becomes REJECTED and stays on record.' },
  },
});
