// Query.path: the shortest chains of relations linking two entities, walked either way along each relation.
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { findShortestPaths, PathSearchTooBroadError, type Path, type PathStep } from '../db/paths.ts';
import type { RelationKind } from '../domain/vocabulary.ts';
import { findEntityBySlug } from '../db/entities.ts';
import { parseGlobalId } from '../domain/global-ids.ts';
import { clientError } from '../errors.ts';
import { EntityNode } from './entity.ts';
import { RelationKindEnum } from './enums.ts';
import { parseNumericId } from './ids.ts';
import { RelationNode } from './relation.ts';

const DEFAULT_PATH_DEPTH = 3;
// Four relations already reach most of the graph through a shared country or city; longer chains say little.
const MAX_PATH_DEPTH = 4;
const DEFAULT_PATH_COUNT = 10;
const MAX_PATHS = 50;

const PathStepRef = builder.objectRef<PathStep>('PathStep').implement({
  description: 'One relation of a path, walked from one entity to the next.',
  fields: (t) => ({
    // The search already read the relation's row, so it is handed over whole rather than loaded again.
    relation: t.field({ type: RelationNode, description: 'The relation walked, with its kind and citations.', resolve: (step) => step.relation }),
    from: t.field({ type: EntityNode, description: 'The entity this step leaves.', resolve: (step) => step.fromId }),
    to: t.field({ type: EntityNode, description: 'The entity this step arrives at.', resolve: (step) => step.toId }),
    forward: t.boolean({
      description: 'True when the step goes from the relation\'s subject to its object; false when it goes against it.',
      resolve: (step) => step.forward,
    }),
  }),
});

const PathRef = builder.objectRef<Path>('Path').implement({
  description: 'A chain of relations leading from one entity to another.',
  fields: (t) => ({
    length: t.int({ description: 'How many relations the chain has (0 when it starts where it ends).', resolve: (path) => path.steps.length }),
    entities: t.field({
      type: [EntityNode],
      description: 'The entities along the chain, from the start to the end.',
      resolve: (path) => path.entityIds,
    }),
    steps: t.field({ type: [PathStepRef], description: 'The relations along the chain, in the order walked.', resolve: (path) => path.steps }),
  }),
});

/** The database id inside an Entity global ID; an ID of another type is the client's mistake. */
/**
 * The entity an end names: a global Entity ID, or else a slug as typed. An ID of another type is
 * INVALID_ID; a slug that names nothing is BAD_USER_INPUT.
 */
async function entityIdOf(context: Context, argument: 'from' | 'to', given: string): Promise<number> {
  const globalID = parseGlobalId(given);
  if (globalID) {
    if (globalID.typename !== 'Entity') {
      throw clientError(`"${argument}" must be the ID of an Entity, but it names an object of type ${globalID.typename}`, 'INVALID_ID');
    }
    return parseNumericId(globalID.id);
  }
  const entity = await findEntityBySlug(context.db, given);
  if (!entity) throw clientError(`"${argument}" names no entity: "${given}" is neither an Entity ID nor a slug`);
  return entity.id;
}

function checkRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw clientError(`"${name}" must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

/**
 * Loads both ends through the Entity loader (one statement, and their rows are cached for the
 * response) and gives their ids: an end merged away is searched from its survivor.
 */
async function loadEnds(context: Context, fromId: number, toId: number): Promise<{ fromId: number; toId: number }> {
  const loader = EntityNode.getDataloader(context);
  const [from, to] = await Promise.all([loader.load(fromId), loader.load(toId)]);
  if (from == null) throw clientError('"from" names no entity that exists');
  if (to == null) throw clientError('"to" names no entity that exists');
  return { fromId: from.id, toId: to.id };
}

builder.queryField('path', (t) =>
  t.field({
    type: [PathRef],
    description:
      'The shortest chains of relations linking two entities, walking each relation either way (see PathStep.forward). ' +
      'Every chain of the shortest length is returned, up to first, ordered by the ids of its relations; an empty list ' +
      'when there is none within maxDepth. Only curated relations are walked, and only through entities that lists show ' +
      '(curated, not merged away); the two ends may be any entity. An ID naming no entity is a ' +
      'BAD_USER_INPUT error; a search that would read too much of the graph fails with PATH_SEARCH_TOO_BROAD.',
    args: {
      from: t.arg.id({ required: true, description: 'The entity the chains start from: its ID, or its slug ("xian").' }),
      to: t.arg.id({ required: true, description: 'The entity the chains end at: its ID, or its slug.' }),
      maxDepth: t.arg.int({
        defaultValue: DEFAULT_PATH_DEPTH,
        description: `The longest chain to look for, in relations (1 to ${MAX_PATH_DEPTH}; default ${DEFAULT_PATH_DEPTH}).`,
      }),
      kinds: t.arg({ type: [RelationKindEnum], description: 'Walk only relations of these kinds (default: every kind).' }),
      first: t.arg.int({
        defaultValue: DEFAULT_PATH_COUNT,
        description: `Return at most this many of the shortest chains (1 to ${MAX_PATHS}; default ${DEFAULT_PATH_COUNT}).`,
      }),
    },
    resolve: async (_root, args, context) => {
      const maxDepth = checkRange('maxDepth', args.maxDepth ?? DEFAULT_PATH_DEPTH, 1, MAX_PATH_DEPTH);
      const limit = checkRange('first', args.first ?? DEFAULT_PATH_COUNT, 1, MAX_PATHS);
      const [fromRequested, toRequested] = await Promise.all([
        entityIdOf(context, 'from', String(args.from)),
        entityIdOf(context, 'to', String(args.to)),
      ]);
      const requested = { from: fromRequested, to: toRequested };
      const { fromId, toId } = await loadEnds(context, requested.from, requested.to);
      try {
        return await findShortestPaths(context.db, {
          fromId,
          toId,
          maxDepth,
          kinds: (args.kinds ?? null) as RelationKind[] | null,
          limit,
        });
      } catch (error) {
        if (!(error instanceof PathSearchTooBroadError)) throw error;
        throw clientError(
          `The path search reaches too much of the graph (over ${error.maxRelationsRead} relations); ` +
            'narrow it with kinds or a smaller maxDepth',
          'PATH_SEARCH_TOO_BROAD',
        );
      }
    },
  }),
);
