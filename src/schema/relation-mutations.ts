// Mutations on relations: create one from a quote, review a candidate.
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { RelationRow } from '../db/types.ts';
import { createRelation } from '../db/writes/relations.ts';
import type { RelationKind } from '../domain/vocabulary.ts';
import { CitationInput, citationToVerify } from './citation-input.ts';
import { RelationKindEnum } from './enums.ts';
import { CITING_MUTATION_ERRORS } from './errors.ts';
import { idOfType, MAX_TEXT_LENGTH, optionalReason } from './mutation-inputs.ts';
import { PeriodInput, periodOf } from './period-input.ts';
import { RelationNode } from './relation.ts';
import { write } from './write.ts';

const editor = { editor: true } as const;

builder.relayMutationField(
  'createRelation',
  {
    description: 'Input of createRelation.',
    inputFields: (t) => ({
      kind: t.field({ type: RelationKindEnum, required: true, description: 'What the relation states.' }),
      subject: t.id({ required: true, description: 'The entity the relation starts from (for symmetric kinds, either end).' }),
      object: t.id({ required: true, description: 'The entity the relation points to; not the subject.' }),
      detail: t.string({
        description: 'A qualifier in the article\'s words: a person\'s role, when a plan is due, the kind of partnership.',
        validate: z.string().trim().max(MAX_TEXT_LENGTH, `At most ${MAX_TEXT_LENGTH} characters.`).nullish(),
      }),
      period: t.field({
        type: PeriodInput,
        description: 'When the relation held or holds, as the article says ("since 2019"); omit it for a lasting fact or when the text gives no time.',
      }),
      citation: t.field({ type: CitationInput, required: true, description: 'The article and quote that state the relation.' }),
      reason: t.string({ description: 'Why, for the audit trail.', validate: optionalReason }),
    }),
  },
  {
    description:
      'Adds a curated relation between two entities, cited by a quote from an article (editor). Symmetric kinds are stored ' +
      'once, lower entity first; a relation of the same kind between the same entities is a ConflictError naming it.',
    authScopes: editor,
    errors: { types: CITING_MUTATION_ERRORS },
    resolve: async (_root, { input }, context) => {
      const relation = {
        kind: input.kind as RelationKind,
        subjectId: idOfType(String(input.subject), 'Entity', 'input.subject'),
        objectId: idOfType(String(input.object), 'Entity', 'input.object'),
        detail: input.detail ?? null,
        period: input.period ? periodOf(input.period) : undefined,
        citation: citationToVerify(input.citation, 'input.citation'),
      };
      return { relation: await write(context, (w) => createRelation(w, relation, input.reason ?? null)) };
    },
  },
  {
    description: 'Result of createRelation.',
    outputFields: (t) => ({
      relation: t.field({ type: RelationNode, description: 'The new relation, with its citation.', resolve: (p: { relation: RelationRow }) => p.relation }),
    }),
  },
);
