// API tokens through the API (admin): issue one (its secret shown once), revoke one, list them.
import { z } from 'zod';
import { builder } from '../builder.ts';
import { issueToken, revokeTokenByName, TOKEN_NAME } from '../auth/issue.ts';
import { listTokens, type TokenSummary } from '../db/tokens.ts';
import { MUTATION_ERRORS } from './errors.ts';
import { optionalReason } from './mutation-inputs.ts';
import { write } from './write.ts';

export const RoleEnum = builder.enumType('Role', {
  description: 'What a token may do.',
  values: {
    EDITOR: { value: 'editor' as const, description: 'Create and update entities, aliases, relations and claims; review candidates.' },
    ADMIN: { value: 'admin' as const, description: 'Everything an editor may, and merge, retract, manage tokens and read the audit log.' },
  },
});

const iso = (date: Date | string | null) => (date ? new Date(date).toISOString() : null);

const ApiToken = builder.objectRef<TokenSummary>('ApiToken').implement({
  description: 'An API token as the database keeps it: never the secret, only its hash (not exposed).',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The token\'s name; audit events show it as the actor.' }),
    role: t.field({ type: RoleEnum, description: 'What the token may do.', resolve: (token) => token.role as never }),
    createdAt: t.string({ description: 'When it was issued (ISO 8601).', resolve: (token) => iso(token.created_at)! }),
    lastUsedAt: t.string({ nullable: true, description: 'When it last authenticated a request; null if never.', resolve: (token) => iso(token.last_used_at) }),
    revokedAt: t.string({ nullable: true, description: 'When it was revoked; null while it works.', resolve: (token) => iso(token.revoked_at) }),
  }),
});

const tokenName = z.string().regex(TOKEN_NAME, 'A token name is 1 to 64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit.');
const admin = { admin: true } as const;

builder.relayMutationField(
  'createToken',
  {
    description: 'Input of createToken.',
    inputFields: (t) => ({
      name: t.string({ required: true, description: 'A unique name for the token (who or what uses it).', validate: tokenName }),
      role: t.field({ type: RoleEnum, required: true, description: 'What it may do.' }),
      reason: t.string({ description: 'Why, for the audit trail.', validate: optionalReason }),
    }),
  },
  {
    description: 'Issues an API token (admin). The secret is in the payload once; only its SHA-256 is stored.',
    authScopes: admin,
    errors: { types: MUTATION_ERRORS },
    resolve: async (_root, { input }, context) =>
      write(context, async (w) => {
        const { token, summary } = await issueToken(w.trx, input.name, input.role);
        await w.audit({ action: 'createToken', targetType: 'Token', targetId: summary.id, after: summary, reason: input.reason ?? null });
        return { token, apiToken: summary };
      }),
  },
  {
    description: 'Result of createToken.',
    outputFields: (t) => ({
      token: t.exposeString('token', { description: 'The secret: send it as "Authorization: Bearer <token>". Shown only now.' }),
      apiToken: t.field({ type: ApiToken, description: 'The stored token.', resolve: (p) => p.apiToken }),
    }),
  },
);

builder.relayMutationField(
  'revokeToken',
  {
    description: 'Input of revokeToken.',
    inputFields: (t) => ({
      name: t.string({ required: true, description: 'The token\'s name.', validate: tokenName }),
      reason: t.string({ description: 'Why, for the audit trail.', validate: optionalReason }),
    }),
  },
  {
    description: 'Revokes an API token at once (admin); it stays listed.',
    authScopes: admin,
    errors: { types: MUTATION_ERRORS },
    resolve: async (_root, { input }, context) =>
      write(context, async (w) => {
        const revoked = await revokeTokenByName(w.trx, input.name);
        await w.audit({ action: 'revokeToken', targetType: 'Token', targetId: revoked.id, before: { ...revoked, revoked_at: null }, after: revoked, reason: input.reason ?? null });
        return { apiToken: revoked };
      }),
  },
  {
    description: 'Result of revokeToken.',
    outputFields: (t) => ({ apiToken: t.field({ type: ApiToken, description: 'The revoked token.', resolve: (p) => p.apiToken }) }),
  },
);

builder.queryField('apiTokens', (t) =>
  t.field({
    type: [ApiToken],
    authScopes: admin,
    description: 'Every API token, revoked ones included, oldest first (admin).',
    resolve: (_root, _args, context) => listTokens(context.db),
  }),
);
