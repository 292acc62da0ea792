// Mutations on entities: create, update, aliases, review of candidates.
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { Write } from '../db/audit.ts';
import { addAlias, createEntity, removeAlias, updateEntity } from '../db/writes/entities.ts';
import type { EntityRow } from '../db/types.ts';
import type { EntityKind } from '../domain/vocabulary.ts';
import { EntityNode } from './entity.ts';
import { EntityKindEnum } from './enums.ts';
import { MUTATION_ERRORS } from './errors.ts';
import { idOfType, MAX_TEXT_LENGTH, nameText, optionalReason } from './mutation-inputs.ts';
import { write } from './write.ts';

const description = z.string().trim().max(MAX_TEXT_LENGTH, `At most ${MAX_TEXT_LENGTH} characters.`).nullish();

/** A mutation whose payload is the entity it changed. */
function entityPayload(t: any) {
  return { entity: t.field({ type: EntityNode, description: 'The entity as it is now.', resolve: (p: { entity: EntityRow }) => p.entity }) };
}

const editor = { editor: true } as const;

builder.relayMutationField(
  'createEntity',
  {
    description: 'Input of createEntity.',
    inputFields: (t) => ({
      name: t.string({ required: true, description: 'Canonical name.', validate: nameText }),
      kind: t.field({ type: EntityKindEnum, required: true, description: 'What sort of thing it is.' }),
      slug: t.string({
        description: 'Readable identifier (lowercase words joined by hyphens); made from the name when omitted.',
        validate: z.string().max(100, 'At most 100 characters.').nullish(),
      }),
      description: t.string({ description: 'A short description drawn from the articles.', validate: description }),
      aliases: t.stringList({ description: 'Other names and spellings.', validate: z.array(nameText).max(50, 'At most 50 aliases.').nullish() }),
      reason: t.string({ description: 'Why, for the audit trail.', validate: optionalReason }),
    }),
  },
  {
    description: 'Adds a curated entity (editor).',
    authScopes: editor,
    errors: { types: MUTATION_ERRORS },
    resolve: async (_root, { input }, context) => ({
      entity: await write(context, (w: Write) =>
        createEntity(w, { ...input, kind: input.kind as EntityKind }, input.reason ?? null),
      ),
    }),
  },
  { description: 'Result of createEntity.', outputFields: entityPayload },
);

builder.relayMutationField(
  'updateEntity',
  {
    description: 'Input of updateEntity: the fields to change; omitted ones stay.',
    inputFields: (t) => ({
      id: t.id({ required: true, description: 'The entity.' }),
      name: t.string({ description: 'New canonical name; the old one stays as an alias.', validate: nameText.nullish() }),
      kind: t.field({ type: EntityKindEnum, description: 'New kind.' }),
      description: t.string({ description: 'New description; an empty string clears it.', validate: description }),
      reason: t.string({ description: 'Why, for the audit trail.', validate: optionalReason }),
    }),
  },
  {
    description: 'Changes an entity\'s name, kind or description (editor).',
    authScopes: editor,
    errors: { types: MUTATION_ERRORS },
    resolve: async (_root, { input }, context) => {
      const id = idOfType(String(input.id), 'Entity', 'input.id');
      const changes = {
        name: input.name,
        kind: (input.kind ?? null) as EntityKind | null,
        ...(input.description !== undefined ? { description: input.description } : {}),
      };
      return { entity: await write(context, (w) => updateEntity(w, id, changes, input.reason ?? null)) };
    },
  },
  { description: 'Result of updateEntity.', outputFields: entityPayload },
);

for (const [name, action, verb] of [
  ['addAlias', addAlias, 'Adds another name or spelling to an entity (editor).'],
  ['removeAlias', removeAlias, 'Removes an alias from an entity (editor); the canonical name cannot be removed.'],
] as const) {
  builder.relayMutationField(
    name,
    {
      description: `Input of ${name}.`,
      inputFields: (t) => ({
        entity: t.id({ required: true, description: 'The entity.' }),
        alias: t.string({ required: true, description: 'The alias, as written.', validate: nameText }),
        reason: t.string({ description: 'Why, for the audit trail.', validate: optionalReason }),
      }),
    },
    {
      description: verb,
      authScopes: editor,
      errors: { types: MUTATION_ERRORS },
      resolve: async (_root, { input }, context) => {
        const id = idOfType(String(input.entity), 'Entity', 'input.entity');
        return { entity: await write(context, (w) => action(w, id, input.alias, input.reason ?? null)) };
      },
    },
    { description: `Result of ${name}.`, outputFields: entityPayload },
  );
}
