// Assembles the schema: importing each domain file registers its types and fields on the builder.
import { builder } from '../builder.ts';
import './entity.ts';
import './article.ts';
import './citation.ts';
import './claim.ts';
import './relation.ts';
import './path.ts';
import './search.ts';
import './audit.ts';
import './review.ts';
import './errors.ts';
import './entity-mutations.ts';
import './merge-mutations.ts';
import './relation-mutations.ts';
import './claim-mutations.ts';
import './retract-mutation.ts';
import './token.ts';
import './mention.ts';
import './article-citations.ts';
import './viewer.ts';
import './ingest.ts';

builder.mutationType({ description: 'Changes to the knowledge graph. Every mutation needs an API token (Authorization: Bearer <token>) and is recorded in the audit trail.' });

export const schema = builder.toSchema({ sortSchema: true });
