// Query.reviewQueue: the candidate entities, claims and relations that wait for an editor's review.
import { brandWithType } from '@pothos/core';
import { builder } from '../builder.ts';
import { pageReviewQueue, type ReviewKind } from '../db/review.ts';
import { ClaimNode } from './claim.ts';
import { toConnection, toPageRequest } from './connection.ts';
import { EntityNode } from './entity.ts';
import { RelationNode } from './relation.ts';

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
