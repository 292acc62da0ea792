// Whether a quote names the entities a claim or relation attaches to it: by one of their names
// (folded, whole words), by a contextual mention the curated file declares for that statement
// ("the border city" for Khorgos), or not at all, which for a claim subject must be marked as the
// curator's inference.
import { foldName } from './name-fold.ts';

/** True when one of `names` occurs in `quote` as whole words, case, accents, apostrophes and possessives folded. */
export function quoteNames(quote: string, names: readonly string[]): boolean {
  const folded = ` ${foldName(quote)} `;
  return names.some((name) => {
    const form = foldName(name);
    return form !== '' && folded.includes(` ${form} `);
  });
}

/** What the checks need of a planned statement: its quote and the mentions its file declares. */
interface Statement {
  sourceKey: string;
  quote: string;
  /** Entity slug -> the phrase of the quote that refers to it. */
  refersTo?: Readonly<Record<string, string>>;
  /** Slugs of the claim subjects this statement attaches by inference (marked in its file). */
  inferred?: readonly string[];
}

interface Named {
  slug: string;
  name: string;
  aliases: readonly string[];
}

export interface UnreferencedEnd {
  sourceKey: string;
  /** The claim key, or "kind subject -> object" for a relation. */
  item: string;
  slug: string;
  quote: string;
}

/** How a statement's quote reaches an entity: by a name, by a declared mention, or not at all. */
export function referenceOf(statement: Statement, entity: Named): 'named' | 'mentioned' | null {
  if (quoteNames(statement.quote, [entity.name, ...entity.aliases])) return 'named';
  return statement.refersTo?.[entity.slug] !== undefined ? 'mentioned' : null;
}

function entityLookup(entities: readonly Named[]): (slug: string) => Named {
  const bySlug = new Map(entities.map((entity) => [entity.slug, entity]));
  return (slug) => bySlug.get(slug) ?? { slug, name: slug, aliases: [] };
}

/** Relation ends that a citation's quote neither names nor refers to. */
export function unreferencedRelationEnds(plan: {
  entities: readonly Named[];
  relations: ReadonlyArray<{ kind: string; subject: string; object: string; citations: readonly Statement[] }>;
}): UnreferencedEnd[] {
  const entity = entityLookup(plan.entities);
  return plan.relations.flatMap((relation) =>
    relation.citations.flatMap((citation) =>
      [relation.subject, relation.object]
        .filter((slug) => referenceOf(citation, entity(slug)) === null)
        .map((slug) => ({
          sourceKey: citation.sourceKey, item: `${relation.kind} ${relation.subject} -> ${relation.object}`, slug, quote: citation.quote,
        })),
    ),
  );
}

/**
 * Claim subjects that a citation's quote neither names nor refers to, where the citation's file does
 * not mark them as inferred either.
 */
export function unreferencedClaimSubjects(plan: {
  entities: readonly Named[];
  claims: ReadonlyArray<{ key: string; subjects: ReadonlyArray<{ slug: string }>; citations: readonly Statement[] }>;
}): UnreferencedEnd[] {
  const entity = entityLookup(plan.entities);
  return plan.claims.flatMap((claim) =>
    claim.citations.flatMap((citation) =>
      claim.subjects
        .filter((subject) => !citation.inferred?.includes(subject.slug) && referenceOf(citation, entity(subject.slug)) === null)
        .map((subject) => ({ sourceKey: citation.sourceKey, item: claim.key, slug: subject.slug, quote: citation.quote })),
    ),
  );
}
