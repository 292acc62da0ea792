// The review queue's operations: the candidate figures (with a check of the token), and the decision.
import { graphql, type ResultOf } from '../graphql.ts';

/** Most candidates one page shows; the queue is oldest first, so decided ones make room. */
export const QUEUE_PAGE = 100;

export const ReviewQueueQuery = graphql(`
  query ExplorerReviewQueue($first: Int!) {
    viewer { name role }
    reviewQueue(kind: CLAIM, first: $first) {
      totalCount
      edges {
        node {
          __typename
          ... on Claim {
            id metric value unit unitText hedge
            period { text start end }
            qualifiers { product direction mode }
            conversion { value unit hedge }
            subjects { role inferred note entity { id name } }
            citations { id quote article { id title publisher publishedAt } }
          }
        }
      }
    }
  }
`);

export const ReviewClaimMutation = graphql(`
  mutation ExplorerReviewClaim($input: ReviewClaimInput!) {
    reviewClaim(input: $input) {
      __typename
      ... on ReviewClaimPayload { claim { id status } }
      ... on Error { message }
    }
  }
`);

type QueueNode = ResultOf<typeof ReviewQueueQuery>['reviewQueue']['edges'][number]['node'];
export type CandidateClaim = Extract<QueueNode, { __typename: 'Claim' }>;
