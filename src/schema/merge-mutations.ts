// Merging two entities found to be one, and undoing such a merge (admin).
import { builder, globalIdOf } from '../builder.ts';
import type { EntityRow } from '../db/types.ts';
import { mergeEntities, unmergeEntity } from '../db/writes/merges.ts';
import { EntityNode } from './entity.ts';
import { MUTATION_ERRORS } from './errors.ts';
import { idOfType, requiredReason } from './mutation-inputs.ts';
import { write } from './write.ts';

const admin = { admin: true } as const;

builder.relayMutationField(
  'mergeEntities',
  {
    description: 'Input of mergeEntities.',
    inputFields: (t) => ({
      survivor: t.id({ required: true, description: 'The entity that stays.' }),
      merged: t.id({ required: true, description: 'The entity merged into it; its ID and slug lead to the survivor afterwards.' }),
      reason: t.string({ required: true, description: 'Why the two are one, for the audit trail.', validate: requiredReason }),
    }),
  },
  {
    description:
      'Merges an entity into another that turns out to be the same thing (admin), in one transaction. The merged entity\'s ' +
      'aliases (and its name, as an alias), relations and claim subjects move to the survivor; a relation or claim role the ' +
      'survivor already has is folded into the survivor\'s (its citations move there); a symmetric relation stays stored once; ' +
      'a relation between the two, which would relate the survivor to itself, is retracted. The merged entity is kept: ' +
      'node(id) and entity(slug) with its ID or slug return the survivor, whose mergedIds list it. unmergeEntity undoes it.',
    authScopes: admin,
    errors: { types: MUTATION_ERRORS },
    resolve: async (_root, { input }, context) => {
      const survivorId = idOfType(String(input.survivor), 'Entity', 'input.survivor');
      const mergedId = idOfType(String(input.merged), 'Entity', 'input.merged');
      return write(context, (w) => mergeEntities(w, survivorId, mergedId, input.reason));
    },
  },
  {
    description: 'Result of mergeEntities.',
    outputFields: (t) => ({
      survivor: t.field({
        type: EntityNode,
        description: 'The survivor, with everything the merged entity had.',
        resolve: (p: { survivor: EntityRow }) => p.survivor,
      }),
      mergedId: t.id({
        description: 'The global ID of the merged entity, which now leads to the survivor.',
        resolve: (p: { merged: EntityRow }) => globalIdOf('Entity', p.merged.id),
      }),
    }),
  },
);

builder.relayMutationField(
  'unmergeEntity',
  {
    description: 'Input of unmergeEntity.',
    inputFields: (t) => ({
      merged: t.id({ required: true, description: 'The entity that was merged into another (its own global ID).' }),
      reason: t.string({ required: true, description: 'Why the merge was wrong, for the audit trail.', validate: requiredReason }),
    }),
  },
  {
    description:
      'Undoes a merge (admin), in one transaction: every alias, relation, citation and claim subject the merge moved or folded ' +
      'goes back as it was, with its original ID, and the merged entity stands on its own again. Refused with a ConflictError ' +
      'that says why when a later change stands in the way: the survivor merged into another entity since, a later merge ' +
      'folded into what this one moved, an alias or claim subject it moved was removed since.',
    authScopes: admin,
    errors: { types: MUTATION_ERRORS },
    resolve: async (_root, { input }, context) => {
      const mergedId = idOfType(String(input.merged), 'Entity', 'input.merged');
      return write(context, (w) => unmergeEntity(w, mergedId, input.reason));
    },
  },
  {
    description: 'Result of unmergeEntity.',
    outputFields: (t) => ({
      entity: t.field({ type: EntityNode, description: 'The entity restored.', resolve: (p: { entity: EntityRow }) => p.entity }),
      survivor: t.field({
        type: EntityNode,
        description: 'The entity it had been merged into, without what came from it.',
        resolve: (p: { survivor: EntityRow }) => p.survivor,
      }),
    }),
  },
);
