// Query.viewer: who the Authorization header's token is, so a client (the explorer's review queue)
// can check a token before it writes. Reads otherwise never look at the token.
import type { Actor } from '../auth/authenticate.ts';
import { builder } from '../builder.ts';
import { RoleEnum } from './token.ts';

const Viewer = builder.objectRef<Actor>('Viewer').implement({
  description: 'The caller of a request, as its API token names it.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The token\'s name (audit events record it as the actor).' }),
    role: t.field({ type: RoleEnum, description: 'What the token may do.', resolve: (actor) => actor.role }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: Viewer,
    nullable: true,
    description:
      'The caller, as the token in "Authorization: Bearer <token>" identifies it; null without one. A malformed, unknown or ' +
      'revoked token is an UNAUTHENTICATED error (HTTP 401): a way to check a token before writing with it.',
    resolve: (_root, _args, context) => context.caller.resolve(),
  }),
);
