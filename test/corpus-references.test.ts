// What a quote must name: every relation end and every claim subject is named by the quote (a name
// or alias, folded), referred to in words the file declares (refers_to), or, for a claim subject,
// marked as the curator's inference. Aliases are names, not contextual phrases.
import { describe, expect, it } from 'vitest';
import { CorpusError, planCorpus, readCorpusFiles, type CorpusPlan } from '../src/ingest/corpus.ts';
import { CORPUS_DIR } from '../src/ingest/load-corpus.ts';
import { quoteNames, referenceOf, unreferencedClaimSubjects, unreferencedRelationEnds } from '../src/ingest/references.ts';
import { claim, corpusFile, relation } from './support/corpus-fixture.ts';

function problemsOf(files: Parameters<typeof planCorpus>[0]): string[] {
  try {
    planCorpus(files);
  } catch (error) {
    expect(error).toBeInstanceOf(CorpusError);
    return (error as CorpusError).problems;
  }
  throw new Error('expected planCorpus to throw a CorpusError');
}

describe('quoteNames', () => {
  it('finds a name folded: case, accents, apostrophes and a possessive do not matter', () => {
    expect(quoteNames('China remains Kazakhstan’s largest trading partner', ['Kazakhstan'])).toBe(true);
    expect(quoteNames('the joint cargo terminal in Xi’an', ["Xi'an"])).toBe(true);
    expect(quoteNames('KAZAKHSTAN’S EMBASSY', ['Kazakhstan'])).toBe(true);
  });

  it('finds whole words only', () => {
    expect(quoteNames('Lianyungang, a coastal city', ['Li'])).toBe(false);
    expect(quoteNames('Kazakh student', ['Kazakhstan'])).toBe(false);
  });
});

describe('the loader', () => {
  const mayor = 'Its mayor said the city also sold pears.';

  it('refuses a relation whose quote neither names nor refers to one of its ends, naming the end', () => {
    const problems = problemsOf([corpusFile('a', { relations: [relation({ kind: 'located_in', quote: mayor, refers_to: { alpha: 'the city' } })] })]);
    expect(problems).toEqual([
      `a.yaml relation located_in alpha -> beta: the quote ${JSON.stringify(mayor)} neither names "beta" (its name or an alias) ` +
        'nor refers to it in words declared under refers_to',
    ]);
  });

  it('accepts the ends referred to in declared words', () => {
    const plan = planCorpus([corpusFile('a', { relations: [relation({ kind: 'partner_of', quote: mayor, refers_to: { alpha: 'Its', beta: 'the city' } })] })]);
    expect(plan.relations[0]!.citations[0]!.refersTo).toEqual({ alpha: 'Its', beta: 'the city' });
  });

  it('refuses a declared phrase that is not in the quote, or an entity the statement is not about', () => {
    const problems = problemsOf([
      corpusFile('a', { claims: [claim('alpha-apples', { refers_to: { alpha: 'the town', gamma: 'Beta City' } })] }),
    ]);
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/refers_to "alpha": "the town" is not in the quote/);
    expect(problems.join('\n')).toMatch(/refers_to names "gamma", which this statement is not about/);
  });

  it('lists claim subjects neither named, nor referred to, nor marked inferred', () => {
    const plan = planCorpus([corpusFile('a', {
      claims: [
        claim('alpha-growth', { metric: 'growth', value: 12, unit: 'percent', hedge: 'exact', quote: 'Exports rose 12 percent.' }),
        claim('alpha-apples'),
      ],
    })]);
    expect(unreferencedClaimSubjects(plan).map((s) => `${s.item} ${s.slug}`)).toEqual(['alpha-growth alpha', 'alpha-growth beta']);
  });
});

describe('the curated corpus', () => {
  let plan: CorpusPlan;
  const load = async () => (plan ??= planCorpus(await readCorpusFiles(CORPUS_DIR)));

  it('names or refers to both ends of every relation in each of its quotes', async () => {
    expect(unreferencedRelationEnds(await load())).toEqual([]);
  });

  it('names, refers to or marks as inferred every subject of every claim in each of its quotes', async () => {
    expect(unreferencedClaimSubjects(await load())).toEqual([]);
  });

  it('marks a subject inferred only where no quote of the claim names it or refers to it', async () => {
    const { claims, entities } = await load();
    const bySlug = new Map(entities.map((e) => [e.slug, e]));
    const inferred = claims.flatMap((c) => c.subjects.filter((s) => s.inferred).map((s) => ({ claim: c, subject: s })));
    expect(inferred.length).toBeGreaterThan(0);
    for (const { claim, subject } of inferred) {
      expect(subject.note, claim.key).toBeTruthy();
      for (const citation of claim.citations) expect(referenceOf(citation, bySlug.get(subject.slug)!), `${claim.key} ${subject.slug}`).toBeNull();
    }
  });

  it('has no contextual phrase among its aliases: no description that starts with an article, no bare part of a person\'s name', async () => {
    const { entities } = await load();
    for (const entity of entities) {
      for (const alias of entity.aliases) {
        expect(alias, `${entity.slug}: "${alias}"`).not.toMatch(/^(the|a|an|this|its)\s/i);
        if (entity.kind === 'person') {
          const parts = entity.name.split(/\s+/);
          expect(parts.length > 1 && parts.includes(alias), `${entity.slug}: "${alias}" is a bare part of "${entity.name}"`).toBe(false);
        }
      }
    }
    const aliases = new Set(entities.flatMap((e) => e.aliases));
    for (const phrase of ['the border city', 'the highway port', 'Li', 'city wall', "Xi'an branch", 'Foreign Ministry', 'joint cargo terminal in Xi’an']) {
      expect(aliases.has(phrase), phrase).toBe(false);
    }
  });
});
