// The retract mutation: withdraws a claim or a relation (admin); the row stays, RETRACTED, with its history.
import { builder } from '../builder.ts';
import type { ClaimRow, RelationRow } from '../db/types.ts';
import { retractClaim } from '../db/writes/claims.ts';
import { retractRelation } from '../db/writes/relations.ts';
import { NotFoundError } from '../domain/errors.ts';
import { ClaimNode } from './claim.ts';
import { MUTATION_ERRORS } from './errors.ts';
import { idOfType, requiredReason } from './mutation-inputs.ts';
import { RelationNode } from './relation.ts';
import { write } from './write.ts';

/** What retract can withdraw: the type named by the global ID and its database id. */
function retractable(globalId: string): { type: 'Claim' | 'Relation'; id: number } {
  for (const type of ['Claim', 'Relation'] as const) {
    try {
      return { type, id: idOfType(globalId, type, 'input.id') };
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  throw new NotFoundError(`input.id: "${globalId}" is not the ID of a claim or a relation.`, globalId);
}

builder.relayMutationField(
  'retract',
  {
    description: 'Input of retract.',
    inputFields: (t) => ({
      id: t.id({ required: true, description: 'The claim or relation to withdraw.' }),
      reason: t.string({ required: true, description: 'Why it is withdrawn, for the audit trail and its history.', validate: requiredReason }),
    }),
  },
  {
    description:
      'Withdraws a claim or a relation that proved wrong (admin). It stays in the database as RETRACTED, hidden from lists, ' +
      'walks, series, conflicts and counts unless asked for, and its history shows who retracted it and why.',
    authScopes: { admin: true },
    errors: { types: MUTATION_ERRORS },
    resolve: async (_root, { input }, context) => {
      const target = retractable(String(input.id));
      if (target.type === 'Claim') return { claim: await write(context, (w) => retractClaim(w, target.id, input.reason)), relation: null };
      return { claim: null, relation: await write(context, (w) => retractRelation(w, target.id, input.reason)) };
    },
  },
  {
    description: 'Result of retract: the object withdrawn (the other field is null).',
    outputFields: (t) => ({
      claim: t.field({
        type: ClaimNode,
        nullable: true,
        description: 'The retracted claim, when the ID was a claim\'s.',
        resolve: (p: { claim: ClaimRow | null }) => p.claim,
      }),
      relation: t.field({
        type: RelationNode,
        nullable: true,
        description: 'The retracted relation, when the ID was a relation\'s.',
        resolve: (p: { relation: RelationRow | null }) => p.relation,
      }),
    }),
  },
);
