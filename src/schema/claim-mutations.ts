// Mutations on claims: create a figure from a quote, update it, review a candidate.
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { ClaimRow } from '../db/types.ts';
import { createClaim, updateClaim, type ClaimFigure, type ClaimQualifiers } from '../db/writes/claims.ts';
import { MAX_PRODUCT_LENGTH, type Hedge, type SubjectRole, type TradeDirection, type TransportMode, type Unit } from '../domain/vocabulary.ts';
import { CitationInput, citationToVerify } from './citation-input.ts';
import { ClaimNode } from './claim.ts';
import { HedgeEnum, SubjectRoleEnum, TradeDirectionEnum, TransportModeEnum, UnitEnum } from './enums.ts';
import { CITING_MUTATION_ERRORS } from './errors.ts';
import { idOfType, optionalReason } from './mutation-inputs.ts';
import { PeriodInput, periodOf } from './period-input.ts';
import { write } from './write.ts';

const editor = { editor: true } as const;
const MAX_SUBJECTS = 20;

const ClaimConversionInput = builder.inputType('ClaimConversionInput', {
  description: 'The same figure in another unit, as the article states it alongside ("$2.77 billion").',
  fields: (t) => ({
    value: t.float({ required: true, description: 'The converted number.' }),
    unit: t.field({ type: UnitEnum, required: true, description: 'Its unit.' }),
    hedge: t.field({ type: HedgeEnum, description: 'Its hedge when the text hedges it in words of its own; omitted, the figure\'s hedge.' }),
  }),
});

const ClaimQualifiersInput = builder.inputType('ClaimQualifiersInput', {
  description: 'What a figure is about besides its metric and subjects; figures with different qualifiers never conflict.',
  fields: (t) => ({
    product: t.string({
      description: `The commodity or product, in a few words ("agricultural products"); stored lowercase with single spaces, at most ${MAX_PRODUCT_LENGTH} characters.`,
      validate: z.string().max(4 * MAX_PRODUCT_LENGTH, 'Too long.').nullish(),
    }),
    direction: t.field({ type: TradeDirectionEnum, description: 'Imports, exports or both.' }),
    mode: t.field({ type: TransportModeEnum, description: 'How the goods travel.' }),
  }),
});

const ClaimSubjectInput = builder.inputType('ClaimSubjectInput', {
  description: 'An entity a claim is about, and its part in it.',
  fields: (t) => ({
    entity: t.id({ required: true, description: 'The entity (its global ID).' }),
    role: t.field({ type: SubjectRoleEnum, description: 'The part the entity plays; SUBJECT when omitted.' }),
  }),
});

const metricText = z.string().trim().min(1, 'Must not be blank.').max(100, 'At most 100 characters.');
const unitWord = z.string().trim().max(100, 'At most 100 characters.').nullish();
const subjectList = z.array(z.unknown()).min(1, 'A claim is about at least one entity.').max(MAX_SUBJECTS, `At most ${MAX_SUBJECTS} subjects.`);

type ConversionInput = { value: number; unit: string; hedge?: string | null };
type QualifiersInput = { product?: string | null; direction?: string | null; mode?: string | null };
type SubjectInput = { entity: string | number; role?: string | null };

const conversionOf = (conversion: ConversionInput): NonNullable<ClaimFigure['conversion']> => ({
  value: conversion.value,
  unit: conversion.unit as Unit,
  // Omitted: the figure's hedge, applied when the figure is checked.
  hedge: (conversion.hedge ?? null) as Hedge | null,
});

const qualifiersOf = (qualifiers: QualifiersInput): ClaimQualifiers => ({
  product: qualifiers.product ?? null,
  direction: (qualifiers.direction ?? null) as TradeDirection | null,
  mode: (qualifiers.mode ?? null) as TransportMode | null,
});

const subjectsOf = (subjects: readonly SubjectInput[]): ClaimFigure['subjects'] =>
  subjects.map((subject, index) => ({
    entityId: idOfType(String(subject.entity), 'Entity', `input.subjects.${index}.entity`),
    role: (subject.role ?? 'subject') as SubjectRole,
  }));

function claimPayload(description: string) {
  return {
    description,
    outputFields: (t: any) => ({
      claim: t.field({ type: ClaimNode, description: 'The claim as it is now, with its subjects and citations.', resolve: (p: { claim: ClaimRow }) => p.claim }),
    }),
  };
}

builder.relayMutationField(
  'createClaim',
  {
    description: 'Input of createClaim.',
    inputFields: (t) => ({
      metric: t.string({ required: true, description: 'What is measured, as a snake_case key (e.g. trade_volume); reuse existing metrics (Query.metrics).', validate: metricText }),
      value: t.float({ description: 'The number as stated, in unit (43.8 billion is 43800000000); omitted only for DATE claims.' }),
      unit: t.field({ type: UnitEnum, required: true, description: 'The unit the value is stated in; DATE for a claim whose content is a date (its period).' }),
      unitText: t.string({ description: 'The text\'s own word for the unit ("berths"): required when unit is OTHER, refused otherwise.', validate: unitWord }),
      hedge: t.field({ type: HedgeEnum, description: 'How the text qualifies the value ("more than", "nearly"); EXACT when omitted.' }),
      period: t.field({ type: PeriodInput, description: 'The time the figure refers to; required for DATE claims.' }),
      conversion: t.field({ type: ClaimConversionInput, description: 'The figure in another unit when the article gives one alongside.' }),
      qualifiers: t.field({ type: ClaimQualifiersInput, description: 'The product, trade direction and transport mode the figure is about, when the text says.' }),
      subjects: t.field({
        type: [ClaimSubjectInput],
        required: true,
        description: `The entities the figure is about (1 to ${MAX_SUBJECTS}), each entity at most once per role.`,
        validate: subjectList,
      }),
      citation: t.field({ type: CitationInput, required: true, description: 'The article and quote that state the figure.' }),
      reason: t.string({ description: 'Why, for the audit trail.', validate: optionalReason }),
    }),
  },
  {
    description:
      'Adds a curated figure about one or more entities, cited by a quote from an article (editor). It is checked as the ' +
      'database requires: snake_case metric, a value unless the unit is DATE, a period for DATE claims, a period that does not end before it starts.',
    authScopes: editor,
    errors: { types: CITING_MUTATION_ERRORS },
    resolve: async (_root, { input }, context) => {
      const claim = {
        metric: input.metric,
        value: input.value ?? null,
        unit: input.unit as Unit,
        unitText: input.unitText ?? null,
        hedge: (input.hedge ?? 'exact') as Hedge,
        period: periodOf(input.period ?? {}),
        conversion: input.conversion ? conversionOf(input.conversion) : null,
        qualifiers: qualifiersOf(input.qualifiers ?? {}),
        subjects: subjectsOf(input.subjects),
        citation: citationToVerify(input.citation, 'input.citation'),
      };
      return { claim: await write(context, (w) => createClaim(w, claim, input.reason ?? null)) };
    },
  },
  claimPayload('Result of createClaim.'),
);

builder.relayMutationField(
  'updateClaim',
  {
    description: 'Input of updateClaim: the fields to change; omitted ones stay.',
    inputFields: (t) => ({
      id: t.id({ required: true, description: 'The claim.' }),
      metric: t.string({ description: 'New metric key.', validate: metricText.nullish() }),
      value: t.float({ description: 'New value; null clears it (only for DATE claims).' }),
      unit: t.field({ type: UnitEnum, description: 'New unit.' }),
      unitText: t.string({ description: 'New word for a unit OTHER; null clears it. A unit changed away from OTHER drops it.', validate: unitWord }),
      hedge: t.field({ type: HedgeEnum, description: 'New hedge.' }),
      period: t.field({ type: PeriodInput, description: 'New period, replacing the whole period (its omitted parts become unknown); null clears it.' }),
      conversion: t.field({ type: ClaimConversionInput, description: 'New conversion; null removes it.' }),
      qualifiers: t.field({
        type: ClaimQualifiersInput,
        description: 'New qualifiers, replacing all three (an omitted one becomes null); null clears them.',
      }),
      subjects: t.field({
        type: [ClaimSubjectInput],
        description: `New subjects, replacing all of them (1 to ${MAX_SUBJECTS}).`,
        validate: subjectList.nullish(),
      }),
      citation: t.field({ type: CitationInput, description: 'One more citation for the claim; the existing ones stay.' }),
      reason: t.string({ description: 'Why, for the audit trail.', validate: optionalReason }),
    }),
  },
  {
    description:
      'Changes a claim or adds a citation to it (editor). The result is checked as createClaim checks a new claim; ' +
      'retracted and rejected claims stay as they are (ConflictError).',
    authScopes: editor,
    errors: { types: CITING_MUTATION_ERRORS },
    resolve: async (_root, { input }, context) => {
      const id = idOfType(String(input.id), 'Claim', 'input.id');
      // Null means "clear" only where a claim can lack the thing; elsewhere it is the same as omitting the field.
      const changes = {
        metric: input.metric ?? undefined,
        value: input.value,
        unit: (input.unit ?? undefined) as Unit | undefined,
        unitText: input.unitText,
        hedge: (input.hedge ?? undefined) as Hedge | undefined,
        period: input.period === undefined ? undefined : input.period === null ? null : periodOf(input.period),
        conversion: input.conversion === undefined ? undefined : input.conversion === null ? null : conversionOf(input.conversion),
        qualifiers: input.qualifiers === undefined ? undefined : input.qualifiers === null ? null : qualifiersOf(input.qualifiers),
        subjects: input.subjects ? subjectsOf(input.subjects) : undefined,
        citation: input.citation ? citationToVerify(input.citation, 'input.citation') : undefined,
      };
      return { claim: await write(context, (w) => updateClaim(w, id, changes, input.reason ?? null)) };
    },
  },
  claimPayload('Result of updateClaim.'),
);
