// Claim: a figure an article states (value, unit, hedge, period), the entities it is about and its citations.
import { builder } from '../builder.ts';
import { findCitationsByClaimIds } from '../db/citations.ts';
import {
  findClaimsByIds, findSubjectsByClaimIds, pageClaims, pageClaimsByArticleIds, pageClaimsBySubjectIds,
  type ClaimFilter,
} from '../db/claims.ts';
import type { CitationRow, ClaimRow, ClaimSubjectRow } from '../db/types.ts';
import { ArticleNode } from './article.ts';
import { CitationNode } from './citation.ts';
import { connectionsFor, toConnection, toPageRequest } from './connection.ts';
import { EntityNode } from './entity.ts';
import { HedgeEnum, StatusEnum, SubjectRoleEnum, UnitEnum } from './enums.ts';
import { parseNumericId } from './ids.ts';

export const ClaimNode = builder.loadableNodeRef<ClaimRow, number, number>('Claim', {
  id: { resolve: (claim) => claim.id, parse: parseNumericId },
  load: (ids: number[], context) => findClaimsByIds(context.db, ids),
  sort: (claim) => claim.id,
});

const ClaimPeriod = builder.objectRef<ClaimRow>('ClaimPeriod').implement({
  description: 'The time a figure refers to. Dates are null when the text does not let them be resolved.',
  fields: (t) => ({
    start: t.field({ type: 'Date', nullable: true, description: 'First day covered (inclusive).', resolve: (c) => c.period_start }),
    end: t.field({ type: 'Date', nullable: true, description: 'Last day covered (inclusive).', resolve: (c) => c.period_end }),
    text: t.exposeString('period_text', {
      nullable: true,
      description: 'The period in the article\'s own words ("2024", "last year", "the first 11 months of this year").',
    }),
    resolved: t.boolean({
      description: 'Whether start and end are known; false when the article\'s date is needed and missing.',
      resolve: (c) => c.period_start !== null && c.period_end !== null,
    }),
  }),
});

const ClaimConversion = builder.objectRef<ClaimRow>('ClaimConversion').implement({
  description: 'The same figure in another unit, as the article states it alongside ("$2.77 billion").',
  fields: (t) => ({
    value: t.float({ description: 'The converted number.', resolve: (c) => c.conversion_value! }),
    unit: t.field({ type: UnitEnum, description: 'Its unit.', resolve: (c) => c.conversion_unit as never }),
    hedge: t.field({ type: HedgeEnum, description: 'Its hedge.', resolve: (c) => c.conversion_hedge as never }),
  }),
});

const ClaimSubject = builder.objectRef<ClaimSubjectRow>('ClaimSubject').implement({
  description: 'An entity a claim is about, and its part in it.',
  fields: (t) => ({
    role: t.field({ type: SubjectRoleEnum, description: 'The part the entity plays.', resolve: (s) => s.role as never }),
    entity: t.field({ type: EntityNode, description: 'The entity.', resolve: (s) => s.entity_id }),
  }),
});

ClaimNode.implement({
  description: 'A figure stated in the articles, e.g. "annual handling capacity of 655,000 TEUs".',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable key of the claim in the curated data.' }),
    metric: t.exposeString('metric', { description: 'What is measured, as a stable key (e.g. annual_handling_capacity).' }),
    value: t.float({
      nullable: true,
      description: 'The number as stated, in `unit`. Null only for DATE claims, whose content is the period.',
      resolve: (c) => c.value,
    }),
    unit: t.field({ type: UnitEnum, description: 'The unit the value is stated in.', resolve: (c) => c.unit as never }),
    hedge: t.field({ type: HedgeEnum, description: 'How the text qualifies the value.', resolve: (c) => c.hedge as never }),
    period: t.field({ type: ClaimPeriod, description: 'The time the figure refers to.', resolve: (c) => c }),
    conversion: t.field({
      type: ClaimConversion,
      nullable: true,
      description: 'The figure in another unit when the text gives one alongside, else null.',
      resolve: (c) => (c.conversion_value === null ? null : c),
    }),
    status: t.field({ type: StatusEnum, description: 'Curation state.', resolve: (c) => c.status as never }),
    subjects: t.loadableGroup({
      type: ClaimSubject,
      description: 'The entities the figure is about.',
      load: (ids: number[], context) => findSubjectsByClaimIds(context.db, ids),
      group: (subject) => subject.claim_id,
      resolve: (claim) => claim.id,
    }),
    citations: t.loadableGroup({
      type: CitationNode,
      description: 'Every place an article states this figure.',
      load: (ids: number[], context) => findCitationsByClaimIds(context.db, ids),
      group: (citation) => (citation as CitationRow).claim_id!,
      resolve: (claim) => claim.id,
    }),
  }),
});

export const ClaimConnection = builder.connectionObject({ type: ClaimNode, name: 'ClaimConnection' });

const claimFilterArgs = builder.args((t) => ({
  metric: t.string({ description: 'Only claims of this metric key.' }),
  unit: t.field({ type: UnitEnum, description: 'Only claims stated in this unit.' }),
  hedge: t.field({ type: HedgeEnum, description: 'Only claims with this hedge.' }),
  status: t.field({ type: StatusEnum, description: 'Only claims in this curation state.' }),
}));

function toClaimFilter(args: { metric?: string | null; unit?: string | null; hedge?: string | null; status?: string | null }): ClaimFilter {
  return {
    metric: args.metric ?? null,
    unit: (args.unit ?? null) as ClaimFilter['unit'],
    hedge: (args.hedge ?? null) as ClaimFilter['hedge'],
    status: (args.status ?? null) as ClaimFilter['status'],
  };
}

builder.objectField(EntityNode, 'claims', (t) =>
  t.loadable({
    type: ClaimConnection,
    description: 'Figures about this entity.',
    byPath: true,
    args: { ...t.arg.connectionArgs(), ...claimFilterArgs },
    load: async (ids: number[], context, args) =>
      connectionsFor(ids, await pageClaimsBySubjectIds(context.db, ids, toClaimFilter(args), toPageRequest(args))),
    resolve: (entity) => entity.id,
  }),
);

builder.objectField(ArticleNode, 'claims', (t) =>
  t.loadable({
    type: ClaimConnection,
    description: 'Figures this article states.',
    byPath: true,
    args: { ...t.arg.connectionArgs(), ...claimFilterArgs },
    load: async (ids: number[], context, args) =>
      connectionsFor(ids, await pageClaimsByArticleIds(context.db, ids, toClaimFilter(args), toPageRequest(args))),
    resolve: (article) => article.id,
  }),
);

builder.queryField('claims', (t) =>
  t.field({
    type: ClaimConnection,
    description: 'All figures, filtered.',
    args: { ...t.arg.connectionArgs(), ...claimFilterArgs },
    resolve: async (_root, args, context) =>
      toConnection(await pageClaims(context.db, toClaimFilter(args), toPageRequest(args))),
  }),
);
