// GraphQL enums over the closed vocabularies: UPPER_CASE names, the database's values inside.
import { builder } from '../builder.ts';
import {
  ENTITY_KINDS, HEDGES, RELATION_KINDS, RELATION_KIND_DESCRIPTIONS, STATUSES, SUBJECT_ROLES, UNITS,
} from '../domain/vocabulary.ts';

function valuesOf<T extends string>(values: readonly T[], describe?: (value: T) => string) {
  return Object.fromEntries(
    values.map((value) => [value.toUpperCase(), { value, ...(describe ? { description: describe(value) } : {}) }]),
  ) as Record<Uppercase<T>, { value: T; description?: string }>;
}

export const EntityKindEnum = builder.enumType('EntityKind', {
  description: 'What sort of thing an entity is.',
  values: valuesOf(ENTITY_KINDS),
});

export const RelationKindEnum = builder.enumType('RelationKind', {
  description: 'What a relation states between its subject and its object.',
  values: valuesOf(RELATION_KINDS, (kind) => RELATION_KIND_DESCRIPTIONS[kind]),
});

export const UnitEnum = builder.enumType('Unit', {
  description: 'The unit a figure is stated in. DATE marks a claim whose content is a date (its period).',
  values: valuesOf(UNITS),
});

export const HedgeEnum = builder.enumType('Hedge', {
  description: 'How exact a figure is, as the text hedges it ("more than", "nearly", "about").',
  values: valuesOf(HEDGES),
});

export const StatusEnum = builder.enumType('Status', {
  description: 'Curation state: CURATED facts were checked by a person; CANDIDATE ones await review.',
  values: valuesOf(STATUSES),
});

export const SubjectRoleEnum = builder.enumType('SubjectRole', {
  description: 'The part an entity plays in a claim.',
  values: valuesOf(SUBJECT_ROLES),
});

export const RelationDirectionEnum = builder.enumType('RelationDirection', {
  description: 'Which end of a relation an entity is at. Symmetric relations match every direction.',
  values: {
    OUTGOING: { value: 'outgoing' as const, description: 'The entity is the subject.' },
    INCOMING: { value: 'incoming' as const, description: 'The entity is the object.' },
    BOTH: { value: 'both' as const, description: 'Either end.' },
  },
});
