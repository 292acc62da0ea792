// Reviewing candidates: Query.reviewQueue lists what waits, reviewEntity/reviewClaim/reviewRelation decide it.
import { brandWithType } from '@pothos/core';
import { builder } from '../builder.ts';
import { pageReviewQueue, type ReviewKind } from '../db/review.ts';
import { ClaimNode } from './claim.ts';
import { toConnection, toPageRequest } from './connection.ts';
import { EntityNode } from './entity.ts';
import { RelationNode } from './relation.ts';
import type { Write } from '../db/audit.ts';
import { reviewClaim } from '../db/writes/claims.ts';
import { reviewEntity } from '../db/writes/entities.ts';
import { reviewRelation } from '../db/writes/relations.ts';
import { ReviewDecisionEnum } from './enums.ts';
import { MUTATION_ERRORS } from './errors.ts';
import { idOfType, requiredReason } from './mutation-inputs.ts';
import { write } from './write.ts';

const ReviewKindEnum = builder.enumType('ReviewKind', {
  description: 'What a review queue holds.',
  values: {
    ENTITY: { value: 'Entity' as const, description: 'Candidate entities (reviewEntity).' },
    CLAIM: { value: 'Claim' as const, description: 'Candidate figures (reviewClaim).' },
    RELATION: { value: 'Relation' as const, description: 'Candidate relations (reviewRelation).' },
  },
});

const REVIEW_NODES = { Entity: EntityNode, Claim: ClaimNode, Relation: RelationNode } as const;

const ReviewCandidate = builder.unionType('ReviewCandidate', {
  description: 'Something waiting for review: an entity, a claim or a relation in state CANDIDATE.',
  types: [EntityNode, ClaimNode, RelationNode],
});

const ReviewCandidateConnection = builder.connectionObject({ type: ReviewCandidate, name: 'ReviewCandidateConnection' });

builder.queryField('reviewQueue', (t) =>
  t.field({
    type: ReviewCandidateConnection,
    description: 'Candidates of one kind awaiting review, oldest first. Accept or reject them with reviewEntity, reviewClaim or reviewRelation.',
    args: {
      ...t.arg.connectionArgs(),
      kind: t.arg({ type: ReviewKindEnum, required: true, description: 'Which queue: entities, claims or relations.' }),
    },
    resolve: async (_root, args, context) => {
      const kind: ReviewKind = args.kind;
      const page = await pageReviewQueue(context.db, kind, toPageRequest(args));
      return toConnection(page, (row) => {
        // Branded with its type, so the union knows what each row is.
        brandWithType(row, REVIEW_NODES[kind] as never);
        return { node: row };
      });
    },
  }),
);

/** The review mutation of one kind of candidate: same input, same rules, its node in the payload. */
function reviewMutation(
  type: 'Entity' | 'Claim' | 'Relation',
  payloadField: 'entity' | 'claim' | 'relation',
  review: (write: Write, id: number, accept: boolean, reason: string) => Promise<object>,
) {
  const name = `review${type}`;
  const noun = type.toLowerCase();
  builder.relayMutationField(
    name,
    {
      description: `Input of ${name}.`,
      inputFields: (t) => ({
        id: t.id({ required: true, description: `The candidate ${noun}.` }),
        decision: t.field({ type: ReviewDecisionEnum, required: true, description: 'ACCEPT or REJECT.' }),
        reason: t.string({ required: true, description: 'Why, for the audit trail.', validate: requiredReason }),
      }),
    },
    {
      description: `Accepts (CURATED) or rejects (REJECTED) a candidate ${noun} (editor); anything not a candidate is a ConflictError.`,
      authScopes: { editor: true },
      errors: { types: MUTATION_ERRORS },
      resolve: async (_root, { input }, context) => {
        const id = idOfType(String(input.id), type, 'input.id');
        return { row: await write(context, (w) => review(w, id, input.decision === 'accept', input.reason)) };
      },
    },
    {
      description: `Result of ${name}.`,
      outputFields: (t) => ({
        [payloadField]: t.field({
          type: REVIEW_NODES[type] as typeof EntityNode,
          description: `The ${noun} as it is now.`,
          resolve: (payload: { row: object }) => payload.row as never,
        }),
      }),
    },
  );
}

reviewMutation('Entity', 'entity', reviewEntity);
reviewMutation('Claim', 'claim', reviewClaim);
reviewMutation('Relation', 'relation', reviewRelation);
